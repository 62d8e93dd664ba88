import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTERRUPTED } from '../../commands/execute.js';
import type { Ask, ChatRequest, FrontDoor } from '../../commands/front-door.js';
import type { Place, View } from '../../src/chat.js';
import { createLogger } from '../../src/log.js';
import { ask, recordingPort, testDoor } from '../support/context.js';
import { startRig, type ShellRig } from '../shell/harness.js';
import { settle } from '../support/eventually.js';

// The front door on the whole bot (emulator, SQLite, cards) with a recording Slack port: what the
// core makes of neutral requests, whichever adapter sends them.

const place: Place = { platform: 'slack', teamId: 'T1', channelId: 'C1' };
const host = { platform: 'slack' as const, id: 'U1', name: 'Hana' };
const guest = { platform: 'slack' as const, id: 'U2', name: 'Gus' };
const text = (v: View | string) =>
  typeof v === 'string' ? v : v.blocks.map((b) => ('text' in b ? b.text : '')).join('\n');

describe('the front door', () => {
  let rig: ShellRig;
  let door: FrontDoor;
  const port = recordingPort('slack');
  const req = (a: Ask, extra: Partial<ChatRequest> = {}): ChatRequest => ({
    actor: host,
    place,
    ask: a,
    source: a.kind === 'action' ? 'button' : 'slash',
    ...extra,
  });
  const line = (t: string, extra: Partial<ChatRequest> = {}) =>
    ask(door, req({ kind: 'text', text: t }, extra));
  beforeAll(async () => {
    rig = await startRig();
    door = rig.door;
    door.serve(port);
  });
  afterAll(async () => {
    await rig.stop();
  });

  it('the same delivery ID runs once: a repeat is acked and does nothing', async () => {
    const first = await line('start Retry test', { delivery: 'trigger-1' });
    expect(text(first)).toContain('Meeting **Retry test** started.');
    expect(await line('start Retry test', { delivery: 'trigger-1' })).toBe('repeat');
    const meetings = (await rig.app.store.listActiveMeetings()).filter((m) => m.platform === 'slack');
    expect(meetings).toHaveLength(1);
    expect(text(await line('start Retry test', { delivery: 'trigger-2' }))).toContain(
      'is already running in this channel',
    );
    expect(port.replies.map((r) => r.req.delivery)).toEqual(['trigger-1', 'trigger-2']);
  });

  it('two simultaneous starts in one channel make one meeting', async () => {
    const here: Place = { platform: 'slack', teamId: 'T1', channelId: 'C-race' };
    const replies = await Promise.all([0, 1, 2].map((i) => line(`start Race ${i}`, { place: here })));
    const active = (await rig.app.store.listActiveMeetings()).filter((m) => m.channelId === 'C-race');
    expect(active).toHaveLength(1);
    expect(replies.filter((v) => text(v).includes('started.'))).toHaveLength(1);
    for (const v of replies.filter((r) => !text(r).includes('started.')))
      expect(text(v)).toMatch(/already running|being started in this channel right now/);
    await line('end', { place: here });
  });

  it('typed options (Discord) use the same schemas; bad typed values get the same sentences', async () => {
    const typed = (command: string, options: Record<string, unknown> = {}) =>
      ask(door, req({ kind: 'command', command, options }));
    expect(
      text(await typed('record start', { name: 'Typed', layout: 'PIP', 'audio-only': 'false' })),
    ).toContain('Hana started recording **Typed**.');
    expect(text(await typed('recordings', { count: '0' }))).toContain('`--count` must be between 1 and 50.');
    expect(text(await typed('recordings', { cuont: 2 }))).toContain(
      '`recordings` has no option `cuont`; did you mean `count`?',
    );
    expect(text(await typed('mute', { target: 'all', except: '<@U7> <@U8>, Gus' }))).toContain(
      'Nobody matching `<@U7>` is in the meeting',
    );
    expect(text(await typed('teleport'))).toContain('There is no subcommand `teleport`.');
  });

  it('card controls map onto commands: actions, values, form fields (RTMP URL + secret key pairs)', async () => {
    const m = (await rig.app.store.getActiveMeetingInChannel('slack', 'T1', 'C1'))!;
    const click = (action: string, more: Partial<Extract<Ask, { kind: 'action' }>> = {}) =>
      ask(door, req({ kind: 'action', action, key: m.id, ...more }));
    expect(text(await click('record.stop'))).toContain('Hana stopped the recording');
    const live = await click('live.start', {
      fields: { rtmp_url: 'rtmp://live.example/app', rtmp_key: 'KEY-123', hls: true, max_duration: '120' },
    });
    expect(text(live)).toContain('Hana took the meeting live: HLS, rtmp://live.example/app.');
    expect(JSON.stringify(live)).not.toContain('KEY-123');
    const half = await click('live.start', { fields: { rtmp_url: 'rtmp://live.example/app' } });
    expect(text(half)).toContain('Give both the RTMP server URL and the stream key, or neither.');
    expect(text(await click('mute.all'))).toContain('Hana muted everyone.');
    expect(text(await click('mute.off'))).toContain('turned mute-all off');
    expect(
      text(await click('dial', { fields: { uri: 'sip:desk@pbx.example.com', video: false } })),
    ).toContain('calling `sip:desk@pbx.example.com`');
    expect(text(await click('join'))).toContain('Your link to join');
    expect(text(await click('teleport.now'))).toContain('That button is no longer supported');
    expect(text(await ask(door, req({ kind: 'action', action: 'join', key: 'no-such-key' })))).toContain(
      'That meeting no longer exists.',
    );
  });

  it('checks a form before it runs, pinning each problem to its field', async () => {
    const m = (await rig.app.store.getActiveMeetingInChannel('slack', 'T1', 'C1'))!;
    const control = { actor: host, place, action: 'dial', key: m.id };
    expect(await door.check(control, { uri: '555' })).toEqual({
      uri: 'Phone numbers need the country code, like +14155550100.',
    });
    expect(await door.check(control, { uri: 'sip:a@b.example' })).toEqual({});
    await line('live stop');
    const live = { ...control, action: 'live.start' };
    expect(await door.check(live, { rtmp_url: 'rtmp://x/app', rtmp_key: undefined })).toEqual({
      rtmp_url: 'Give both the RTMP server URL and the stream key, or neither.',
    });
    expect(await door.check(live, { max_duration: '1.5' })).toEqual({
      max_duration: 'Maximum duration (seconds) must be a whole number.',
    });
  });

  it('a click on an ended meeting is refused, but its recording download button still works', async () => {
    const m = (await rig.app.store.getActiveMeetingInChannel('slack', 'T1', 'C1'))!;
    const [rec] = await rig.app.store.listRecordings(m.id);
    await line('end');
    const record = await ask(door, req({ kind: 'action', action: 'record.start', key: m.id }));
    expect(text(record)).toContain('has ended; start a new one with `/video start`.');
    await rig.app.emulator!.idle();
    const link = await ask(
      door,
      req({ kind: 'action', action: 'recording.link', key: m.id, value: rec!.id }, { actor: guest }),
    );
    expect((link as View).visibility).toBe('ephemeral');
    expect(JSON.stringify(link)).toMatch(/Download the recording|nothing to download yet/);
  });

  it('never throws: a broken store gives a generic sentence and an error log without secrets', async () => {
    const lines: string[] = [];
    const broken = new Proxy(rig.app.store, {
      get(target, prop, receiver) {
        if (prop === 'getActiveMeetingInChannel')
          return async () =>
            Promise.reject(new Error('disk on fire with token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln'));
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
    const log = createLogger({ level: 'debug', write: (l) => lines.push(l) });
    const other = testDoor({ ...rig.app.ctx, store: broken, log });
    other.serve(recordingPort('slack'));
    const view = await ask(other, req({ kind: 'text', text: 'status' }));
    expect(text(view)).toBe('Something went wrong running `status`; it has been logged, please try again.');
    expect(lines.some((l) => l.includes('command failed unexpectedly'))).toBe(true);
    expect(lines.join('\n')).not.toContain('eyJhbGciOiJIUzI1NiJ9');
    expect(JSON.stringify(view)).not.toContain('disk on fire');
  });

  it('a pre-ack write already being committed when the ack is due is acked, and the request then runs once', async () => {
    // The store starts the write at once but takes longer than the ack may wait.
    const slow = new Proxy(rig.app.store, {
      get(target, prop, receiver) {
        if (prop !== 'commit') return Reflect.get(target, prop, receiver) as unknown;
        const commit: typeof target.commit = async (writes, opts) => {
          if (!writes.some((w) => w.kind === 'recordPending')) return target.commit(writes, opts);
          opts?.onStart?.();
          await new Promise((r) => setTimeout(r, 300));
          return target.commit(writes);
        };
        return commit;
      },
    });
    const other = testDoor({ ...rig.app.ctx, store: slow }, {}, undefined, { storeMs: 50, ackMs: 100 });
    const port = recordingPort('slack');
    other.serve(port);
    const answer = await other.accept(req({ kind: 'text', text: 'help' }, { delivery: 'slow-1' }));
    expect(answer.kind).toBe('accepted');
    if (answer.kind !== 'accepted') return;
    expect(text((await other.run(answer.ticket))!)).toContain('`start` — Start a meeting');
    expect(port.replies).toHaveLength(1);
    // A repeat delivery, as slow: acked too, and found to be a repeat once its write is done.
    const again = await other.accept(req({ kind: 'text', text: 'help' }, { delivery: 'slow-1' }));
    expect(again.kind).toBe('accepted');
    if (again.kind === 'accepted') expect(await other.run(again.ticket)).toBeUndefined();
    expect(port.replies).toHaveLength(1);
    await other.leave('slack');
  });

  it('an acked request whose replica died is run again by the live one; a refusal then says it may already have run', async () => {
    const here: Place = { platform: 'slack', teamId: 'T1', channelId: 'C-rerun' };
    await line('start Rerun', { place: here });
    expect(text(await line('record start', { place: here }))).toContain('started recording');
    // The dead replica accepted `record start` again (another delivery), started it, and died.
    const dead = testDoor(rig.app.ctx, { holder: 'dead-replica' });
    dead.serve({ ...recordingPort('slack'), durable: true });
    const accepted = await dead.accept(
      req({ kind: 'text', text: 'record start' }, { place: here, delivery: 'lost' }),
    );
    expect(accepted.kind).toBe('accepted');
    await dead.leave('slack');
    const alive = testDoor(rig.app.ctx, { holder: 'alive', staleMs: 1, recoverMs: 20, minAgeMs: 0 });
    const alivePort = recordingPort('slack');
    alive.serve(alivePort);
    await settle(() => alivePort.replies.length > 0);
    await alive.leave('slack');
    expect(alivePort.replies.map((r) => r.req.delivery)).toEqual(['lost']);
    const rerun = alivePort.replies[0]!.view;
    expect(text(rerun)).toContain('interrupted when one of our servers stopped');
    expect(text(rerun)).toContain('already being recorded');
    const m = (await rig.app.store.getActiveMeetingInChannel('slack', 'T1', 'C-rerun'))!;
    const audit = (await rig.app.store.listAudit(m.id)).filter((a) => a.action === 'record start');
    expect(audit.map((a) => [a.outcome, a.detail?.startsWith(INTERRUPTED) ?? false])).toEqual([
      ['ok', false],
      ['failed', true],
    ]);
    await line('end', { place: here });
  });

  it('a request holding a stream key or SIP password, taken over after its replica died, is not run but asked again', async () => {
    const here: Place = { platform: 'slack', teamId: 'T1', channelId: 'C-secret-rerun' };
    await line('start Secret rerun', { place: here });
    const dead = testDoor(rig.app.ctx, { holder: 'dead-secrets' });
    dead.serve({ ...recordingPort('slack'), durable: true });
    for (const [delivery, t] of [
      ['lost-live', 'live start --rtmp rtmp://live.example.com/app sk-RERUN-SECRET'],
      ['lost-dial', 'dial sip:alice:PW-RERUN@pbx.example.com'],
    ] as const)
      expect((await dead.accept(req({ kind: 'text', text: t }, { place: here, delivery }))).kind).toBe(
        'accepted',
      );
    await dead.leave('slack');
    const alive = testDoor(rig.app.ctx, { holder: 'alive-secrets', staleMs: 1, recoverMs: 20, minAgeMs: 0 });
    const alivePort = recordingPort('slack');
    alive.serve(alivePort);
    await settle(() => alivePort.replies.length >= 2);
    await alive.leave('slack');
    expect(alivePort.replies.map((r) => r.req.delivery).sort()).toEqual(['lost-dial', 'lost-live']);
    for (const r of alivePort.replies) {
      expect(text(r.view)).toContain(
        'Stream keys and SIP passwords are never stored, so please send it again.',
      );
      expect(JSON.stringify(r)).not.toMatch(/sk-RERUN-SECRET|PW-RERUN/);
    }
    const m = (await rig.app.store.getActiveMeetingInChannel('slack', 'T1', 'C-secret-rerun'))!;
    expect(await rig.app.store.listBroadcasts(m.id)).toHaveLength(0);
    expect(await rig.app.store.listSipLegs(m.id)).toHaveLength(0);
    expect(rig.app.emulator!.snapshot(m.sessionId).sipCalls).toHaveLength(0);
    await line('end', { place: here });
  });
});
