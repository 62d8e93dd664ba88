import { describe, expect, it } from 'vitest';
import { formIn } from '../../../commands/forms.js';
import { base, card, fake, h, post, useHttpFixture } from './http-fixture.js';

// The real endpoint on the real HTTP server, a fake Discord REST server, and a recording front door.
useHttpFixture();
const calls = h.door.requests;
/** The recording door opens the fixture card's forms, for moderators only. */
const opensForModerators = () =>
  (h.door.opens = (c) =>
    c.actor.moderator
      ? { ok: true, ...formIn(card(c.key), c.action) }
      : { ok: false, text: "Only the meeting's host or a moderator can do that." });

describe('POST /discord/interactions: components', () => {
  it('acknowledges a button with a deferred update and follows up ephemerally', async () => {
    const i = base(3, {
      data: { custom_id: 'v1|record.start|k1|', component_type: 2 },
      message: { id: 'm1' },
    });
    expect((await post(i)).body).toEqual({ type: 6 });
    const follow = await fake.waitFor((r) => r.method === 'POST' && r.path.endsWith(i.token));
    expect(follow.body).toMatchObject({ content: 'ok', flags: 64 });
    expect(calls[0]).toMatchObject({
      ask: { kind: 'action', action: 'record.start', key: 'k1' },
      source: 'button',
      delivery: i.id,
      replyTo: { mode: 'clicked' },
    });
  });

  it('opens the go-live modal as the first response and runs the submission with its fields', async () => {
    opensForModerators();
    const click = base(
      3,
      { data: { custom_id: 'v1m|live.start|k1|', component_type: 2 } },
      String(1n << 24n),
    );
    const res = await post(click);
    expect(res.body).toMatchObject({ type: 9, data: { custom_id: 'v1|live.start|k1|', title: 'Go live' } });
    expect(calls).toHaveLength(0);
    const submit = base(5, {
      data: {
        custom_id: 'v1|live.start|k1|',
        components: [{ type: 18, component: { type: 4, custom_id: 'rtmp_url', value: 'rtmp://x/live' } }],
      },
    });
    expect((await post(submit)).body).toEqual({ type: 5, data: { flags: 64 } });
    await fake.waitFor((r) => r.path.includes(submit.token));
    expect(h.door.opened[0]).toMatchObject({ action: 'live.start', key: 'k1', place: { channelId: 'c1' } });
    expect(calls[0]).toMatchObject({
      ask: { kind: 'action', action: 'live.start', key: 'k1', fields: { rtmp_url: 'rtmp://x/live' } },
      source: 'modal',
    });
  });

  it('shows the refusal when the core will not open a form for a participant', async () => {
    opensForModerators();
    const click = base(3, { data: { custom_id: 'v1m|live.start|k1|', component_type: 2 } });
    expect((await post(click)).body).toMatchObject({
      type: 4,
      data: { flags: 64, content: "Only the meeting's host or a moderator can do that." },
    });
  });

  it('confirms a kick from the select with an ephemeral prompt, then kicks once confirmed', async () => {
    opensForModerators();
    const select = base(
      3,
      {
        data: { custom_id: 'v1c|kick|k1|', component_type: 3, values: ['conn-bob'] },
        message: {
          id: 'm1',
          components: [
            {
              type: 1,
              components: [
                { type: 3, custom_id: 'v1c|kick|k1|', options: [{ label: 'Bob', value: 'conn-bob' }] },
              ],
            },
          ],
        },
      },
      String(1n << 1n),
    );
    const prompt = await post(select);
    expect(prompt.body).toMatchObject({
      type: 4,
      data: { flags: 64, content: '**Kick "Bob"?**\nThey leave the meeting.' },
    });
    const buttons = (
      prompt.body.data as { components: Array<{ components: Array<{ custom_id: string; label: string }> }> }
    ).components[0]!.components;
    expect(buttons.map((b) => [b.custom_id, b.label])).toEqual([
      ['v1y|kick|k1|conn-bob', 'Kick'],
      ['v1n|kick|k1|conn-bob', 'Keep'],
    ]);
    expect(calls).toHaveLength(0);
    const yes = base(3, { data: { custom_id: buttons[0]!.custom_id, component_type: 2 } }, String(1n << 1n));
    expect((await post(yes)).body).toMatchObject({ type: 7, data: { components: [] } });
    await fake.waitFor((r) => r.method === 'PATCH' && r.path.includes(yes.token));
    expect(calls[0]).toMatchObject({
      ask: { kind: 'action', action: 'kick', key: 'k1', value: 'conn-bob' },
      actor: { moderator: true },
      replyTo: { mode: 'confirmed' },
    });
    const no = base(3, { data: { custom_id: buttons[1]!.custom_id, component_type: 2 } });
    expect((await post(no)).body).toEqual({
      type: 7,
      data: { content: 'Cancelled.', embeds: [], components: [] },
    });
    expect(calls).toHaveLength(1);
  });

  it('answers an unknown custom ID with an ephemeral hint', async () => {
    const i = base(3, { data: { custom_id: 'someone-elses-button', component_type: 2 } });
    expect((await post(i)).body).toMatchObject({ type: 4, data: { flags: 64 } });
  });
});
