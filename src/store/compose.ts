// A Store from a backend's few driver pieces: every concern is written once over Sql, every write
// of a unit goes through the group commit, and the health probe logs its failures once.

import type { Logger } from '../log.js';
import { cardPostMethods } from './concerns/card-posts.js';
import { cardMethods } from './concerns/cards.js';
import { checkMethods } from './concerns/checks.js';
import { keyMethods, leaseMethods } from './concerns/keys.js';
import { ledgerMethods } from './concerns/ledger.js';
import { libraryReads } from './concerns/library.js';
import { mediaReads } from './concerns/media.js';
import { meetingReads } from './concerns/meetings.js';
import { participantReads } from './concerns/participants.js';
import { pendingMethods } from './concerns/pending.js';
import { recapMethods } from './concerns/recaps.js';
import { roomReads } from './concerns/rooms.js';
import { scheduleReads } from './concerns/schedules.js';
import { snapshotReads } from './concerns/snapshot.js';
import { StoreUnavailableError, isStoreError } from './errors.js';
import { GroupCommit, type FlushGroup } from './group-commit.js';
import type { Sql } from './sql.js';
import type { Store } from './types.js';
import { writeMethods } from './write-methods.js';

/** What a backend's driver provides. */
export interface Backend {
  kind: Store['kind'];
  sql: Sql;
  /** Runs one group of units in one transaction (see group-commit.ts). */
  flush: FlushGroup;
  /** The least time between the starts of two groups (GroupCommit's spacing; 0 for none). */
  groupSpacingMs: number;
  migrate(): Promise<void>;
  /** Throws when the backend knows it cannot keep what it writes (e.g. its file was deleted). */
  check(): Promise<void>;
  close(): Promise<void>;
}

// The probe's own write: one row, rewritten on every probe, so it proves a durable write works.
const HEALTH = `INSERT INTO health (id, writer, at) VALUES (1, ?, ?)
  ON CONFLICT (id) DO UPDATE SET writer = excluded.writer, at = excluded.at`;
const PROBE_DEADLINE_MS = 2_000;

/** The Store of `backend`. */
export function composeStore(backend: Backend, log: Logger): Store {
  const { sql } = backend;
  const commits = new GroupCommit(backend.flush, Date.now, backend.groupSpacingMs);
  const writer = `${process.pid}`;
  let failing: string | null = null;
  // The reads a meeting's snapshot is made of, shared with the snapshot concern.
  const reads = {
    ...meetingReads(sql),
    ...participantReads(sql),
    ...mediaReads(sql),
    ...checkMethods(sql),
    ...recapMethods(sql),
  };
  const base = {
    kind: backend.kind,
    commit: commits.commit.bind(commits),
    migrate: () => backend.migrate(),
    async probe() {
      try {
        await backend.check();
        await sql.run(HEALTH, [writer, Date.now()], PROBE_DEADLINE_MS);
      } catch (err) {
        const e = isStoreError(err)
          ? err
          : new StoreUnavailableError(
              'The database cannot be written right now; check it and its disk.',
              err,
            );
        // One line when writing starts failing, not one per health check.
        if (failing === null) log.error(`the store cannot write: ${e.userMessage}`, { code: e.code, err });
        failing = e.userMessage;
        throw e;
      }
      if (failing !== null) log.info('the store can write again');
      failing = null;
    },
    async close() {
      await commits.close();
      await backend.close();
    },
    ...reads,
    ...snapshotReads(sql, reads),
    ...cardMethods(sql),
    ...cardPostMethods(sql),
    ...keyMethods(sql),
    ...leaseMethods(sql),
    ...ledgerMethods(sql),
    ...pendingMethods(sql),
    ...scheduleReads(sql),
    ...libraryReads(sql),
    ...roomReads(sql),
  };
  return { ...base, ...writeMethods(base) };
}
