import { describe, expect, it } from 'vitest';
import { decodeSessionId, encodeSessionId, sessionProjectId } from '../../src/video/session-id.js';

describe('session IDs', () => {
  it('decodes the official SDK test fixture (no padding)', () => {
    const d = decodeSessionId('1_MX4xMjM0NTZ-flNhdCBNYXIgMTUgMTQ6NDI6MjMgUERUIDIwMTR-MC40OTAxMzAyNX4');
    expect(d).toEqual({
      prefix: '1_',
      projectId: '123456',
      location: '',
      createdAt: 'Sat Mar 15 14:42:23 PDT 2014',
      random: '0.49013025',
    });
  });

  it('round-trips encodeSessionId, including an IP location and the 2_ prefix', () => {
    const id = encodeSessionId('abc-app', { location: '10.0.0.1', prefix: '2_' });
    expect(id.startsWith('2_')).toBe(true);
    expect(decodeSessionId(id)).toMatchObject({ prefix: '2_', projectId: 'abc-app', location: '10.0.0.1' });
    expect(sessionProjectId(id)).toBe('abc-app');
  });

  it('is lenient about padding and the standard base64 alphabet', () => {
    const id = encodeSessionId('777');
    const std = id.replace(/-/g, '+').replace(/_/g, '/');
    expect(sessionProjectId('1_' + std.slice(2) + '==')).toBe('777');
  });

  it('returns undefined for garbage instead of throwing', () => {
    expect(decodeSessionId('')).toBeUndefined();
    expect(decodeSessionId('1_')).toBeUndefined();
    expect(decodeSessionId('hello world')).toBeUndefined();
    expect(decodeSessionId(42 as unknown as string)).toBeUndefined();
  });
});
