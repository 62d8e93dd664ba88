import { mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { startApp, type App } from '../../src/main.js';

// /healthz through the real route and the real store probe (a durable write, not SELECT 1): red
// while another process holds the SQLite write lock, green once it lets go, red for good once the
// database file is deleted under the running bot.

const dir = mkdtempSync(join(tmpdir(), 'vc-health-'));
const path = join(dir, 'bot.db');
let app: App;
beforeAll(async () => {
  app = await startApp(
    loadConfig({ PORT: '0', DATABASE_URL: `sqlite:${path}`, LOG_LEVEL: 'error' }),
    silentLogger,
    { host: '127.0.0.1' },
  );
});
afterAll(async () => {
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const health = async () => {
  const res = await fetch(`${app.url}/healthz`);
  return { status: res.status, body: (await res.json()) as { checks: Record<string, { ok: boolean }> } };
};

describe('/healthz and the store', () => {
  it('is red while the database is locked by another process, and green again once it is free', async () => {
    expect((await health()).status).toBe(200);
    const other = new Database(path);
    other.exec('BEGIN EXCLUSIVE');
    try {
      const locked = await health();
      expect(locked.status).toBe(503);
      expect(locked.body.checks.store).toMatchObject({ ok: false });
    } finally {
      other.exec('COMMIT');
      other.close();
    }
    expect((await health()).status).toBe(200);
  });

  it('is red once the database file is deleted', async () => {
    unlinkSync(path);
    const gone = await health();
    expect(gone.status).toBe(503);
    expect(gone.body.checks.store).toMatchObject({ ok: false });
  });
});
