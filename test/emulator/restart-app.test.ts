import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startRig } from '../shell/harness.js';

// The default mode (no Vonage credentials): the bot runs the built-in emulator, which keeps its
// state next to the SQLite file. Quitting and starting again on the same data directory must
// continue the meeting, not leave a card about people and recordings the Video API forgot.

describe('restarting the bot in emulator mode on the same data directory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chatops-emu-restart-'));
  // No JOIN_TICKET_SECRET: join links must stay valid because the emulator's credentials persist.
  const env = { DATABASE_URL: `sqlite:${join(dir, 'bot.db')}`, JOIN_TICKET_SECRET: '' };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the meeting, its people, its recording and its join links through two restarts', async () => {
    const first = await startRig(env);
    let link: string;
    let apiKey: string;
    let archiveStart: number;
    try {
      await first.run('as Hana', '/video start Standup', 'sim join Ada', 'sim publish Ada');
      expect(await first.run('/video record start')).toContain('started recording');
      const joinReply = await first.run('/video join');
      link = /\/join\/([\w.-]+)/.exec(joinReply)![1]!;
      apiKey = first.app.emulator!.apiKey;
      const m = await first.meeting();
      archiveStart = (first.app.emulator!.snapshot(m.sessionId).archives[0] as { createdAt: number })
        .createdAt;
    } finally {
      await first.stop();
    }

    const second = await startRig(env);
    try {
      expect(second.app.emulator).toMatchObject({ resumed: true, apiKey });
      const m = await second.meeting();
      const snapshot = second.app.emulator!.snapshot(m.sessionId);
      expect(snapshot.connections.map((c) => c.name)).toEqual(['Ada']);
      expect(snapshot.archives).toMatchObject([{ status: 'started' }]);
      // Sim works on the same session, and on Ada, who joined before the restart.
      expect(await second.run('as Hana', 'sim join Bo')).toMatch(/^Bo joined/m);
      expect(await second.run('sim publish Ada --screen')).toMatch(/Ada is publishing their screen/);
      // A link issued before the restart still opens the join page.
      const page = await fetch(`${second.app.url}/join/${link}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Standup');
    } finally {
      await second.stop();
    }

    const third = await startRig(env);
    try {
      const m = await third.meeting();
      expect(
        third.app
          .emulator!.snapshot(m.sessionId)
          .connections.map((c) => c.name)
          .sort(),
      ).toEqual(['Ada', 'Bo']);
      expect(await third.run('as Hana', '/video mute all')).not.toMatch(/could not find|not found/i);
      expect(third.app.emulator!.snapshot(m.sessionId).muteAll.active).toBe(true);
      const stop = await third.run('/video record stop');
      expect(stop).toContain('stopped the recording');
      // The archive's duration counts from its real start, before both restarts.
      const archives = third.app.emulator!.snapshot(m.sessionId).archives as Array<{ createdAt: number }>;
      expect(archives.map((a) => a.createdAt)).toEqual([archiveStart]);
      const end = await third.run('/video end');
      expect(end).toMatch(/ended Standup/);
      expect(third.app.emulator!.snapshot(m.sessionId).connections).toEqual([]);
    } finally {
      await third.stop();
    }
  });
});
