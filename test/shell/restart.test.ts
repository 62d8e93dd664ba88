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
});
