import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlatformRateLimitedError, type View } from '../../../src/chat.js';
import { DiscordPublisher } from '../../../adapters/discord/publisher.js';
import { PlatformTimeoutError } from '../../../src/cards/deadline.js';
import { createDiscordRest } from '../../../adapters/discord/rest.js';
import { FakeDiscord } from './fake-discord.js';

const view: View = {
  visibility: 'channel',
  title: 'Standup',
  cardOf: 'k1',
  blocks: [
    { type: 'text', text: '<@123> and @everyone are here' },
    { type: 'buttons', buttons: [{ action: 'record.start', label: 'Record', key: 'k1' }] },
  ],
};
const place = { platform: 'discord' as const, teamId: 'g1', channelId: 'c9' };

describe('DiscordPublisher', () => {
  const fake = new FakeDiscord();
  let rest: ReturnType<typeof createDiscordRest>;
  let publisher: DiscordPublisher;
  beforeAll(async () => {
    await fake.start();
    rest = createDiscordRest({ token: 'bot-token', apiUrl: fake.url });
    publisher = new DiscordPublisher(rest, { hasToken: true });
  });
  afterAll(async () => {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
    await fake.close();
  });

  it('posts the card as a channel message that pings nobody and edits it in place', async () => {
    const ref = await publisher.post(place, view);
    expect(ref).toMatchObject({ platform: 'discord', teamId: 'g1', channelId: 'c9' });
    const [post] = fake.matching(/^POST \/channels\/c9\/messages$/);
    expect(post).toMatchObject({ auth: 'Bot bot-token', body: { allowed_mentions: { parse: [] } } });
    await publisher.update(ref, { ...view, title: 'Standup (live)' });
    const [patch] = fake.matching(new RegExp(`^PATCH /channels/c9/messages/${ref.messageId}$`));
    expect(JSON.stringify(patch!.body)).toContain('Standup (live)');
  });

  it('turns a 429 into PlatformRateLimitedError carrying Retry-After', async () => {
    const ref = await publisher.post(place, view);
    fake.rateLimitNext(/^PATCH \/channels\/c9\/messages\//, 2);
    const err = await publisher.update(ref, view).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlatformRateLimitedError);
    expect((err as PlatformRateLimitedError).retryAfterMs).toBe(2000);
  });

  it('gives up on a hung call at its deadline and says so', async () => {
    const ref = await publisher.post(place, view);
    const quick = new DiscordPublisher(rest, { hasToken: true, timeoutMs: 200 });
    let release!: () => void;
    fake.hangNext(/^PATCH \/channels\/c9\/messages\//, new Promise<void>((r) => (release = r)));
    const err = await quick.update(ref, view).catch((e: unknown) => e);
    release();
    expect(err).toBeInstanceOf(PlatformTimeoutError);
    expect((err as Error).message).toBe('The chat platform did not answer within 200 ms.');
  });

  it('explains that cards need the bot token, without calling Discord', async () => {
    const before = fake.requests.length;
    const tokenless = new DiscordPublisher(rest, { hasToken: false });
    await expect(tokenless.post(place, view)).rejects.toThrow(/needs DISCORD_TOKEN/);
    expect(fake.requests.length).toBe(before);
  });
});
