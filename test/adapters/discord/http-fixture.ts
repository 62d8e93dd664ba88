import { afterAll, beforeAll, beforeEach } from 'vitest';
import { Registry } from 'prom-client';
import type { View } from '../../../src/chat.js';
import { silentLogger } from '../../../src/log.js';
import { createHttpServer, type HttpServer } from '../../../src/server.js';
import { createDiscordAdapter, type DiscordAdapter } from '../../../adapters/discord/index.js';
import { createDiscordRest } from '../../../adapters/discord/rest.js';
import { recordingDoor, type RecordingDoor } from '../recording-door.js';
import { FakeDiscord } from './fake-discord.js';
import { signHeaders, testKeys } from './signing.js';

// The real endpoint on the real HTTP server, a fake Discord REST server, and a recording front door.

/** Signing keys the fake Discord uses. */
export const keys = testKeys();
/** The fake Discord REST server. */
export const fake = new FakeDiscord();
let server: HttpServer;
/** The running endpoint: `h.url` is the server's base URL, `h.adapter` the adapter under test, `h.door` the recording front door. */
export const h: { url: string; adapter: DiscordAdapter; door: RecordingDoor } = {
  url: '',
  adapter: undefined as unknown as DiscordAdapter,
  door: recordingDoor(),
};

/** The card whose forms the recording door opens. */
export const card = (key: string): View => ({
  visibility: 'channel',
  cardOf: key,
  title: 'Standup',
  blocks: [
    {
      type: 'buttons',
      buttons: [
        {
          action: 'live.start',
          label: 'Go live',
          key,
          modal: {
            action: 'live.start',
            title: 'Go live',
            submitLabel: 'Go',
            fields: [{ id: 'rtmp_url', label: 'RTMP URL', kind: 'text', required: true }],
          },
        },
      ],
    },
    {
      type: 'select',
      select: {
        action: 'kick',
        key,
        placeholder: 'Kick…',
        options: [{ label: 'Bob', value: 'conn-bob' }],
        confirm: { title: 'Kick?', text: 'They leave the meeting.', confirm: 'Kick', deny: 'Keep' },
      },
    },
  ],
});

let seq = 0;
/** A raw interaction payload of `type` from member Ana in guild g1, channel c1. */
export const base = (
  type: number,
  extra: Record<string, unknown> = {},
  perms = '0',
  roles: string[] = [],
) => ({
  id: `9${String(++seq).padStart(17, '0')}`,
  application_id: '111111111111111111',
  type,
  token: `tok-${seq}`,
  guild_id: 'g1',
  channel_id: 'c1',
  member: { user: { id: 'u1', username: 'ana', global_name: 'Ana' }, nick: null, permissions: perms, roles },
  ...extra,
});

/** POSTs a signed interaction (or one with the given headers) to the endpoint. */
export async function post(
  payload: unknown,
  headers?: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const body = JSON.stringify(payload);
  const res = await fetch(`${h.url}/discord/interactions`, {
    method: 'POST',
    body,
    headers: headers ?? signHeaders(keys, body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Registers the hooks that start the endpoint once per file and reset the recorders per test. */
export function useHttpFixture(): void {
  beforeAll(async () => {
    await fake.start();
    fake.roles = [
      { id: 'r-mod', name: 'Video Mods' },
      { id: 'r-x', name: 'Other' },
    ];
    server = createHttpServer({ log: silentLogger, metrics: new Registry() });
    h.adapter = createDiscordAdapter({
      settings: {
        token: 'bot-token',
        publicKey: keys.publicKeyHex,
        apiUrl: fake.url,
        moderatorRole: 'video mods',
      },
      mode: 'http',
      server,
      door: h.door,
      log: silentLogger,
      rest: createDiscordRest({ token: 'bot-token', apiUrl: fake.url }),
    });
    await h.adapter.start();
    h.url = (await server.listen(0, '127.0.0.1')).url;
  });

  afterAll(async () => {
    await h.adapter.stop();
    await server.close();
    await fake.close();
  });

  beforeEach(() => {
    h.door.requests.length = 0;
    h.door.opened.length = 0;
    h.door.reply = () => ({ visibility: 'ephemeral', blocks: [{ type: 'text', text: 'ok' }] });
    h.door.visibility = 'ephemeral';
    h.door.opens = () => ({ ok: true });
  });
}
