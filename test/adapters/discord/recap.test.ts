import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCallbackGate, transcriptReady, type CallbackGate } from '../../support/callback-gate.js';
import { eventually } from '../../support/eventually.js';
import type { Recorded } from './fake-discord.js';
import { slash, startDiscordHarness, type DiscordHarness, type Who } from './harness.js';

// A whole meeting through the signed Discord endpoint on the emulator, then the recap: a thread is
// started on the card message (POST /channels/c1/messages/<card>/threads), the recap is posted in
// it with every field, and edited in place (PATCH in the thread) once the transcript arrives.

const HOST: Who = { id: 'u-host' };

const text = (r: { body: unknown } | undefined) => JSON.stringify(r?.body ?? null);

describe('Discord adapter: the meeting recap in a thread on the card', () => {
  let h: DiscordHarness;
  let key = '';
  let cardId = '';
  let threadId = '';
  const run = async (path: string, options: Record<string, unknown> = {}) => {
    const i = h.interaction(2, HOST, slash(path, options));
    await h.send(i);
    return text(await h.result(i.token));
  };
  let gate: CallbackGate;
  beforeAll(async () => {
    h = await startDiscordHarness();
    // The transcript-ready callback waits until the first recap was seen (no race with the post).
    gate = await startCallbackGate(`${h.url}/vonage/events`, transcriptReady);
    h.emulator.setCallbackUrl(gate.url);
  });
  afterAll(async () => {
    await h?.close();
    await gate?.close();
  });

  it('runs a meeting with two people, captions, a transcribed recording, a mute and a removal', async () => {
    await run('start', { title: 'Design review' });
    const m = await h.meeting();
    key = m.id;
    cardId = (await h.store.listCards(m.id))[0]!.messageId;
    await h.join(m, 'Ada', 'u-host');
    await h.join(m, 'Bob', 'u-bob');
    await h.settle();
    expect(await run('captions start', { language: 'es-ES' })).toContain('turned on live captions');
    await eventually(
      async () => (await h.store.listCaptionRuns(m.id))[0]?.status === 'started',
      'captions on',
    );
    await h.settle();
    expect(JSON.stringify(h.lastCard())).toContain('Captions on (es-ES)');
    expect(await run('captions stop')).toContain('turned off live captions');
    expect(await run('record start', { name: 'Sprint', transcribe: true, summary: true })).toContain(
      'started recording',
    );
    expect(await run('mute', { target: 'Bob' })).toContain('Bob');
    expect(await run('kick', { who: 'Bob' })).toContain('Bob');
    await h.settle();
    expect(await run('end')).toContain('ended');
  });

  it('starts a thread on the card and posts the recap there with every field', async () => {
    const thread = await h.discord.waitFor(
      (r) => r.method === 'POST' && r.path === `/channels/c1/messages/${cardId}/threads`,
    );
    expect(thread.auth).toBe('Bot bot-token');
    const stored = await eventually(
      async () => (await h.store.listCards(key)).find((c) => c.kind === 'recap'),
      'the stored recap',
    );
    threadId = stored.channelId;
    expect(threadId).not.toBe('c1');
    const post = await h.discord.waitFor(
      (r) => r.method === 'POST' && r.path === `/channels/${threadId}/messages`,
    );
    const t = text(post);
    expect(t).toContain('Recap: Design review');
    expect(t).toMatch(/Started.*\d\d:\d\d UTC/);
    expect(t).toMatch(/Duration.*\d+s/);
    expect(t).toContain('2 people: Ada and Bob · at most 2 at once · 0 phone legs');
    expect(t).toMatch(/\*\*Sprint\*\* — [^·]+ · transcript and summary on the way/);
    expect(t).toContain('**Live streams:** none');
    expect(t).toContain('1 mute, 1 removal — by User u-host');
    expect(t).toContain('**Captions:** used (es-ES)');
  });

  it('edits the recap in its thread once the transcript and summary are ready', async () => {
    await eventually(async () => gate.held() > 0, 'the transcript-ready callback');
    await gate.release();
    const stored = (await h.store.listCards(key)).find((c) => c.kind === 'recap')!;
    const edit: Recorded = await eventually(
      async () =>
        h.discord
          .matching(new RegExp(`^PATCH /channels/${threadId}/messages/${stored.messageId}$`))
          .find((r) => text(r).includes('Summary:')),
      'the recap edit',
    );
    expect(text(edit)).toContain('transcript ready (en-US)');
    expect(text(edit)).toContain('Summary: Emulated summary');
    expect(text(edit)).toContain(`v1|recording.transcript|${key}|`);
    expect(text(edit)).not.toMatch(/_emulator\/(media|transcripts)/);
  });
});
