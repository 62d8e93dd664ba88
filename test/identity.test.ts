import { describe, expect, it } from 'vitest';
import { MAX_CONNECTION_DATA, connectionData, parseConnectionData } from '../src/identity.js';

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
