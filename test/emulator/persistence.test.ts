import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { meeting, officialSdk, rest, startReceiver, until, type Receiver } from './helpers.js';

// An emulator with a state file carries on after a restart: same credentials, same sessions and
// people, archives and broadcasts that keep running (their timers counted from their real start),
// transitions that were on their way, and callbacks that were not delivered yet.

const dir = mkdtempSync(join(tmpdir(), 'emu-state-'));
let n = 0;
const running: Emulator[] = [];
let receiver: Receiver | undefined;

async function start(file: string, extra: Parameters<typeof startEmulator>[0] = {}): Promise<Emulator> {
  const emu = await startEmulator({ stateFile: file, warn: () => undefined, ...extra });
  running.push(emu);
  return emu;
}

/** Closes an emulator (saving its state) the way a quitting bot does. */
async function stop(emu: Emulator): Promise<void> {
  running.splice(running.indexOf(emu), 1);
  await emu.close();
}

afterEach(async () => {
  for (const emu of running.splice(0)) await emu.close();
  await receiver?.close();
  receiver = undefined;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('an emulator with a state file', () => {
  it('comes back with the same credentials, port, sessions, people and running archive', async () => {
    const file = join(dir, `s${++n}.json`);
    const first = await start(file);
    const { sessionId, connectionId, streamId } = await meeting(first);
    const archive = await rest(first, 'POST', '{P}/archive', { sessionId, name: 'Keep' });
    const registered = await rest(first, 'POST', '{P}/callback', {
      group: 'archive',
      event: 'status',
      url: 'https://hooks.example/archive',
    });
    expect(registered.status).toBe(200);
    const moderator = officialSdk(first).generateToken(sessionId, { role: 'moderator' });
    const captions = await rest(first, 'POST', '{P}/captions', { sessionId, token: moderator });
    expect(captions.status).toBe(202);
    await first.idle();
    await stop(first);
    // The secret is on disk: only its owner may read the file.
    expect(statSync(file).mode & 0o077).toBe(0);

    const second = await start(file);
    expect(second).toMatchObject({
      apiKey: first.apiKey,
      apiSecret: first.apiSecret,
      url: first.url,
      resumed: true,
    });
    const snap = second.snapshot(sessionId);
    expect(snap.connections.map((c) => c.id)).toEqual([connectionId]);
    expect(snap.streams.map((s) => s.id)).toEqual([streamId]);
    const got = await rest(second, 'GET', `{P}/archive/${archive.body.id}`);
    expect(got.body).toMatchObject({ status: 'started', createdAt: archive.body.createdAt });
    expect((await rest(second, 'GET', '{P}/callback')).body).toMatchObject([{ id: registered.body.id }]);
    const running = await rest(second, 'GET', `{P}/captions/${captions.body.captionsId}`);
    expect(running.body).toMatchObject({ status: 'started' });
    // Tokens minted with the old credentials still connect.
    const token = officialSdk(second).generateToken(sessionId, { data: 'name=Bo' });
    await second.connect(sessionId, token, { name: 'Bo' });
    const stopped = await rest(second, 'POST', `{P}/archive/${archive.body.id}/stop`, {});
    expect(stopped.body.status).toBe('stopped');
    await second.idle();
    expect((await rest(second, 'GET', `{P}/archive/${archive.body.id}`)).body.status).toBe('available');
  });

  it('finishes transitions that were on their way and re-sends undelivered callbacks', async () => {
    const file = join(dir, `s${++n}.json`);
    receiver = await startReceiver(() => 503);
    const first = await start(file, {
      callbackUrl: receiver.url,
      timing: { archiveAvailableMs: 60_000, callbackRetryBaseMs: 60_000 },
    });
    const { sessionId } = await meeting(first);
    const archive = await rest(first, 'POST', '{P}/archive', { sessionId });
    await rest(first, 'POST', `{P}/archive/${archive.body.id}/stop`, {});
    await until(() => first.deliveries().every((d) => d.attempts > 0));
    await stop(first);
    expect(receiver.received).toEqual([]);

    receiver.status = () => 204;
    const second = await start(file, { callbackUrl: receiver.url, timing: { archiveAvailableMs: 10 } });
    await second.idle();
    expect((await rest(second, 'GET', `{P}/archive/${archive.body.id}`)).body.status).toBe('available');
    const events = receiver.received.map((r) => `${String(r.body.event)}:${String(r.body.status ?? '')}`);
    expect(events).toEqual(
      expect.arrayContaining([
        'connectionCreated:',
        'streamCreated:',
        'archive:started',
        'archive:stopped',
        'archive:available',
      ]),
    );
  });

  it('counts maxDuration and archive duration from the real start, not from the restart', async () => {
    const file = join(dir, `s${++n}.json`);
    const first = await start(file);
    const { sessionId } = await meeting(first);
    const b = await rest(first, 'POST', '{P}/broadcast', {
      sessionId,
      outputs: { hls: {} },
      maxDuration: 3600,
    });
    const a = await rest(first, 'POST', '{P}/archive', { sessionId });
    await stop(first);
    // Pretend both started two hours ago: the broadcast is past its hour, the archive is 2 h long.
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    const twoHoursAgo = Date.now() - 2 * 3600_000;
    for (const x of [...saved.broadcasts, ...saved.archives]) x.createdAt = x.updatedAt = twoHoursAgo;
    writeFileSync(file, JSON.stringify(saved));

    const second = await start(file);
    await until(() => second.snapshot(sessionId).broadcasts.some((x) => x.status === 'stopped'));
    expect(second.snapshot(sessionId).broadcasts).toMatchObject([{ id: b.body.id, status: 'stopped' }]);
    const stopped = await rest(second, 'POST', `{P}/archive/${a.body.id}/stop`, {});
    expect(stopped.body.duration).toBeGreaterThanOrEqual(7200);
  });

  it('keeps sending callbacks where they went when asked to (the standalone CLI), not otherwise', async () => {
    receiver = await startReceiver();
    const register = async (emu: Emulator) =>
      fetch(`${emu.url}/_emulator/callback-url`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ url: receiver!.url }),
      });
    for (const keepCallbackUrl of [false, true]) {
      const file = join(dir, `s${++n}.json`);
      const first = await start(file);
      await register(first);
      await stop(first);
      const second = await start(file, { keepCallbackUrl });
      const { sessionId } = await meeting(second);
      await second.idle();
      expect(receiver.received.some((r) => r.body.sessionId === sessionId)).toBe(keepCallbackUrl);
      await stop(second);
    }
  });

  it('moves an unreadable state file aside and starts empty, saying so', async () => {
    const file = join(dir, `s${++n}.json`);
    writeFileSync(file, '{ not json');
    const warnings: string[] = [];
    const emu = await start(file, { warn: (m) => warnings.push(m) });
    expect(emu.resumed).toBe(false);
    expect(warnings.join('\n')).toMatch(/could not be read; it was moved to .*unreadable/);
    expect(readdirSync(dir).some((f) => f.startsWith(`s${n}.json.unreadable-`))).toBe(true);
    await stop(emu);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ version: 1, sessions: [] });
  });

  it('keeps nothing on disk without a state file', async () => {
    const emu = await startEmulator();
    running.push(emu);
    expect(emu.resumed).toBe(false);
    expect(existsSync(join(dir, 'none.json'))).toBe(false);
  });
});
