import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver } from '../../emulator/helpers.js';
import { eventually } from '../../support/eventually.js';
import { startSlackHarness, type SlackHarness } from './harness.js';

// Live captions and transcribed recordings from Slack, on the emulator: the card says "Captions
// on (lang)" once the caption status callback reports the run started, its button turns them off,
// and a transcribed recording's summary reaches the store when the transcription callback arrives.
describe('Slack adapter: live captions and transcripts', () => {
  let h: SlackHarness;
  const lastCard = () => JSON.stringify(h.api.callsTo('chat.update').at(-1)?.body.blocks ?? []);
  beforeAll(async () => {
    h = await startSlackHarness();
    await h.slash('start Standup');
    await h.api.waitFor('chat.postMessage');
  });
  afterAll(async () => h?.close());

  it('refuses a bad language with one sentence and makes no Video API call', async () => {
    const res = await h.slash('captions start --language english');
    const reply = JSON.stringify((await h.replyTo(res.reply)).blocks);
    expect(reply).toMatch(/language code with a region/);
    const m = await h.meeting();
    expect(await h.store.listCaptionRuns(m.id)).toEqual([]);
  });

  it('turns captions on from a slash command; the card follows the status callback', async () => {
    const m = await h.meeting();
    await h.join(m, 'Ada', 'U1');
    const res = await h.slash('captions start --language fr-FR --partial');
    const reply = JSON.stringify((await h.replyTo(res.reply)).blocks);
    expect(reply).toContain('turned on live captions (fr-FR)');
    await h.settle();
    const [run] = await eventually(async () => {
      const runs = await h.store.listCaptionRuns(m.id);
      return runs[0]?.status === 'started' ? runs : null;
    }, 'the started callback');
    expect(run).toMatchObject({ language: 'fr-FR', startedBy: 'U1', stoppedAt: null });
    await h.settle();
    expect(lastCard()).toContain('Captions on (fr-FR)');
    expect(lastCard()).toContain(`captions.stop:${m.id}`);
    const again = await h.slash('captions start');
    expect(JSON.stringify((await h.replyTo(again.reply)).blocks)).toMatch(/already on/);
  });

  it('the card button turns them off, and a second stop says they are off', async () => {
    const m = await h.meeting();
    const res = await h.click(`captions.stop:${m.id}`, { user: 'U1' });
    expect(JSON.stringify((await h.replyTo(res.reply)).blocks)).toContain('turned off live captions');
    await h.settle();
    expect(lastCard()).not.toContain('Captions on');
    expect(lastCard()).toContain(`captions.start:${m.id}`);
    const runs = await eventually(async () => {
      const r = await h.store.listCaptionRuns(m.id);
      return r[0]?.status === 'stopped' && r[0].stoppedAt !== null ? r : null;
    }, 'the stopped state');
    expect(runs).toHaveLength(1);
    const again = await h.slash('captions stop');
    expect(JSON.stringify((await h.replyTo(again.reply)).blocks)).toMatch(/not on/);
  });

  it('refuses captions to someone who is not a moderator', async () => {
    const m = await h.meeting();
    const res = await h.click(`captions.start:${m.id}`, { user: 'U2' });
    expect(JSON.stringify((await h.replyTo(res.reply)).blocks)).toMatch(
      /Only the meeting's host or a moderator/,
    );
    expect(await h.store.listCaptionRuns(m.id)).toHaveLength(1);
  });

  it('records with a transcript and summary; the summary is read once it is available', async () => {
    const m = await h.meeting();
    const bad = await h.slash('record start --summary');
    expect(JSON.stringify((await h.replyTo(bad.reply)).blocks)).toMatch(/go with `--transcribe`/);
    const res = await h.slash('record start Planning --transcribe --summary --language en-GB');
    expect(JSON.stringify((await h.replyTo(res.reply)).blocks)).toContain(
      'A transcript and a summary will follow',
    );
    const [rec] = await eventually(async () => {
      const r = await h.store.listRecordings(m.id);
      return r.length > 0 ? r : null;
    }, 'the recording');
    expect(rec).toMatchObject({ name: 'Planning', outputMode: 'individual' });
    expect(await h.store.getTranscript(rec!.id)).toMatchObject({
      status: 'requested',
      language: 'en-GB',
      hasSummary: true,
    });
    await h.slash('record stop');
    const done = await eventually(async () => {
      const t = await h.store.getTranscript(rec!.id);
      return t?.summary ? t : null;
    }, 'the summary');
    expect(done).toMatchObject({ status: 'available', language: 'en-GB' });
    expect(done.summary).toMatch(/emulat/i);
  });

  it('tells the Video API where to send caption status when the bot has a callback URL', async () => {
    const receiver = await startReceiver();
    try {
      h.ctx.captionsCallbackUrl = receiver.url;
      const m = await h.meeting();
      await h.slash('captions start --language de-DE');
      const sent = await eventually(
        async () => receiver.received.find((r) => r.body.status === 'started'),
        'the caption status at the given URL',
      );
      expect(sent.body).toMatchObject({ sessionId: m.sessionId, languageCode: 'de-DE' });
    } finally {
      delete h.ctx.captionsCallbackUrl;
      await receiver.close();
    }
  });
});
