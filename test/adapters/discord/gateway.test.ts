import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/log.js';
import { onGatewayPacket } from '../../../adapters/discord/gateway.js';
import { createDiscordAdapter, type DiscordAdapter } from '../../../adapters/discord/index.js';
import { recordingDoor } from '../recording-door.js';
import { FakeDiscord } from './fake-discord.js';

// Gateway mode hands INTERACTION_CREATE dispatches to the same handler as HTTP; the first response
// goes to the interaction callback route and the result through the webhook, like HTTP mode.

describe('gateway interactions', () => {
  const fake = new FakeDiscord();
  const door = recordingDoor();
  const calls = door.requests;
  door.reply = (req) =>
    req.ask.kind === 'command'
      ? { visibility: 'ephemeral', blocks: [{ type: 'text', text: 'status here' }] }
      : { visibility: 'channel', blocks: [{ type: 'text', text: 'Recording started' }] };
  let adapter: DiscordAdapter;
  beforeAll(async () => {
    await fake.start();
    adapter = createDiscordAdapter({
      settings: { token: 'bot-token', apiUrl: fake.url },
      mode: 'gateway',
      door,
      log: silentLogger,
    });
    // Serve the door without logging in (start() would open the gateway socket).
    door.serve(adapter.port);
  });
  afterAll(async () => {
    await adapter.stop();
    await fake.close();
  });

  const packet = (id: string, type: number, data: Record<string, unknown>) => ({
    t: 'INTERACTION_CREATE',
    d: {
      id,
      application_id: '42',
      type,
      token: `gw-${id}`,
      guild_id: 'g1',
      channel_id: 'c1',
      member: { user: { id: 'u1', username: 'ana' }, permissions: '0', roles: [] },
      data,
    },
  });

  it('answers a slash command through the callback route, then edits the original', async () => {
    await onGatewayPacket(
      packet('501', 2, { name: 'video', options: [{ type: 1, name: 'status' }] }),
      adapter.handler,
      adapter.replies,
      silentLogger,
    );
    const [cb] = fake.matching(/^POST \/interactions\/501\/gw-501\/callback$/);
    expect(cb!.body).toEqual({ type: 5, data: { flags: 64 } });
    const edit = await fake.waitFor(
      (r) => r.method === 'PATCH' && r.path === '/webhooks/42/gw-501/messages/@original',
    );
    expect(JSON.stringify(edit.body)).toContain('status here');
    expect(calls[0]).toMatchObject({
      ask: { kind: 'command', command: 'status' },
      source: 'slash',
      delivery: '501',
    });
  });

  it('acks a card button with a deferred update and posts a channel result publicly', async () => {
    await onGatewayPacket(
      packet('502', 3, { custom_id: 'v1|record.start|k1|', component_type: 2 }),
      adapter.handler,
      adapter.replies,
      silentLogger,
    );
    expect(fake.matching(/^POST \/interactions\/502\/gw-502\/callback$/)[0]!.body).toEqual({ type: 6 });
    const follow = await fake.waitFor((r) => r.method === 'POST' && r.path === '/webhooks/42/gw-502');
    expect((follow.body as { flags?: number }).flags).toBeUndefined();
    expect(calls.at(-1)).toMatchObject({
      ask: { kind: 'action', action: 'record.start', key: 'k1' },
      source: 'button',
    });
  });

  it('ignores other dispatches and malformed interactions', async () => {
    const before = fake.requests.length;
    await onGatewayPacket(
      { t: 'GUILD_CREATE', d: { id: 'g1' } },
      adapter.handler,
      adapter.replies,
      silentLogger,
    );
    await onGatewayPacket(
      { t: 'INTERACTION_CREATE', d: { id: '503', token: 't', application_id: '42', type: 'nope' } },
      adapter.handler,
      adapter.replies,
      silentLogger,
    );
    expect(fake.requests.length).toBe(before);
  });
});

describe('gateway connection', () => {
  const fake = new FakeDiscord();
  beforeAll(async () => void (await fake.start()));
  afterAll(() => fake.close());

  it('logs in through DISCORD_API_URL with the bot token and reports a refused token', async () => {
    const adapter = createDiscordAdapter({
      settings: { token: 'bad-token', apiUrl: fake.url },
      mode: 'gateway',
      door: recordingDoor(),
      log: silentLogger,
    });
    await expect(adapter.start()).rejects.toThrow();
    expect(fake.matching(/^GET \/gateway\/bot$/)[0]?.auth).toBe('Bot bad-token');
    await adapter.stop();
  });

  it('can be started again after a failed login or a stop, and still answers interactions', async () => {
    const door = recordingDoor();
    const adapter = createDiscordAdapter({
      settings: { token: 'bad-token', apiUrl: fake.url },
      mode: 'gateway',
      door,
      log: silentLogger,
    });
    const logins = () => fake.matching(/^GET \/gateway\/bot$/).length;
    const before = logins();
    await expect(adapter.start()).rejects.toThrow();
    await adapter.stop();
    await expect(adapter.start()).rejects.toThrow();
    expect(logins()).toBe(before + 2);
    const packet = {
      t: 'INTERACTION_CREATE',
      d: {
        id: '601',
        application_id: '42',
        type: 2,
        token: 'gw-601',
        guild_id: 'g1',
        channel_id: 'c1',
        member: { user: { id: 'u1' }, permissions: '0' },
        data: { name: 'video', options: [{ type: 1, name: 'status' }] },
      },
    };
    await onGatewayPacket(packet, adapter.handler, adapter.replies, silentLogger);
    await fake.waitFor((r) => r.method === 'PATCH' && r.path.includes('gw-601'));
    expect(door.requests.map((r) => r.ask)).toEqual([{ kind: 'command', command: 'status', options: {} }]);
    await adapter.stop();
  });
});
