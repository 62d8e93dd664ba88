import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { startRig } from './harness.js';

describe('a restart of the bot loses nothing', () => {
  let emulator: Emulator;
  let dir: string;
  beforeAll(async () => {
    emulator = await startEmulator({ host: '127.0.0.1' });
    dir = mkdtempSync(join(tmpdir(), 'chatops-restart-'));
  });
  afterAll(async () => {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the meeting, its people, its recording and its card carry on after a restart', async () => {
    const env = { DATABASE_URL: `sqlite:${join(dir, 'bot.db')}` };
    const first = await startRig(env, emulator);
    await first.run(
      'as Hana',
      '/video start Marathon',
      'sim join Alice',
      'sim publish Alice',
      '/video record start Part one',
      '/video live start --hls',
    );
    const before = await first.meeting();
    await first.stop();

    const second = await startRig(env, emulator);
    try {
      const m = await second.meeting();
      expect(m).toMatchObject({ id: before.id, sessionId: before.sessionId, hostId: 'hana' });
      const participants = await second.run('as Hana', '/video participants');
      expect(participants).toContain('• Alice — camera');
      const from = second.transcript().length;
      expect(await second.run('/video record stop')).toContain('✓ Hana stopped the recording');
      expect(await second.run('/video live stop')).toContain('✓ Hana stopped the live stream.');
      // A card first seen by this run of the console is printed whole, then only its changes.
      await second.waitFor(/card updated:\n│ Marathon\n/, from);
      expect(await second.run('/video start Again')).toContain(
        '**Marathon** is already running'.replace(/\*\*/g, ''),
      );
    } finally {
      await second.stop();
    }
  });
  it('ends the meeting, on its card, when the Video API forgot it during the restart', async () => {
    const env = { DATABASE_URL: `sqlite:${join(dir, 'forgot.db')}` };
    const first = await startRig(env, emulator);
    await first.run('as Hana', '/video start Amnesia', 'sim join Alice', 'sim publish Alice');
    expect(await first.run('/video record start')).toContain('started recording');
    const before = await first.meeting();
    await first.stop();
    // A Video API that lost its state meanwhile (an emulator restarted without its data folder).
    emulator.reset();

    const second = await startRig(env, emulator);
    try {
      // The pass at start-up notices before anyone asks.
      await second.waitFor(/card updated:\n│ Amnesia \(ended\)[\s\S]*no longer knows this meeting/);
      expect(await second.run('as Hana', '/video status')).toContain('There is no meeting running');
      const [recording] = await second.app.store.listRecordings(before.id);
      expect(recording?.status).toBe('failed');
      expect(await second.app.store.listConnections(before.id)).toEqual([]);
      // A new meeting starts in the channel (no "already running" zombie).
      expect(await second.run('/video start Fresh')).toContain('Fresh');
    } finally {
      await second.stop();
    }
  });
});
