import { createHash } from 'node:crypto';
import { jwtVerify } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { createSession, meeting, officialSdk, startReceiver, type Receiver } from './helpers.js';

// Callback delivery: session-monitoring payloads and reasons, signing (HS256 JWT with payload hash),
// retry with backoff on non-2xx, giving up, out-of-order delivery, switching the URL.

const open: Array<{ close(): Promise<void> }> = [];
async function setup(
  opts: Parameters<typeof startEmulator>[0] = {},
  status?: () => number,
): Promise<{ emu: Emulator; receiver: Receiver }> {
  const receiver = await startReceiver(status);
  const emu = await startEmulator({ callbackUrl: receiver.url, timing: { callbackRetryBaseMs: 5 }, ...opts });
  open.push(emu, receiver);
  return { emu, receiver };
}
afterEach(async () => {
  for (const x of open.splice(0)) await x.close();
});

describe('session monitoring callbacks', () => {
  it('reports connections and streams with the right reasons, in order', async () => {
    const { emu, receiver } = await setup();
    const { sessionId, connectionId, streamId } = await meeting(emu);
    const { streamId: screen } = await emu.publish(connectionId, { videoType: 'screen' });
    await emu.unpublish(screen, 'mediaStopped');
    await emu.unpublish(streamId, 'forceUnpublished');
    await emu.disconnect(connectionId, 'networkDisconnected');
    await emu.idle();
    const got = receiver.received.map((r) => r.body);
    expect(got.map((b) => [b.event, b.reason])).toEqual([
      ['sessionCreated', undefined],
      ['connectionCreated', undefined],
      ['streamCreated', undefined],
      ['streamCreated', undefined],
      ['streamDestroyed', 'mediaStopped'],
      ['streamDestroyed', 'forceUnpublished'],
      ['connectionDestroyed', 'networkDisconnected'],
      ['sessionDestroyed', 'networkDisconnected'],
    ]);
    expect(got[1]).toMatchObject({
      sessionId,
      projectId: emu.apiKey,
      connection: { id: connectionId, data: 'name=Ada' },
    });
    expect(got[2]).toMatchObject({
      stream: { id: streamId, name: 'Ada', videoType: 'camera', connection: { id: connectionId } },
    });
    expect(typeof got[2]!.timestamp).toBe('number');
    expect(emu.deliveries().every((d) => d.state === 'delivered' && d.attempts === 1)).toBe(true);
  });

  it("gives a disconnected client's streams the connection's reason", async () => {
    const { emu, receiver } = await setup();
    const { connectionId } = await meeting(emu);
    await emu.disconnect(connectionId);
    await emu.idle();
    const destroyed = receiver.received
      .filter((r) => String(r.body.event).endsWith('Destroyed'))
      .map((r) => [r.body.event, r.body.reason]);
    expect(destroyed).toEqual([
      ['streamDestroyed', 'clientDisconnected'],
      ['connectionDestroyed', 'clientDisconnected'],
      ['sessionDestroyed', 'clientDisconnected'],
    ]);
    await expect(emu.disconnect(connectionId, 'x')).rejects.toThrow(/not found/);
  });
});

describe('signing, retries and ordering', () => {
  it('signs each callback with an HS256 JWT whose payload_hash matches the raw body', async () => {
    const { emu, receiver } = await setup({ signatureSecret: 'sig-secret' });
    await meeting(emu);
    await emu.idle();
    expect(receiver.received.length).toBeGreaterThan(0);
    for (const r of receiver.received) {
      const token = String(r.headers.authorization).replace(/^Bearer /, '');
      const { payload } = await jwtVerify(token, new TextEncoder().encode('sig-secret'), {
        algorithms: ['HS256'],
        issuer: 'Vonage',
      });
      expect(payload.payload_hash).toBe(createHash('sha256').update(r.raw).digest('hex'));
      expect(payload.jti).toBeTypeOf('string');
      expect(payload.api_key).toBe(emu.apiKey);
    }
    await expect(
      jwtVerify(
        String(receiver.received[0]!.headers.authorization).slice(7),
        new TextEncoder().encode('other'),
      ),
    ).rejects.toThrow();
  });

  it('retries a non-2xx answer with backoff until it is accepted', async () => {
    let calls = 0;
    const { emu, receiver } = await setup({}, () => (++calls <= 2 ? 503 : 204));
    await createSession(emu).then((sid) => emu.connect(sid, officialSdk(emu).generateToken(sid)));
    await emu.idle();
    // Each event is retried on its own (later events are not held back), as the service does.
    const deliveries = emu.deliveries();
    expect(deliveries.map((d) => [d.event, d.state, d.statuses.at(-1)])).toEqual([
      ['sessionCreated', 'delivered', 204],
      ['connectionCreated', 'delivered', 204],
    ]);
    expect(deliveries.flatMap((d) => d.statuses).filter((s) => s === 503)).toHaveLength(2);
    expect(deliveries[0]!.attempts).toBeGreaterThan(1);
    expect(receiver.received.map((r) => r.body.event).sort()).toEqual([
      'connectionCreated',
      'sessionCreated',
    ]);
  });

  it('gives up after the maximum number of attempts, and retries network errors', async () => {
    const { emu } = await setup({ timing: { callbackRetryBaseMs: 1, callbackMaxAttempts: 3 } }, () => 500);
    await meeting(emu);
    await emu.idle();
    expect(emu.deliveries().every((d) => d.state === 'failed' && d.statuses.join() === '500,500,500')).toBe(
      true,
    );
    emu.setCallbackUrl('http://127.0.0.1:9/closed');
    await meeting(emu);
    await emu.idle();
    expect(emu.deliveries().at(-1)).toMatchObject({ state: 'failed', statuses: [0, 0, 0] });
  });

  it('delivers every callback when shuffled out of order', async () => {
    const { emu, receiver } = await setup({ outOfOrder: true });
    const { connectionId } = await meeting(emu);
    for (let i = 0; i < 10; i++) await emu.publish(connectionId);
    await emu.disconnect(connectionId);
    await emu.idle();
    expect(receiver.received).toHaveLength(emu.deliveries().length);
    expect(receiver.received.filter((r) => r.body.event === 'streamDestroyed')).toHaveLength(11);
    // deliveries() is in emission order; 20+ events picked at random will not arrive in that order.
    const emitted = emu.deliveries().map((d) => d.id);
    const arrived = receiver.received.map(
      (r) => emu.deliveries().find((d) => JSON.stringify(d.payload) === r.raw)?.id,
    );
    expect(arrived.every(Boolean)).toBe(true);
    expect(arrived).not.toEqual(emitted);
  });

  it('sends nothing while no callback URL is set', async () => {
    const { emu, receiver } = await setup();
    emu.setCallbackUrl(undefined);
    await meeting(emu);
    await emu.idle();
    expect(receiver.received).toEqual([]);
    expect(emu.deliveries()).toEqual([]);
  });
});
