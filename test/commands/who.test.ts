import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandError } from '../../commands/errors.js';
import { resolveWho } from '../../commands/who.js';
import { openStore } from '../../src/store/index.js';
import { silentLogger } from '../../src/log.js';
import type { MeetingRecord, Store } from '../../src/store/types.js';
import { connection, meeting, stream } from '../store/fixtures.js';

describe('resolveWho', () => {
  let store: Store;
  let m: MeetingRecord;
  beforeAll(async () => {
    store = await openStore('sqlite::memory:', { log: silentLogger });
    m = await store.createMeeting(meeting());
    await store.upsertConnection(connection({ connectionId: 'c-ada-1', userId: 'U1', name: 'Ada Lovelace' }));
    await store.upsertConnection(
      connection({ connectionId: 'c-ada-2', userId: 'U1', name: 'Ada Lovelace', joinedAt: 2 }),
    );
    await store.upsertConnection(connection({ connectionId: 'c-alex-1', userId: 'U2', name: 'Alex' }));
    await store.upsertConnection(connection({ connectionId: 'c-alex-2', userId: 'U3', name: 'alex' }));
    await store.upsertConnection(
      connection({ connectionId: 'c-gone', userId: 'U4', name: 'Gone', leftAt: 5 }),
    );
    await store.upsertConnection(
      connection({ connectionId: 'c-guest', userId: null, name: 'Bob', kind: 'unknown' }),
    );
    await store.upsertStream(stream({ streamId: 's-ada', connectionId: 'c-ada-2', name: 'Ada Lovelace' }));
  });
  afterAll(async () => {
    await store.close();
  });
  const who = (w: string) => resolveWho({ store }, m, w);
  const fails = async (w: string) => {
    const err = await who(w).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommandError);
    return (err as CommandError).message;
  };

  it('finds a person by mention of either platform, user ID, connection ID or stream ID, with all their connections', async () => {
    for (const w of ['<@U1>', '<@U1|ada>', '<@!U1>', 'U1']) {
      const p = await who(w);
      expect(p.connections.map((c) => c.connectionId).sort()).toEqual(['c-ada-1', 'c-ada-2']);
      expect(p.streams.map((s) => s.streamId)).toEqual(['s-ada']);
      expect(p.label).toBe('Ada Lovelace');
    }
    expect((await who('c-alex-1')).userId).toBe('U2');
    expect((await who('s-ada')).userId).toBe('U1');
  });

  it('matches display names case-insensitively, then by an unambiguous start', async () => {
    expect((await who('ada lovelace')).userId).toBe('U1');
    expect((await who('ada')).userId).toBe('U1');
    expect((await who('bob')).connections[0]!.connectionId).toBe('c-guest');
  });

  it('says clearly when a name is ambiguous or nobody matches', async () => {
    expect(await fails('ALEX')).toMatch(
      /^`ALEX` matches 2 people: Alex #1 \(`c-alex-1`\), alex #2 \(`c-alex-2`\); use the name as listed, a mention or a connection ID\.$/,
    );
    expect(await fails('Gone')).toBe(
      'Nobody matching `Gone` is in the meeting; `/video participants` lists who is.',
    );
    expect(await fails('<@U999>')).toContain('Nobody matching `<@U999>`');
  });

  it('tells phone legs to one number apart by the number the card shows, never grouping them', async () => {
    for (const i of [1, 2, 3])
      await store.upsertConnection(
        connection({
          connectionId: `c-tel-${i}`,
          userId: 'U1',
          name: '+15551234567',
          kind: 'sip',
          joinedAt: 10 + i,
        }),
      );
    expect(await fails('+15551234567')).toMatch(
      /^`\+15551234567` matches 3 people: \+15551234567 #1 \(`c-tel-1`\)/,
    );
    const two = await who('+15551234567 #2');
    expect(two.label).toBe('+15551234567 #2');
    expect(two.connections.map((c) => c.connectionId)).toEqual(['c-tel-2']);
    // The dialler's own user ID does not pull their phone legs in with them.
    expect((await who('<@U1>')).connections.map((c) => c.connectionId).sort()).toEqual([
      'c-ada-1',
      'c-ada-2',
    ]);
  });
});
