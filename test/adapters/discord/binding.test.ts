import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingRecord } from '../../../src/store/types.js';
import { startDiscordHarness, type DiscordHarness, type Who } from './harness.js';

// Issue 12 on Discord: a component carries only the meeting's key, so a signed click from another
// guild or channel carrying g1/c1's key is refused (one sentence, an audit entry), and no form or
// confirmation opens for it.

const ELSEWHERE =
  "That control belongs to a meeting in another channel; use the card in this channel's meeting.";
const ADMIN: Who = { id: 'u-admin', perms: String(1n << 3n) }; // Administrator, in whichever guild it clicks from
const HOST: Who = { id: 'u-host' };

describe('Discord: controls work only where their meeting is', () => {
  let h: DiscordHarness;
  let m: MeetingRecord;
  const text = (r: { body: unknown }) => JSON.stringify(r.body);
  beforeAll(async () => {
    h = await startDiscordHarness();
    const start = h.interaction(2, HOST, {
      name: 'video',
      type: 1,
      options: [{ type: 1, name: 'start', options: [{ name: 'title', type: 3, value: 'Bound' }] }],
    });
    await h.send(start);
    await h.result(start.token);
    await h.settle();
    m = await h.meeting();
  });
  afterAll(async () => h?.close());

  it('an admin of guild g2 cannot record a g1 meeting with its key; the try is audited', async () => {
    const i = h.interaction(
      3,
      ADMIN,
      { custom_id: `v1|record.start|${m.id}|`, component_type: 2 },
      {
        guild_id: 'g2',
        channel_id: 'c9',
        message: { id: 'elsewhere' },
      },
    );
    expect((await h.send(i)).body).toEqual({ type: 6 });
    expect(text(await h.result(i.token))).toContain(ELSEWHERE);
    await h.settle();
    expect(await h.store.listRecordings(m.id)).toHaveLength(0);
    const [entry] = (await h.store.listAudit(m.id)).filter((a) => a.actorId === ADMIN.id);
    expect(entry).toMatchObject({
      action: 'record start',
      outcome: 'denied',
      detail: 'control issued from another workspace or server',
    });
  });

  it('no form or confirmation opens from another channel, and the refusal is the first response', async () => {
    const form = h.interaction(
      3,
      ADMIN,
      { custom_id: `v1m|dial|${m.id}|`, component_type: 2 },
      { channel_id: 'c2' },
    );
    expect(text(await h.send(form))).toContain(ELSEWHERE);
    const confirm = h.interaction(
      3,
      ADMIN,
      { custom_id: `v1c|end|${m.id}|`, component_type: 2 },
      { channel_id: 'c2' },
    );
    const prompt = await h.send(confirm);
    expect(text(prompt)).toContain(ELSEWHERE);
    expect(text(prompt)).not.toContain('v1y|end');
    const ok = h.interaction(3, ADMIN, { custom_id: `v1m|dial|${m.id}|`, component_type: 2 });
    expect((await h.send(ok)).body).toMatchObject({ type: 9 });
    expect((await h.meeting()).status).toBe('active');
  });
});
