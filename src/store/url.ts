// Parses DATABASE_URL into a backend choice. Errors show only the scheme, never the rest, since
// a Postgres URL may carry a password.

import { StoreConfigError } from './errors.js';

/** Where the store lives. */
export type StoreLocation =
  { kind: 'sqlite'; path: string } | { kind: 'postgres'; connectionString: string; where: string };

/** Parses `sqlite:<path>`, `sqlite::memory:` or `postgres://...` (also `postgresql://`). */
export function parseStoreUrl(url: string): StoreLocation {
  const trimmed = url.trim();
  if (trimmed.startsWith('sqlite:')) {
    let path = trimmed.slice('sqlite:'.length);
    // Accept the URL-ish spelling too: sqlite:///abs/file.db and sqlite://rel/file.db.
    if (path.startsWith('//')) path = path.slice(2);
    if (path === '')
      throw new StoreConfigError(
        'DATABASE_URL "sqlite:" needs a file path, e.g. sqlite:./data/video-chatops.db.',
      );
    return { kind: 'sqlite', path };
  }
  if (/^postgres(ql)?:\/\//.test(trimmed)) {
    let where: string;
    try {
      const u = new URL(trimmed);
      where = `${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname}`;
    } catch {
      throw new StoreConfigError(
        'DATABASE_URL is not a valid postgres:// URL; expected postgres://user:password@host:5432/database.',
      );
    }
    return { kind: 'postgres', connectionString: trimmed, where };
  }
  const scheme = /^[a-z][a-z0-9+.-]{0,20}:/i.exec(trimmed)?.[0] ?? '(none)';
  throw new StoreConfigError(`DATABASE_URL must be sqlite:<path> or postgres://...; got scheme ${scheme}.`);
}
