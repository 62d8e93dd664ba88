import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyTicket } from '../../src/join/tickets.js';
import { startRig, type ShellRig } from './harness.js';

const SECRET = 'test-ticket-secret-0123456789abcdef';
const ticketOf = (out: string) => {
  const m = /\/join\/([\w.-]+)/.exec(out);
  if (!m) throw new Error(`no join link in:\n${out}`);
  const check = verifyTicket(m[1]!, SECRET, Date.now());
  if (!check.ok) throw new Error(`bad ticket: ${check.reason}`);
  return check.claims;
};

describe('meeting lifecycle through the shell', () => {
  let rig: ShellRig;
  beforeAll(async () => {
    rig = await startRig();
  });
  afterAll(async () => {
    await rig.stop();
  });

  it('start posts the card in the channel and gives the host a private moderator link', async () => {
    const out = await rig.run('as Hana', '/video start "Weekly sync"');
    expect(out).toContain('#general — card posted:');
    expect(out).toMatch(/│ Weekly sync\n│ Host: Hana/);
    expect(out).toMatch(/\(only you see this\)\n {2}✓ Meeting Weekly sync started\./);
    const claims = ticketOf(out);
    const meeting = await rig.meeting();
    expect(claims).toMatchObject({ m: meeting.id, u: 'hana', n: 'Hana', r: 'moderator' });
    expect(meeting.id).toMatch(/^[A-Za-z0-9_-]{10}$/);
    expect(rig.app.emulator!.snapshot(meeting.sessionId)).toMatchObject({
      mediaMode: 'routed',
      archiveMode: 'manual',
    });
  });

  it('a second start in the channel points at the running meeting instead of creating one', async () => {
    const before = rig.calls.get('createSession') ?? 0;
    const out = await rig.run('as Bob', '/video start Other');
    expect(out).toContain(
      '**Weekly sync** is already running in this channel (started by Hana)'.replace(/\*\*/g, ''),
    );
    expect(ticketOf(out)).toMatchObject({ u: 'bob', r: 'publisher' });
    expect(rig.calls.get('createSession') ?? 0).toBe(before);
  });

  it('join always answers privately with a personal link; the role follows the person', async () => {
    const asBob = await rig.run('as Bob', '/video join');
    expect(asBob).toContain('(only you see this)');
    expect(asBob).not.toContain('#general:');
    expect(ticketOf(asBob)).toMatchObject({ u: 'bob', r: 'publisher' });
    const asMod = await rig.run('as Mo --moderator', '/video join');
    expect(ticketOf(asMod)).toMatchObject({ u: 'mo', r: 'moderator' });
  });

  it('participants and status reflect people who joined (token data names them)', async () => {
    await rig.run('sim join Alice', 'sim publish Alice', 'sim join Bob', 'sim publish Bob --screen');
    const out = await rig.run('/video participants');
    expect(out).toMatch(/Participants of Weekly sync \(2\)/);
    expect(out).toMatch(/• Alice — camera, \d+s · `[\w-]+`/);
    expect(out).toMatch(/• Bob — screen/);
    const conns = await rig.app.store.listConnections((await rig.meeting()).id);
    expect(conns.map((c) => [c.name, c.userId, c.kind]).sort()).toEqual([
      ['Alice', 'alice', 'user'],
      ['Bob', 'bob', 'user'],
    ]);
    const status = await rig.run('/video status');
    expect(status).toMatch(/\(only you see this\)\n {2}Weekly sync/);
    expect(status).toContain('Alice');
  });

  it('start in another channel makes a second meeting there, with session options', async () => {
    const out = await rig.run(
      'in #design',
      'as Hana',
      '/video start Crit --auto-record --location 203.0.113.7 --archive-resolution 1920x1080',
    );
    expect(out).toContain('#design — card posted:');
    const m = await rig.meeting('design');
    expect(m.options).toMatchObject({
      autoRecord: true,
      e2ee: false,
      location: '203.0.113.7',
      archiveResolution: '1920x1080',
      relayed: false,
    });
    expect(rig.app.emulator!.snapshot(m.sessionId)).toMatchObject({
      archiveMode: 'always',
      mediaMode: 'routed',
    });
    const secret = await rig.run('in secure', '/video start --e2ee');
    expect(secret).toContain('✓ Meeting');
    expect((await rig.meeting('secure')).options.e2ee).toBe(true);
    const relayed = await rig.run('in ops', '/video start --relayed', '/video record start');
    expect(relayed).toContain('relayed (peer-to-peer), so it cannot be recorded');
    expect((await rig.meeting('ops')).title).toBe("Hana's meeting");
    await rig.run('in general');
  });

  it('refuses start options that cannot work, without calling the Video API', async () => {
    const before = rig.callCount();
    const out = await rig.run(
      'in fresh',
      '/video start --relayed --auto-record',
      '/video start --location nowhere',
      '/video start --archive-resolution 999x1',
      '/video start --e2ee --auto-record',
      'in general',
    );
    expect(out).toContain('`--auto-record` needs a routed session: drop `--relayed`.');
    expect(out).toContain('End-to-end encrypted meetings cannot record automatically');
    expect(out).toContain('`--location` must be an IPv4 address');
    expect(out).toContain('`--archive-resolution` must be one of `640x480`');
    expect(out.match(/Usage: `\/video start/g)).toHaveLength(4);
    expect(rig.callCount()).toBe(before);
  });

  it('end stops everything, disconnects everyone and leaves a final card', async () => {
    const from = rig.transcript().length;
    const denied = await rig.run('as Bob', '/video end');
    expect(denied).toContain("Only the meeting's host or a moderator can use `end`.");
    const out = await rig.run('as Hana', '/video record start', '/video end');
    expect(out).toMatch(
      /Hana ended \*?\*?Weekly sync\*?\*? after \d+s: disconnected 2 people and stopped the recording\./,
    );
    const ended = (await rig.app.store.listActiveMeetings()).filter((m) => m.channelId === 'general');
    expect(ended).toEqual([]);
    await rig.waitFor(/card updated:\n│ Weekly sync \(ended\)/, from);
    const after = await rig.run('/video status');
    expect(after).toContain('There is no meeting running in this channel; start one with `/video start`.');
  });
});
