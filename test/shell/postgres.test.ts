// The command core on the Postgres store: one meeting's whole life through the shell, in a schema of
// its own (search_path) that is dropped afterwards. Postgres is the CI database at 127.0.0.1:5432.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, recordingPort } from '../support/context.js';
import { startRig, type ShellRig } from './harness.js';

const BASE = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = `vc_shell_${process.pid}_${Date.now().toString(36)}`;

describe('the command core on Postgres', () => {
  const admin = new pg.Client({ connectionString: BASE, connectionTimeoutMillis: 5_000 });
  let rig: ShellRig;
  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${SCHEMA}`);
    const url = new URL(BASE);
    url.searchParams.set('options', `-c search_path=${SCHEMA}`);
    rig = await startRig({ DATABASE_URL: url.toString() });
  });
  afterAll(async () => {
    await rig?.stop();
    await admin.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await admin.end();
  });

  it('runs a meeting from start to end', async () => {
    expect(rig.app.store.kind).toBe('postgres');
    const from = rig.transcript().length;
    const out = await rig.run(
      'as Hana',
      '/video start "PG sync"',
      '/video start again',
      'sim join Alice',
      'sim publish Alice',
      '/video record start Take one',
      '/video mute all',
      '/video participants',
      'as Pat',
      '/video kick Alice',
      'as Hana',
      '/video record stop',
    );
    expect(out).toContain('✓ Meeting PG sync started.');
    expect(out).toContain('PG sync is already running in this channel');
    expect(out).toContain('✓ Hana started recording Take one.');
    expect(out).toContain('✓ Hana muted everyone.');
    expect(out).toMatch(/• Alice — camera \(muted\)/);
    expect(out).toContain("✗ Only the meeting's host or a moderator can use `kick`.");
    await rig.waitFor(/Recording available[\s\S]*Take one/, from);
    const m = await rig.meeting();
    const audit = await rig.app.store.listAudit(m.id);
    expect(audit.map((a) => `${a.action}:${a.outcome}`)).toEqual(
      expect.arrayContaining(['record start:ok', 'mute:ok', 'kick:denied', 'record stop:ok']),
    );
    // A platform that repeats deliveries (Slack here) gets one effect per delivery ID, on Postgres too.
    rig.door.serve(recordingPort('slack'));
    const slackMeeting = { platform: 'slack' as const, teamId: 'T1', channelId: 'C-pg' };
    const actor = { platform: 'slack' as const, id: 'U1', name: 'Hana' };
    const req = (text: string, delivery: string) =>
      ({ actor, place: slackMeeting, ask: { kind: 'text', text }, source: 'slash', delivery }) as const;
    expect(JSON.stringify(await ask(rig.door, req('start PG repeat', 'pg-0')))).toContain('started');
    const slackM = (await rig.app.store.getActiveMeetingInChannel('slack', 'T1', 'C-pg'))!;
    const first = await ask(rig.door, req('signal chat once', 'pg-1'));
    expect(JSON.stringify(first)).toContain('signal');
    expect(await ask(rig.door, req('signal chat once', 'pg-1'))).toBe('repeat');
    expect(rig.app.emulator!.signals(slackM.sessionId).filter((s) => s.data === 'once')).toHaveLength(1);
    expect(await rig.run('/video end')).toMatch(/✓ Hana ended PG sync after/);
    expect((await rig.app.store.getMeeting(m.id))!.status).toBe('ended');
  });
});
