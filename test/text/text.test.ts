import { describe, expect, it } from 'vitest';
import { escapeDiscord, toDiscordMarkdown } from '../../adapters/discord/markdown.js';
import { userOf, type Interaction } from '../../adapters/discord/payload.js';
import { toMrkdwn, toPlain, unescapeSlack } from '../../adapters/slack/mrkdwn.js';
import { slashRequest } from '../../adapters/slack/requests.js';
import { connectionData, parseConnectionData } from '../../src/identity.js';
import { cleanName, cleanText } from '../../src/text/clean.js';
import { neutralToPlain, parseNeutral } from '../../src/text/neutral.js';

// The text edges: cleaning where names and titles enter, the neutral markup parser, and each
// platform's escaping of everything that is not **bold** or `code`.

describe('cleanText', () => {
  it('strips C0/C1 controls and bidi overrides and isolates, keeps ordinary Unicode', () => {
    expect(cleanText('a\u0000b\u0007c\u001bd\u007fe\u0085f\u009fg')).toBe('abcdefg');
    expect(cleanText('\u202aa\u202bb\u202cc\u202dd\u202ee\u2066f\u2067g\u2068h\u2069i')).toBe('abcdefghi');
    expect(cleanText('Zoë 会議 👩‍💻 مرحبا')).toBe('Zoë 会議 👩‍💻 مرحبا');
  });

  it('turns tabs and line breaks into spaces unless multiline, where \\r\\n becomes \\n', () => {
    expect(cleanText('a\tb\nc\r\nd\u2028e')).toBe('a b c d e');
    expect(cleanText('a\r\nb\rc\u2029d', { multiline: true })).toBe('a\nb\nc\nd');
  });

  it('cleanName trims, is idempotent and passes null through', () => {
    expect(cleanName('  \u202eAda\u0007 ')).toBe('Ada');
    expect(cleanName(cleanName(' x\u2066y '))).toBe('xy');
    expect(cleanName(null)).toBeNull();
  });

  it('is applied where names enter: connection data, Discord nicknames and Slack user names', () => {
    const data = connectionData({ platform: 'slack', userId: 'U1', name: 'Ada\u202e\u0007exe.txt' });
    expect(parseConnectionData(data)?.name).toBe('Ada exe.txt');
    const i = {
      member: { user: { id: '1', username: 'u' }, nick: '\u2067Bob\u0000' },
    } as unknown as Interaction;
    expect(userOf(i)).toEqual({ id: '1', name: 'Bob' });
    const slash = { user_id: 'U1', user_name: '\u202eeve\u0000', team_id: 'T1', channel_id: 'C1', text: '' };
    expect(slashRequest(slash as Parameters<typeof slashRequest>[0]).actor.name).toBe('eve');
  });
});

describe('neutral text', () => {
  it('has exactly two kinds of markup, bold and code, one line each', () => {
    expect(parseNeutral('a **b** `c` d')).toEqual([
      { kind: 'text', text: 'a ' },
      { kind: 'bold', text: 'b' },
      { kind: 'text', text: ' ' },
      { kind: 'code', text: 'c' },
      { kind: 'text', text: ' d' },
    ]);
    expect(parseNeutral('_i_ [x](y) **a\nb**').map((s) => s.kind)).toEqual(['text']);
    expect(neutralToPlain('**Host:** `ada`')).toBe('Host: ada');
  });
});

describe('Slack escaping', () => {
  it('escapes &, < and > once in mrkdwn and plain text, keeping bold and code', () => {
    expect(toMrkdwn('**<!here>** `a&b` <http://x|y> &amp;')).toBe(
      '*&lt;!here&gt;* `a&amp;b` &lt;http://x|y&gt; &amp;amp;',
    );
    expect(toPlain('**T&C** <!channel>', 100)).toBe('T&amp;C &lt;!channel&gt;');
  });

  it('unescapes what Slack sent escaped exactly once', () => {
    expect(unescapeSlack('Q&amp;A &lt;b&gt; &amp;lt;')).toBe('Q&A <b> &lt;');
  });

  it('never cuts an entity in half', () => {
    expect(toPlain('<<<<', 6)).toBe('&lt;…');
  });
});

describe('Discord escaping', () => {
  it('neutralises links, masked links, headings, quotes, lists, fences, spoilers, underline and strike', () => {
    expect(escapeDiscord('[x](http://y)')).toBe('\\[x\\](http\\://y)');
    expect(escapeDiscord('# h\n> q\n- l\n1. n\n-# s')).toBe('\\# h\n\\> q\n\\- l\n1\\. n\n\\-# s');
    expect(escapeDiscord('```x``` ||s|| __u__ ~~t~~ *i* <@1> \\')).toBe(
      '\\`\\`\\`x\\`\\`\\` \\|\\|s\\|\\| \\_\\_u\\_\\_ \\~\\~t\\~\\~ \\*i\\* \\<@1> \\\\',
    );
    expect(escapeDiscord('steam://run https://a.b')).toBe('steam\\://run https\\://a.b');
  });

  it('keeps the neutral bold and code markup and shows code verbatim', () => {
    expect(toDiscordMarkdown('**[a](http://b)** `x_y` _z_')).toBe('**\\[a\\](http\\://b)** `x_y` \\_z\\_');
  });
});
