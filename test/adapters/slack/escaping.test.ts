import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startSlackHarness, type SlackHarness } from './harness.js';
import type { RecordedCall } from './fake-slack-api.js';

// Nothing a user types can ping a channel or plant a link in Slack: hostile titles and recording
// names go through the signed endpoint, the core and the card refresher, and every call the bot
// makes to the (fake) Slack API carries them escaped, exactly once.

// What Slack sends in a slash command when a user types `@channel <!everyone> <http://evil.example|click> Q&A`
// (should_escape: true turns a typed @channel into <!channel> and escapes a typed <, > and &). Once
// unescaped, the parser reads `<http://…|click>` as a Slack link and keeps its visible URL.
const SENT = '<!channel> &lt;!everyone&gt; &lt;http://evil.example|click&gt; Q&amp;A';
const BIDI = '\u202egnp.exe\u0007';

/** Every call's body, as one string, for the calls made since `from`. */
const since = (calls: RecordedCall[], from: number) =>
  calls
    .slice(from)
    .map((c) => `${c.method} ${JSON.stringify(c.body)}`)
    .join('\n');

function expectEscaped(wire: string): void {
  // Live Slack markup that would ping or link.
  for (const live of ['<!channel>', '<!everyone>', '<!here>', '<http://evil.example'])
    expect(wire).not.toContain(live);
  // Double escaping of what Slack sent already escaped.
  for (const twice of ['&amp;amp;', '&amp;lt;', '&amp;gt;']) expect(wire).not.toContain(twice);
  // A bare & in rendered text (URLs such as join_url are not rendered and hold no user text).
  expect(wire).not.toContain('Q&A');
}

describe('Slack: user text is escaped in every field Slack renders', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness();
  });
  afterAll(async () => h?.close());

  it('start: the title is unescaped once at the edge, cleaned, and escaped in the card, its fallback text and the Slack call', async () => {
    const from = h.api.calls.length;
    const res = await h.slash(`start ${SENT} ${BIDI}`, 'U1');
    expect(res.status).toBe(200);
    await h.replyTo(res.reply);
    await h.settle();
    await h.api.waitFor('calls.add');
    const m = await h.meeting();
    expect(m.title).toBe('<!channel> <!everyone> http://evil.example Q&A gnp.exe');

    const wire = since(h.api.calls, from);
    expectEscaped(wire);
    const [card] = h.api.callsTo('chat.postMessage');
    expect(card!.body.text).toContain('Q&amp;A');
    expect(JSON.stringify(card!.body.blocks)).toContain('Q&amp;A');
    const [call] = h.api.callsTo('calls.add');
    expect(call!.body.title).toBe('&lt;!channel&gt; &lt;!everyone&gt; http://evil.example Q&amp;A gnp.exe');
    const callMessage = h.api
      .callsTo('chat.postMessage')
      .find((c) => JSON.stringify(c.body.blocks).includes('"call"'));
    expect(callMessage!.body.text).toContain('&lt;!everyone&gt;');
  });

  it('participant names: the card, its selects and the Slack call show them cleaned and escaped once', async () => {
    const m = await h.meeting();
    const from = h.api.calls.length;
    // A name typed on the join page arrives through the Video API's connection data, not from Slack:
    // nothing escaped it before.
    await h.join(m, `<!here> <http://evil.example|x> Q&A \u202eexe\u0007`, 'guest-7');
    await h.settle();
    await h.api.waitFor('calls.participants.add');
    const wire = since(h.api.calls, from);
    expectEscaped(wire);
    expect(wire).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    // JSON writes a control character as an escape sequence.
    expect(wire).not.toContain('\\u0007');
    const [added] = h.api.callsTo('calls.participants.add').slice(-1);
    expect(JSON.stringify(added!.body)).toContain('&lt;!here&gt; &lt;http://evil.example|x&gt; Q&amp;A exe');
    const card = h.api.callsTo('chat.update').at(-1)!;
    const options = JSON.stringify(card.body.blocks).match(/"options":\[[^\]]*\]/g) ?? [];
    // Option labels are plain labels (the card drops markup characters from them), escaped once.
    expect(options.join()).toContain('Q&amp;A exe');
    expect(options.join()).not.toMatch(/[<>]/);
  });

  it('record start and end: the channel announcements escape the recording name and the title', async () => {
    const m = await h.meeting();
    await h.join(m, 'Ada', 'U1');
    await h.settle();
    const from = h.api.calls.length;
    const rec = await h.slash(`record start ${SENT}`, ADMIN);
    const announced = await h.replyTo(rec.reply);
    expect(announced.response_type).toBe('in_channel');
    expect(String(announced.text)).toContain('&lt;!everyone&gt;');
    await h.settle();
    const end = await h.slash('end', ADMIN);
    await h.replyTo(end.reply);
    await h.settle();
    const wire = since(h.api.calls, from);
    expectEscaped(wire);
    expect(wire).toContain('Q&amp;A');
  });
});
