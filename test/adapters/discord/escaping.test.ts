import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Recorded } from './fake-discord.js';
import { PERMS, startDiscordHarness, type DiscordHarness } from './harness.js';

// Nothing a user types becomes a link, a heading or other formatting on Discord: hostile titles,
// nicknames and recording names go through the signed endpoint, the core and the card refresher,
// and every message the bot sends to the (fake) Discord API shows them as literal text.

const HOSTILE =
  '[click](http://evil.example) https://bare.example ||spoiler|| __u__ ~~s~~ *i* <#123> ```fence';
const NICK = '# [Ada](http://evil.example)';
const RECORDING = '> [rec](http://evil.example) ||x||';

/** Text with escapes and code spans removed: what Discord would still read as markup. */
function liveMarkup(text: string): string[] {
  const bare = text.replace(/`[^`\n]+`/g, '').replace(/\\[^\w\s]/g, '');
  const found: string[] = [];
  const rules: Array<[string, RegExp]> = [
    ['masked link', /\]\(/],
    ['bare link', /\w+:\/\//],
    ['spoiler', /\|\|/],
    ['underline', /__/],
    ['strike', /~~/],
    ['code fence', /```/],
    ['channel link', /<#/],
    // `-# ` (subtext) is the renderer's own markup for context lines.
    ['heading, quote or list', /(^|\n)\s*(#|>|[-+*] )/],
  ];
  for (const [name, re] of rules) if (re.test(bare)) found.push(`${name} in ${JSON.stringify(text)}`);
  return found;
}

/** Every string Discord renders as markdown in the message bodies: content, embed titles, descriptions, fields. */
function rendered(requests: Recorded[]): string[] {
  const out: string[] = [];
  for (const r of requests) {
    const b = (r.body ?? {}) as {
      content?: string;
      data?: { content?: string };
      embeds?: Array<{
        title?: string;
        description?: string;
        fields?: Array<{ name: string; value: string }>;
      }>;
    };
    for (const content of [b.content, b.data?.content]) if (content) out.push(content);
    for (const e of b.embeds ?? []) {
      if (e.title) out.push(e.title);
      if (e.description) out.push(e.description);
      for (const f of e.fields ?? []) out.push(f.name, f.value);
    }
  }
  return out;
}

describe('Discord: user text shows as typed, never as links or formatting', () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await startDiscordHarness();
  });
  afterAll(async () => h?.close());

  const as = (nick: string, perms = PERMS.mute) => ({
    member: {
      user: { id: 'u-host', username: 'host', global_name: 'Host' },
      nick,
      permissions: perms,
      roles: [],
    },
  });
  const slash = (sub: string[], options: Record<string, string>) => {
    const leaf = {
      type: 1,
      name: sub.at(-1)!,
      options: Object.entries(options).map(([name, value]) => ({ name, type: 3, value })),
    };
    return {
      name: 'video',
      type: 1,
      options: [sub.length > 1 ? { type: 2, name: sub[0], options: [leaf] } : leaf],
    };
  };

  it('start, record start and end: card, Host field and announcements escape titles, nicknames and recording names', async () => {
    const start = h.interaction(
      2,
      { id: 'u-host' },
      slash(['start'], { title: `${HOSTILE} \u202egnp.exe` }),
      as(`${NICK}\u2066\u0007`),
    );
    expect((await h.send(start)).status).toBe(200);
    await h.result(start.token);
    await h.settle();
    const m = await h.meeting();
    expect(m.title).toBe(`${HOSTILE} gnp.exe`);
    expect(m.hostName).toBe(NICK);
    await h.join(m, '[Bob](http://evil.example)\u202e', 'u-bob');
    await h.settle();

    const rec = h.interaction(
      2,
      { id: 'u-host' },
      slash(['record', 'start'], { name: `${RECORDING}\u2067` }),
      as(NICK),
    );
    await h.send(rec);
    await h.result(rec.token);
    await h.settle();
    const end = h.interaction(2, { id: 'u-host' }, slash(['end'], {}), as(NICK));
    await h.send(end);
    await h.result(end.token);
    await h.settle();

    expect((await h.store.listRecordings(m.id)).map((r) => r.name)).toEqual([RECORDING]);
    const texts = rendered(h.discord.requests);
    // Control characters and bidi overrides were removed where the text entered, on every path.
    expect(texts.join('\n')).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    expect(texts.join('\n')).not.toContain('\u0007');
    expect(texts.join('\n')).toContain('evil.example');
    expect(texts.flatMap(liveMarkup)).toEqual([]);
    const hosts = h.discord.requests.flatMap((r) =>
      ((r.body as { embeds?: Array<{ fields?: Array<{ name: string; value: string }> }> })?.embeds ?? [])
        .flatMap((e) => e.fields ?? [])
        .filter((f) => f.name === 'Host'),
    );
    expect(hosts.length).toBeGreaterThan(0);
    for (const f of hosts) expect(f.value).toBe('\\# \\[Ada\\](http\\://evil.example)');
    // Mentions never ping: every message carrying user text keeps allowed_mentions empty.
    for (const r of h.discord.requests) {
      const body = r.body as { embeds?: unknown; allowed_mentions?: unknown } | undefined;
      if (JSON.stringify(body ?? {}).includes('evil.example'))
        expect(body?.allowed_mentions).toEqual({ parse: [] });
    }
  });
});
