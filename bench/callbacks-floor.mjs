// The callback floor: the least a correct receiver of Vonage callbacks must do, as a bare node:http
// server. It verifies each callback exactly as the bot does (its verifyCallback: HS256 JWT and
// payload_hash), parses the JSON, inserts one row in the same kind of store (a SQLite file in WAL
// mode with synchronous=NORMAL, or Postgres), and answers 200 only after the row is durable. No
// dedupe, no ordering, no meeting state, no cards: what it costs is the floor under the bot's path.
import { createServer } from 'node:http';
import Database from 'better-sqlite3';
import pg from 'pg';
import { verifyCallback } from '../dist/src/events/verify.js';

const DDL = `CREATE TABLE IF NOT EXISTS floor_events (id INTEGER PRIMARY KEY, session_id TEXT NOT NULL,
  event TEXT NOT NULL, at INTEGER NOT NULL, body TEXT NOT NULL)`;

/** Starts the floor on 127.0.0.1 with a store at `storeUrl` (sqlite:<path> or postgres://...). */
export async function startFloor(storeUrl, secret) {
  let insert;
  let close;
  if (storeUrl.startsWith('sqlite:')) {
    const db = new Database(storeUrl.slice('sqlite:'.length));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(DDL);
    const stmt = db.prepare('INSERT INTO floor_events (session_id, event, at, body) VALUES (?, ?, ?, ?)');
    insert = async (e, raw) =>
      void stmt.run(String(e.sessionId), String(e.event), Number(e.timestamp) || 0, raw);
    close = async () => db.close();
  } else {
    const pool = new pg.Pool({ connectionString: storeUrl, max: 10 });
    await pool.query(
      DDL.replace('INTEGER PRIMARY KEY', 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY').replace(
        'at INTEGER',
        'at BIGINT',
      ),
    );
    const sql = 'INSERT INTO floor_events (session_id, event, at, body) VALUES ($1, $2, $3, $4)';
    insert = async (e, raw) =>
      void (await pool.query(sql, [String(e.sessionId), String(e.event), Number(e.timestamp) || 0, raw]));
    close = async () => {
      await pool.query('DROP TABLE floor_events');
      await pool.end();
    };
  }
  const auth = { signatureSecret: secret, pathToken: 'unused-'.repeat(5) };
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const raw = Buffer.concat(chunks);
      try {
        await verifyCallback(auth, req.headers, raw, undefined);
        const text = raw.toString('utf8');
        await insert(JSON.parse(text), text);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      } catch (err) {
        res.writeHead(err.status ?? 500, { 'content-type': 'application/json' }).end('{"ok":false}');
      }
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await close();
    },
  };
}
