import { describe, expect, it } from 'vitest';
import { MAX_CONNECTION_DATA, connectionData, nameFromData, parseConnectionData } from '../src/identity.js';

describe('connection identity in token data', () => {
  it('round-trips a chat user and a machine leg', () => {
    const data = connectionData({ platform: 'discord', userId: '81234567', name: 'Zoë "Z" Ng' });
    expect(parseConnectionData(data)).toEqual({
      kind: 'user',
      platform: 'discord',
      userId: '81234567',
      name: 'Zoë "Z" Ng',
    });
    expect(
      parseConnectionData(
        connectionData({ platform: 'slack', userId: 'U1', name: '+14155550100', kind: 'sip' }),
      ),
    ).toMatchObject({ kind: 'sip', name: '+14155550100' });
  });

  it('stays within the Video API limit of 1000 characters, even for long names that need escaping', () => {
    for (const name of ['x'.repeat(5000), '"'.repeat(2000), '\u0001'.repeat(900), '🎥'.repeat(800)]) {
      const data = connectionData({ platform: 'slack', userId: 'U1', name });
      expect(data.length).toBeLessThanOrEqual(MAX_CONNECTION_DATA);
      expect(parseConnectionData(data)?.userId).toBe('U1');
    }
  });

  it('reads anything else as unknown', () => {
    for (const data of [
      undefined,
      null,
      '',
      'name=Bob',
      '{"v":2,"k":"user","p":"slack","u":"U","n":"x"}',
      '{"v":1,"k":"robot","p":"slack","u":"U","n":"x"}',
      '{"v":1,"k":"user","p":"irc","u":"U","n":"x"}',
      '{oops',
      '[1]',
    ]) {
      expect(parseConnectionData(data)).toBeNull();
    }
  });
});

describe('names in token data written by other apps', () => {
  it('reads a name from JSON, a query string or plain text', () => {
    expect(nameFromData('{"name":"Alice"}')).toBe('Alice');
    expect(nameFromData('{"displayName":"Al Ice","role":"host"}')).toBe('Al Ice');
    expect(nameFromData('{"username":"alice42"}')).toBe('alice42');
    expect(nameFromData('name=Alice')).toBe('Alice');
    expect(nameFromData('role=host&name=Alice%20B')).toBe('Alice B');
    expect(nameFromData('Alice')).toBe('Alice');
    expect(nameFromData('  Alice \n Smith ')).toBe('Alice Smith');
  });

  it('finds no name where there is none, and never shows raw data', () => {
    for (const data of [
      null,
      undefined,
      '',
      '   ',
      '{"role":"host"}',
      '[1,2]',
      '{not json',
      'role=host',
      '{"name":42}',
    ])
      expect(nameFromData(data)).toBeNull();
    expect(nameFromData('x'.repeat(5000))).toBeNull();
    expect(nameFromData('y'.repeat(300))).toHaveLength(100);
  });

  it('leaves its own token data to parseConnectionData', () => {
    const ours = connectionData({ platform: 'slack', userId: 'U1', name: 'Ada' });
    expect(parseConnectionData(ours)?.name).toBe('Ada');
    expect(parseConnectionData('{"name":"Alice"}')).toBeNull();
  });
});
