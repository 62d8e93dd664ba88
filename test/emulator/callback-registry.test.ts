import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { VideoClient, type VideoError } from '../../src/video/index.js';
import { call, meeting, officialSdk, rest, startReceiver, type Receiver } from './helpers.js';

// The project callback registry: register, list, unregister, and what it changes: a registered
// group/event goes to its URL, everything else still to the emulator-wide URL.

const open: Array<{ close(): Promise<void> }> = [];
async function setup(): Promise<{ emu: Emulator; fallback: Receiver; video: VideoClient }> {
  const fallback = await startReceiver();
  const emu = await startEmulator({ callbackUrl: fallback.url });
  const video = new VideoClient({
    apiKey: emu.apiKey,
    apiSecret: emu.apiSecret,
    baseUrl: emu.url,
    retry: false,
  });
  open.push(emu, fallback, video);
  return { emu, fallback, video };
}
afterEach(async () => {
  for (const x of open.splice(0)) await x.close();
});

describe('project callback registry', () => {
  it('registers, lists and unregisters, replacing a second registration of the same event', async () => {
    const { video } = await setup();
    const first = await video.registerCallback({
      group: 'connection',
      event: 'created',
      url: 'https://a.example/x',
    });
    expect(first).toMatchObject({ group: 'connection', event: 'created', url: 'https://a.example/x' });
    expect(typeof first.createdAt).toBe('number');
    const second = await video.registerCallback({
      group: 'connection',
      event: 'created',
      url: 'https://b.example/y',
    });
    await video.registerCallback({ group: 'archive', event: 'status', url: 'https://c.example/z' });
    const listed = await video.listCallbacks();
    expect(listed.map((c) => [c.group, c.event, c.url]).sort()).toEqual([
      ['archive', 'status', 'https://c.example/z'],
      ['connection', 'created', 'https://b.example/y'],
    ]);
    await video.unregisterCallback(second.id);
    expect((await video.listCallbacks()).map((c) => c.group)).toEqual(['archive']);
    const gone = (await video.unregisterCallback(second.id).catch((e: unknown) => e)) as VideoError;
    expect(gone.status).toBe(404);
  });

  it('sends a registered event to its URL and the rest to the default URL', async () => {
    const { emu, fallback, video } = await setup();
    const registered = await startReceiver();
    open.push(registered);
    await video.registerCallback({ group: 'stream', event: 'created', url: registered.url });
    await video.registerCallback({ group: 'session', event: 'destroyed', url: registered.url });
    const { connectionId } = await meeting(emu);
    await emu.disconnect(connectionId);
    await emu.idle();
    expect(registered.received.map((r) => r.body.event)).toEqual(['streamCreated', 'sessionDestroyed']);
    expect(fallback.received.map((r) => r.body.event)).toEqual([
      'sessionCreated',
      'connectionCreated',
      'streamDestroyed',
      'connectionDestroyed',
    ]);
  });

  it('refuses unknown groups, events and URLs with 400', async () => {
    const { emu } = await setup();
    const bad = [
      [{ group: 'chat', event: 'status', url: 'https://x.example' }, 'group must be one of'],
      [{ group: 'archive', event: 'created', url: 'https://x.example' }, 'event must be one of status'],
      [{ group: 'archive', event: 'status', url: 'ftp://x' }, 'url must be an http or https URL.'],
    ] as const;
    for (const [body, message] of bad) {
      const res = await rest(emu, 'POST', '{P}/callback', body);
      expect(res.status).toBe(400);
      expect(res.body.message).toContain(message);
    }
  });

  it('serves the official package registerCallback and listCallbacks', async () => {
    const { emu } = await setup();
    const sdk = officialSdk(emu);
    const cb = await call<{ id: string; group: string }>(sdk, 'registerCallback', {
      group: 'connection',
      event: 'created',
      url: 'https://a.example/x',
    });
    expect(cb.group).toBe('connection');
    const list = await call<Array<{ id: string }>>(sdk, 'listCallbacks');
    expect(list.map((c) => c.id)).toEqual([cb.id]);
    await call(sdk, 'unregisterCallback', cb.id);
  });
});
