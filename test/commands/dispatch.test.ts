import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, dispatchAction, INTERRUPTED } from '../../commands/dispatch.js';
import { takeOverUnfinished } from '../../commands/idempotency.js';
import type { ActionRequest, CommandContext, Invocation } from '../../commands/types.js';
import type { Actor, Place, View } from '../../src/chat.js';
import { createLogger } from '../../src/log.js';
import { startRig, type ShellRig } from '../shell/harness.js';

const place: Place = { platform: 'slack', teamId: 'T1', channelId: 'C1' };
const host: Actor = { platform: 'slack', id: 'U1', name: 'Hana', moderator: false };
const guest: Actor = { platform: 'slack', id: 'U2', name: 'Gus', moderator: false };
const text = (v: View) => v.blocks.map((b) => ('text' in b ? b.text : '')).join('\n');

describe('dispatch and dispatchAction', () => {
  let rig: ShellRig;
  let ctx: CommandContext;
  const inv = (t: string, actor = host, extra: Partial<Invocation> = {}): Invocation => ({
    actor,
    place,
    text: t,
    source: 'slash',
    ...extra,
  });
  beforeAll(async () => {
    rig = await startRig();
    ctx = rig.app.ctx;
  });
  afterAll(async () => {
    await rig.stop();
  });

  it('the same delivery ID runs once and repeats the first reply', async () => {
    const first = await dispatch(inv('start Retry test', host, { idempotencyKey: 'trigger-1' }), ctx);
    const again = await dispatch(inv('start Retry test', host, { idempotencyKey: 'trigger-1' }), ctx);
    expect(again).toEqual(first);
    expect(text(first)).toContain('Meeting **Retry test** started.');
    const meetings = (await rig.app.store.listActiveMeetings()).filter((m) => m.platform === 'slack');
    expect(meetings).toHaveLength(1);
    const other = await dispatch(inv('start Retry test', host, { idempotencyKey: 'trigger-2' }), ctx);
    expect(text(other)).toContain('is already running in this channel');
  });

  it('a delivery taken over from a runner that died mid-work runs again; a refusal then says it may already have taken effect', async () => {
    const here: Place = { platform: 'slack', teamId: 'T1', channelId: 'C-rerun' };
    const at = (t: string, key: string) =>
      dispatch({ actor: host, place: here, text: t, source: 'slash', idempotencyKey: key }, ctx);
    await at('start Rerun', 'rerun-start');
    // The dead runner claimed its key and started the recording, then died before storing a reply.
    expect(text(await at('record start', 'rerun-rec'))).toContain('started recording');
    await rig.app.store.claimKey('command', 'slack:rerun-lost', 60_000, Date.now());
    expect(text(await at('record start', 'rerun-lost'))).toContain('already being handled');
    expect(await takeOverUnfinished(rig.app.store, 'slack:rerun-lost')).toBe(true);
    const rerun = await at('record start', 'rerun-lost');
    expect(text(rerun)).toContain('interrupted when one of our servers stopped');
    expect(text(rerun)).toContain('already being recorded');
    expect(await at('record start', 'rerun-lost')).toEqual(rerun);
    // A finished delivery is not taken over: its stored reply stands.
    expect(await takeOverUnfinished(rig.app.store, 'slack:rerun-rec')).toBe(false);
    const m = (await rig.app.store.getActiveMeetingInChannel('slack', 'T1', 'C-rerun'))!;
    const audit = (await rig.app.store.listAudit(m.id)).filter((a) => a.action === 'record start');
    expect(audit.map((a) => [a.outcome, a.detail?.startsWith(INTERRUPTED) ?? false])).toEqual([
      ['ok', false],
      ['failed', true],
    ]);
    await at('end', 'rerun-end');
  });

  it('two simultaneous starts in one channel make one meeting', async () => {
    const here: Place = { platform: 'slack', teamId: 'T1', channelId: 'C-race' };
    const replies = await Promise.all(
      [0, 1, 2].map((i) =>
        dispatch({ actor: host, place: here, text: `start Race ${i}`, source: 'slash' }, ctx),
      ),
    );
    const active = (await rig.app.store.listActiveMeetings()).filter((m) => m.channelId === 'C-race');
    expect(active).toHaveLength(1);
    expect(replies.filter((v) => text(v).includes('started.'))).toHaveLength(1);
    for (const v of replies.filter((r) => !text(r).includes('started.')))
      expect(text(v)).toMatch(/already running|being started in this channel right now/);
    await dispatch({ actor: host, place: here, text: 'end', source: 'slash' }, ctx);
  });

  it('typed options (Discord) use the same schemas; bad typed values get the same sentences', async () => {
    const ok = await dispatch(
      {
        actor: host,
        place,
        command: 'record start',
        options: { name: 'Typed', layout: 'PIP', 'audio-only': 'false' },
        source: 'slash',
      },
      ctx,
    );
    expect(text(ok)).toContain('Hana started recording **Typed**.');
    const bad = await dispatch(
      { actor: host, place, command: 'recordings', options: { count: '0' }, source: 'slash' },
      ctx,
    );
    expect(text(bad)).toContain('`--count` must be between 1 and 50.');
    const unknown = await dispatch(
      { actor: host, place, command: 'recordings', options: { cuont: 2 }, source: 'slash' },
      ctx,
    );
    expect(text(unknown)).toContain('`recordings` has no option `cuont`; did you mean `count`?');
    const spared = await dispatch(
      {
        actor: host,
        place,
        command: 'mute',
        options: { target: 'all', except: '<@U7> <@U8>, Gus' },
        source: 'slash',
      },
      ctx,
    );
    expect(text(spared)).toContain('Nobody matching `<@U7>` is in the meeting');
    const nope = await dispatch({ actor: host, place, command: 'teleport', source: 'slash' }, ctx);
    expect(text(nope)).toContain('There is no subcommand `teleport`.');
  });

  it('card clicks map onto commands: actions, values, modal fields (RTMP URL + secret key pairs)', async () => {
    const m = (await rig.app.store.getActiveMeetingInChannel('slack', 'T1', 'C1'))!;
    const click = (req: Partial<ActionRequest>) =>
      dispatchAction(
        { actor: host, place, key: m.id, action: 'x', source: 'button', ...req } as ActionRequest,
        ctx,
      );
    expect(text(await click({ action: 'record.stop' }))).toContain('Hana stopped the recording');
    const live = await click({
      action: 'live.start',
      source: 'modal',
      fields: { rtmp_url: 'rtmp://live.example/app', rtmp_key: 'KEY-123', hls: true, max_duration: '120' },
    });
    expect(text(live)).toContain('Hana took the meeting live: HLS, rtmp://live.example/app.');
    expect(JSON.stringify(live)).not.toContain('KEY-123');
    const half = await click({
      action: 'live.start',
      source: 'modal',
      fields: { rtmp_url: 'rtmp://live.example/app' },
    });
    expect(text(half)).toContain('Give both the RTMP server URL and the stream key, or neither.');
    expect(text(await click({ action: 'mute.all' }))).toContain('Hana muted everyone.');
    expect(text(await click({ action: 'mute.off' }))).toContain('turned mute-all off');
    expect(
      text(
        await click({
          action: 'dial',
          source: 'modal',
          fields: { uri: 'sip:desk@pbx.example.com', video: false },
        }),
      ),
    ).toContain('calling `sip:desk@pbx.example.com`');
    expect(text(await click({ action: 'join' }))).toContain('Your link to join');
    expect(text(await click({ action: 'teleport.now' }))).toContain('That button is no longer supported');
    expect(text(await click({ action: 'join', key: 'no-such-key' }))).toContain(
      'That meeting no longer exists.',
    );
  });

  it('a click on an ended meeting is refused, but its recording download button still works', async () => {
    const m = (await rig.app.store.getActiveMeetingInChannel('slack', 'T1', 'C1'))!;
    const [rec] = await rig.app.store.listRecordings(m.id);
    await dispatch(inv('end'), ctx);
    const record = await dispatchAction(
      { actor: host, place, key: m.id, action: 'record.start', source: 'button' },
      ctx,
    );
    expect(text(record)).toContain('has ended; start a new one with `/video start`.');
    await rig.app.emulator!.idle();
    const link = await dispatchAction(
      { actor: guest, place, key: m.id, action: 'recording.link', value: rec!.id, source: 'button' },
      ctx,
    );
    expect(link.visibility).toBe('ephemeral');
    expect(JSON.stringify(link)).toMatch(/Download the recording|nothing to download yet/);
  });

  it('never throws: a broken store gives a generic sentence and an error log without secrets', async () => {
    const lines: string[] = [];
    const broken = new Proxy(ctx.store, {
      get(target, prop, receiver) {
        if (prop === 'getActiveMeetingInChannel')
          return async () =>
            Promise.reject(new Error('disk on fire with token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln'));
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
    const log = createLogger({ level: 'debug', write: (l) => lines.push(l) });
    const view = await dispatch(inv('status'), { ...ctx, store: broken, log });
    expect(text(view)).toBe('Something went wrong running `status`; it has been logged, please try again.');
    expect(lines.some((l) => l.includes('command failed unexpectedly'))).toBe(true);
    expect(lines.join('\n')).not.toContain('eyJhbGciOiJIUzI1NiJ9');
    expect(JSON.stringify(view)).not.toContain('disk on fire');
  });
});
