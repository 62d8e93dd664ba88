// openStore and DATABASE_URL parsing: each bad value gets one clear sentence, and no error ever
// repeats a password from the URL.

import { createServer } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger, silentLogger } from '../../src/log.js';
import { StoreConfigError, StoreError, openStore } from '../../src/store/index.js';
import { parseStoreUrl } from '../../src/store/url.js';

const dir = mkdtempSync(join(tmpdir(), 'vc-open-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('parseStoreUrl', () => {
  it('understands the sqlite and postgres spellings', () => {
    expect(parseStoreUrl('sqlite:./data/video-chatops.db')).toEqual({
      kind: 'sqlite',
      path: './data/video-chatops.db',
    });
    expect(parseStoreUrl('sqlite::memory:')).toEqual({ kind: 'sqlite', path: ':memory:' });
    expect(parseStoreUrl('sqlite:///var/lib/vc.db')).toEqual({ kind: 'sqlite', path: '/var/lib/vc.db' });
    expect(parseStoreUrl(' postgresql://u:pw@db.internal/app ')).toEqual({
      kind: 'postgres',
      connectionString: 'postgresql://u:pw@db.internal/app',
      where: 'db.internal:5432/app',
    });
  });

  it('rejects other schemes and empty paths without echoing the URL', () => {
    for (const bad of ['mysql://root:hunter2@db/app', 'hunter2', '', 'sqlite:']) {
      let err: unknown;
      try {
        parseStoreUrl(bad);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(StoreConfigError);
      expect(err).toMatchObject({ code: 'config' });
      expect((err as Error).message).toMatch(/^DATABASE_URL /);
      expect((err as Error).message).not.toContain('hunter2');
    }
  });
});

describe('openStore', () => {
  it('reports an unreachable Postgres as unavailable, naming the host but not the password', async () => {
    const port = await closedPort();
    const lines: string[] = [];
    const err = await openStore(`postgres://app:hunter2@127.0.0.1:${port}/app`, {
      log: createLogger({ level: 'debug', write: (l) => lines.push(l) }),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect(err).toMatchObject({ code: 'unavailable' });
    expect((err as Error).message).toContain(`127.0.0.1:${port}/app`);
    expect((err as Error).message).not.toContain('hunter2');
    expect(lines.join('\n')).not.toContain('hunter2');
  });

  it('reports a SQLite path that cannot be created as unavailable', async () => {
    const file = join(dir, 'plain-file');
    writeFileSync(file, 'not a directory');
    await expect(openStore(`sqlite:${join(file, 'store.db')}`, { log: silentLogger })).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/^Cannot open the SQLite store at /),
    });
  });

  it('can skip migrations, leaving them to an explicit migrate()', async () => {
    const store = await openStore(`sqlite:${join(dir, 'lazy.db')}`, { log: silentLogger, migrate: false });
    try {
      await expect(store.getMeeting('m1')).rejects.toThrow(/no such table/);
      await store.migrate();
      expect(await store.getMeeting('m1')).toBeNull();
    } finally {
      await store.close();
    }
  });
});
