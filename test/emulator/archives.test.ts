import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { createSession, meeting, officialSdk, rest, startReceiver, until, type Receiver } from './helpers.js';

// Archives over raw HTTP: every state transition and every error status.

let emu: Emulator;
let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver();
  emu = await startEmulator({ callbackUrl: receiver.url, timing: { archiveAvailableMs: 30 } });
});
afterAll(async () => {
  await emu.close();
  await receiver.close();
});

const archiveEvents = (id: string) =>
  receiver.received.filter((r) => r.body.event === 'archive' && r.body.id === id).map((r) => r.body.status);

describe('archive state machine', () => {
  it('goes started -> stopped -> available with url, size and duration, with callbacks', async () => {
    const { sessionId } = await meeting(emu);
    const start = await rest(emu, 'POST', '{P}/archive', {
      sessionId,
      name: 'weekly',
      resolution: '1280x720',
    });
    expect(start.status).toBe(200);
    expect(start.body).toMatchObject({
      status: 'started',
      name: 'weekly',
      outputMode: 'composed',
      resolution: '1280x720',
      hasAudio: true,
      streamMode: 'auto',
    });
    expect(start.body.streams).toHaveLength(1);
    const stop = await rest(emu, 'POST', `{P}/archive/${start.body.id}/stop`, {});
    expect(stop.body).toMatchObject({ status: 'stopped', reason: 'user initiated', url: null });
    await emu.idle();
    const got = await rest(emu, 'GET', `{P}/archive/${start.body.id}`);
    expect(got.body).toMatchObject({ status: 'available' });
    expect(got.body.size).toBeGreaterThan(0);
    expect(got.body.duration).toBeGreaterThanOrEqual(0);
    const media = await fetch(got.body.url as string);
    expect(media.status).toBe(200);
    expect(archiveEvents(start.body.id)).toEqual(['started', 'stopped', 'available']);
  });

  it('pauses when nobody publishes and resumes when someone does', async () => {
    const { sessionId, connectionId, streamId } = await meeting(emu);
    await emu.unpublish(streamId);
    const { body } = await rest(emu, 'POST', '{P}/archive', { sessionId });
    expect(body.status).toBe('started');
    await emu.idle();
    expect((await rest(emu, 'GET', `{P}/archive/${body.id}`)).body.status).toBe('paused');
    await emu.publish(connectionId);
    expect((await rest(emu, 'GET', `{P}/archive/${body.id}`)).body.status).toBe('started');
    await emu.idle();
    expect(archiveEvents(body.id)).toEqual(['started', 'paused', 'started']);
    const stopped = await rest(emu, 'POST', `{P}/archive/${body.id}/stop`);
    expect(stopped.body.status).toBe('stopped');
  });

  it('answers 409 for a second recording unless the multiArchiveTag differs', async () => {
    const { sessionId } = await meeting(emu);
    expect((await rest(emu, 'POST', '{P}/archive', { sessionId })).status).toBe(200);
    const again = await rest(emu, 'POST', '{P}/archive', { sessionId });
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/already in progress/);
    expect((await rest(emu, 'POST', '{P}/archive', { sessionId, multiArchiveTag: 'b' })).status).toBe(200);
    expect((await rest(emu, 'POST', '{P}/archive', { sessionId, multiArchiveTag: 'b' })).status).toBe(409);
  });

  it('answers 409 for a relayed session and 404 for unknown sessions and archives', async () => {
    const relayed = await createSession(emu, 'archiveMode=manual&p2p.preference=enabled');
    expect((await rest(emu, 'POST', '{P}/archive', { sessionId: relayed })).status).toBe(409);
    expect((await rest(emu, 'POST', '{P}/archive', { sessionId: '1_MX4xMjN-fg' })).status).toBe(404);
    for (const [method, path] of [
      ['GET', ''],
      ['POST', '/stop'],
      ['DELETE', ''],
      ['PUT', '/layout'],
    ] as const) {
      const res = await rest(
        emu,
        method,
        `{P}/archive/nope${path}`,
        method === 'PUT' ? { type: 'pip' } : undefined,
      );
      expect(res.status).toBe(404);
    }
  });

  it('answers 409 when stopping twice or deleting before available, 204 on delete', async () => {
    const { sessionId } = await meeting(emu);
    const { body } = await rest(emu, 'POST', '{P}/archive', { sessionId });
    expect((await rest(emu, 'DELETE', `{P}/archive/${body.id}`)).status).toBe(409);
    await rest(emu, 'POST', `{P}/archive/${body.id}/stop`);
    expect((await rest(emu, 'POST', `{P}/archive/${body.id}/stop`)).status).toBe(409);
    await emu.idle();
    expect((await rest(emu, 'DELETE', `{P}/archive/${body.id}`)).status).toBe(204);
    expect((await rest(emu, 'GET', `{P}/archive/${body.id}`)).status).toBe(404);
  });

  it.each([
    [{}, /sessionId/],
    [{ hasAudio: false, hasVideo: false }, /both be false/],
    [{ outputMode: 'mixed' }, /outputMode/],
    [{ resolution: '800x600' }, /resolution/],
    [{ outputMode: 'individual', resolution: '640x480' }, /composed/],
    [{ layout: { type: 'custom' } }, /stylesheet/],
    [{ layout: { type: 'pip', screenshareType: 'pip' } }, /bestFit/],
    [{ maxBitrate: 200000, quantizationParameter: 20 }, /cannot both/],
    [{ streamMode: 'sometimes' }, /streamMode/],
    [{ name: 5 }, /name/],
  ])('validates the start body: %j -> 400', async (extra, message) => {
    const sessionId = await createSession(emu);
    const body = 'sessionId' in extra || Object.keys(extra).length === 0 ? extra : { sessionId, ...extra };
    const res = await rest(emu, 'POST', '{P}/archive', body);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(message);
  });

  it('honours manual stream mode with add/remove (405 in auto mode) and layout changes', async () => {
    const { sessionId, streamId } = await meeting(emu);
    const auto = await rest(emu, 'POST', '{P}/archive', { sessionId });
    expect(
      (await rest(emu, 'PATCH', `{P}/archive/${auto.body.id}/streams`, { addStream: streamId })).status,
    ).toBe(405);
    const manual = await rest(emu, 'POST', '{P}/archive', {
      sessionId,
      streamMode: 'manual',
      multiArchiveTag: 'm',
    });
    await emu.idle();
    expect((await rest(emu, 'GET', `{P}/archive/${manual.body.id}`)).body.status).toBe('paused');
    expect(
      (
        await rest(emu, 'PATCH', `{P}/archive/${manual.body.id}/streams`, {
          addStream: streamId,
          hasVideo: false,
        })
      ).status,
    ).toBe(204);
    const got = await rest(emu, 'GET', `{P}/archive/${manual.body.id}`);
    expect(got.body).toMatchObject({
      status: 'started',
      streams: [{ streamId, hasAudio: true, hasVideo: false }],
    });
    expect(
      (await rest(emu, 'PATCH', `{P}/archive/${manual.body.id}/streams`, { addStream: 'ghost' })).status,
    ).toBe(404);
    expect((await rest(emu, 'PATCH', `{P}/archive/${manual.body.id}/streams`, {})).status).toBe(400);
    expect(
      (await rest(emu, 'PATCH', `{P}/archive/${manual.body.id}/streams`, { removeStream: streamId })).status,
    ).toBe(204);
    expect(
      (
        await rest(emu, 'PUT', `{P}/archive/${manual.body.id}/layout`, {
          type: 'bestFit',
          screenshareType: 'pip',
        })
      ).status,
    ).toBe(200);
    expect(
      (await rest(emu, 'PUT', `{P}/archive/${manual.body.id}/layout`, { type: 'sideways' })).status,
    ).toBe(400);
  });

  it('lists newest first with paging and a session filter', async () => {
    const { sessionId } = await meeting(emu);
    const ids: string[] = [];
    for (const tag of ['1', '2', '3'])
      ids.push((await rest(emu, 'POST', '{P}/archive', { sessionId, multiArchiveTag: tag })).body.id);
    const page = await rest(
      emu,
      'GET',
      `{P}/archive?sessionId=${encodeURIComponent(sessionId)}&offset=1&count=1`,
    );
    expect(page.body.count).toBe(3);
    expect(page.body.items.map((a: { id: string }) => a.id)).toEqual([ids[1]]);
    expect((await rest(emu, 'GET', '{P}/archive?count=5000')).status).toBe(400);
  });

  it('stops by itself 60 emulated seconds after the last client leaves', async () => {
    const quick = await startEmulator({ timing: { secondMs: 1, archiveAvailableMs: 5 } });
    try {
      const { sessionId, connectionId } = await meeting(quick);
      const { body } = await rest(quick, 'POST', '{P}/archive', { sessionId });
      await quick.disconnect(connectionId);
      await until(
        () =>
          quick.snapshot(sessionId).archives[0]!.status !== 'paused' &&
          quick.snapshot(sessionId).archives[0]!.status !== 'started',
      );
      expect((await rest(quick, 'GET', `{P}/archive/${body.id}`)).body).toMatchObject({
        reason: 'all clients disconnected',
      });
    } finally {
      await quick.close();
    }
  });

  it('stops after 60 emulated minutes paused while a client stays connected', async () => {
    const quick = await startEmulator({ timing: { secondMs: 0.01, archiveAvailableMs: 5 } });
    try {
      const { sessionId, streamId } = await meeting(quick);
      const { body } = await rest(quick, 'POST', '{P}/archive', { sessionId });
      await quick.unpublish(streamId);
      await until(() => quick.snapshot(sessionId).archives[0]!.reason !== '');
      expect((await rest(quick, 'GET', `{P}/archive/${body.id}`)).body.reason).toBe(
        'no streams published for 60 minutes',
      );
    } finally {
      await quick.close();
    }
  });

  it('starts recording by itself in an archiveMode=always session when the first client joins', async () => {
    const sessionId = await createSession(emu, 'archiveMode=always&archiveName=auto&p2p.preference=disabled');
    await emu.connect(sessionId, officialSdk(emu).generateToken(sessionId));
    const archives = emu.snapshot(sessionId).archives;
    expect(archives).toHaveLength(1);
    expect(archives[0]).toMatchObject({ name: 'auto' });
    await until(() => emu.snapshot(sessionId).archives[0]!.status === 'paused');
  });
});
