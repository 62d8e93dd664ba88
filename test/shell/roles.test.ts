import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRig, type ShellRig } from './harness.js';

const MODERATION = [
  'record start',
  'record stop',
  'live start --hls',
  'live stop',
  'layout pip',
  'focus Alice',
  'mute all',
  'mute off',
  'mute Alice',
  'kick Alice',
  'dial +14155550100',
  'dtmf 1',
  'signal chat hi',
  'compose start https://example.com',
  'compose stop',
  'audio-stream start wss://example.com/ws',
  'audio-stream stop',
  'recordings delete 00000000-0000-4000-8000-000000000000',
  'end',
];

describe('roles: host, moderators and participants', () => {
  let rig: ShellRig;
  beforeAll(async () => {
    rig = await startRig({ MODERATOR_IDS: 'config-mod' });
    await rig.run('as Hana', '/video start Board', 'sim join Alice', 'sim publish Alice');
  });
  afterAll(async () => {
    await rig.stop();
  });

  it('a participant is refused every moderation command, with no Video API call, and each refusal is audited', async () => {
    const before = rig.callCount();
    const out = await rig.run('as Pat', ...MODERATION.map((c) => `/video ${c}`));
    for (const c of MODERATION) {
      const name = c
        .split(' ')
        .slice(
          0,
          c.startsWith('record') ||
            c.startsWith('live') ||
            c.startsWith('compose') ||
            c.startsWith('audio') ||
            c.startsWith('recordings')
            ? 2
            : 1,
        )
        .join(' ');
      expect(out).toContain(`✗ Only the meeting's host or a moderator can use \`${name}\`.`);
    }
    expect(rig.callCount()).toBe(before);
    const audit = await rig.app.store.listAudit((await rig.meeting()).id);
    const denied = audit.filter((a) => a.outcome === 'denied');
    expect(denied).toHaveLength(MODERATION.length);
    expect(denied[0]).toMatchObject({
      actorId: 'pat',
      actorName: 'Pat',
      action: 'record start',
      platform: 'shell',
    });
    expect(denied.find((a) => a.action === 'kick')!.target).toBe('Alice');
  });

  it('participants may still use the everyday commands', async () => {
    const out = await rig.run(
      'as Pat',
      '/video join',
      '/video status',
      '/video participants',
      '/video recordings',
      '/video help',
    );
    expect(out).not.toContain('✗');
  });

  it('button clicks are checked again: a participant pressing Record or Remove is refused', async () => {
    const card = await rig.run('as Pat', '/video status');
    const record = /\[(\d+\.\d+)\] Record\b/.exec(card)![1]!;
    const remove = /\[(\d+\.\d+)\] Remove a participant/.exec(card)![1]!;
    const end = /\[(\d+\.\d+)\] End meeting/.exec(card)![1]!;
    expect(await rig.run(`press ${record}`)).toContain(
      "✗ Only the meeting's host or a moderator can use `record start`.",
    );
    // Controls that ask first check the role first: no confirmation for someone who would be refused.
    const removed = await rig.run(`press ${remove} 1`);
    expect(removed).toContain("✗ Only the meeting's host or a moderator can do that.");
    expect(removed).not.toContain('Remove participant');
    const ended = await rig.run(`press ${end}`);
    expect(ended).toContain("✗ Only the meeting's host or a moderator can do that.");
    expect(ended).not.toContain('End the meeting');
    expect(
      rig.app.emulator!.snapshot((await rig.meeting()).sessionId).connections.some((c) => c.name === 'Alice'),
    ).toBe(true);
  });

  it('a platform moderator (as --moderator) and a configured moderator ID may moderate', async () => {
    const byMod = await rig.run('as Mo --moderator', '/video record start');
    expect(byMod).toContain('✓ Mo started recording.');
    const byConfig = await rig.run('as config-mod', '/video record stop');
    expect(byConfig).toContain('✓ config-mod stopped the recording');
  });

  it('the host may moderate; ok and failed outcomes are audited with who, what and when', async () => {
    await rig.run('as Hana', '/video mute Alice', '/video kick Nobody');
    const audit = await rig.app.store.listAudit((await rig.meeting()).id);
    expect(audit.find((a) => a.action === 'mute' && a.outcome === 'ok')).toMatchObject({
      actorId: 'hana',
      target: 'Alice',
    });
    const failed = audit.find((a) => a.action === 'kick' && a.outcome === 'failed')!;
    expect(failed.detail).toContain('Nobody matching `Nobody`');
    expect(typeof failed.at).toBe('number');
    expect(audit.find((a) => a.action === 'record start' && a.outcome === 'ok')).toMatchObject({
      actorId: 'mo',
    });
  });

  it('the host keeps the role only in their own meeting', async () => {
    await rig.run('in other', 'as Olga', '/video start Side');
    expect(await rig.run('as Hana', '/video record start')).toContain(
      "✗ Only the meeting's host or a moderator can use `record start`.",
    );
    await rig.run('in general');
  });
});
