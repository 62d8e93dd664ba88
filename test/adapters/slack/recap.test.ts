import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedCall } from './fake-slack-api.js';
import { startCallbackGate, transcriptReady, type CallbackGate } from '../../support/callback-gate.js';
import { eventually } from '../../support/eventually.js';
import { startSlackHarness, type SlackHarness } from './harness.js';

// A whole meeting through the signed Slack endpoint on the emulator: two people, captions on and
// off, a transcribed recording with a summary, a mute and a removal, then end. The recap is posted
// in the card's thread (thread_ts = the card's ts) with every field, then edited in place (same ts)
// once the transcript and its summary arrive; its buttons mint links on click.
describe('Slack adapter: the meeting recap in the card thread', () => {
  let h: SlackHarness;
  let cardTs = '';
  let recap: RecordedCall | undefined;
  const text = (c: RecordedCall | undefined) => JSON.stringify(c?.body.blocks ?? []);
  const say = async (line: string, user = 'U1') => {
    const res = await h.slash(line, user);
    return JSON.stringify((await h.replyTo(res.reply)).blocks);
  };

  let gate: CallbackGate;
  beforeAll(async () => {
    h = await startSlackHarness();
    // The transcript-ready callback waits until the first recap was seen (no race with the post).
    gate = await startCallbackGate(`${h.url}/vonage/events`, transcriptReady);
    h.emulator.setCallbackUrl(gate.url);
  });
  afterAll(async () => {
    await h?.close();
    await gate?.close();
  });

  it('runs a meeting with two people, captions, a transcribed recording, a mute and a removal', async () => {
    await say('start Weekly sync');
    const m = await h.meeting();
    cardTs = (await h.store.listCards(m.id))[0]!.messageId;
    await h.join(m, 'Ada', 'U1');
    await h.join(m, 'Bob', 'U2');
    await h.settle();
    expect(await say('captions start --language fr-FR')).toContain('turned on live captions');
    await eventually(
      async () => (await h.store.listCaptionRuns(m.id))[0]?.status === 'started',
      'captions on',
    );
    expect(await say('captions stop')).toContain('turned off live captions');
    expect(await say('record start Planning --transcribe --summary')).toContain('started recording');
    expect(await say('mute Bob')).toContain('Bob');
    expect(await say('kick Bob')).toContain('Bob');
    await h.settle();
    expect(await say('end')).toContain('ended');
  });

  it('posts the recap as a reply in the card thread with every field', async () => {
    const meeting = await anyMeeting();
    recap = await eventually(
      async () => h.api.callsTo('chat.postMessage').find((c) => c.body.thread_ts !== undefined),
      'the recap reply',
    );
    expect(recap.body.thread_ts).toBe(cardTs);
    expect(recap.body.channel).toBe('C1');
    const t = text(recap);
    expect(t).toContain('Recap: Weekly sync');
    const clock = (ms: number) => `${new Date(ms).toISOString().slice(11, 16)} UTC`;
    expect(t).toContain(`*Started*\\n${clock(meeting.createdAt)}`);
    expect(t).toContain(`*Ended*\\n${clock(meeting.endedAt!)}`);
    // The same formatter and instants as the ended card's "Lasted".
    const lasted = await eventually(
      async () =>
        h.api
          .callsTo('chat.update')
          .filter((c) => c.body.ts === cardTs)
          .map((c) => /Lasted\*\\n([^"]+)"/.exec(text(c))?.[1])
          .find(Boolean),
      'the ended card',
    );
    expect(t).toContain(`*Duration*\\n${lasted}`);
    expect(t).toContain('*Attended:* 2 people: Ada and Bob · at most 2 at once · 0 phone legs');
    expect(t).toMatch(/• \*Planning\* — [^·]+ · transcript and summary on the way/);
    expect(t).toContain('*Live streams:* none');
    expect(t).toContain('*Moderation:* 1 mute, 1 removal — by u1');
    expect(t).toContain('*Captions:* used (fr-FR)');
    expect(t).not.toMatch(/https?:\/\/[^"]*(media|transcripts)/);
  });

  it('edits the recap in place once the transcript and summary are ready', async () => {
    await eventually(async () => gate.held() > 0, 'the transcript-ready callback');
    await gate.release();
    const m = await anyMeeting();
    const stored = await eventually(
      async () => (await h.store.listCards(m.id)).find((c) => c.kind === 'recap'),
      'the stored recap',
    );
    expect(stored).toMatchObject({ channelId: 'C1' });
    const edited = await eventually(
      async () =>
        h.api
          .callsTo('chat.update')
          .filter((c) => c.body.ts === stored.messageId)
          .find((c) => text(c).includes('Summary:')),
      'the recap edit with the summary',
    );
    expect(edited.body.channel).toBe('C1');
    const t = text(edited);
    expect(t).toMatch(/• \*Planning\* — \d+s, [\d.]+ (B|KB|MB) · transcript ready \(en-US\)/);
    expect(t).toContain('Summary: Emulated summary');
    expect(t).toContain('recording.transcript:');
    expect(t).not.toMatch(/https?:\/\/[^"]*(media|transcripts)/);
  });

  it('mints the transcript and download links only when their buttons are clicked', async () => {
    const m = await anyMeeting();
    const [rec] = await h.store.listRecordings(m.id);
    const tr = await h.click(`recording.transcript:${m.id}`, { user: 'U2', value: rec!.id });
    const transcript = await h.replyTo(tr.reply);
    expect(transcript.response_type).toBe('ephemeral');
    expect(JSON.stringify(transcript.blocks)).toMatch(/_emulator\/transcripts\//);
    const dl = await h.click(`recording.link:${m.id}`, { user: 'U2', value: rec!.id });
    expect(JSON.stringify((await h.replyTo(dl.reply)).blocks)).toMatch(/_emulator\/media\//);
  });

  async function anyMeeting() {
    const row = (await h.store.listActiveMeetings())[0];
    if (row) return row;
    // The meeting has ended: find it through its card post in the channel.
    for (const c of h.api.callsTo('chat.postMessage')) {
      const m = /record\.start:([A-Za-z0-9_-]+)/.exec(text(c));
      if (m) return (await h.store.getMeeting(m[1]!))!;
    }
    throw new Error('no meeting');
  }
});
