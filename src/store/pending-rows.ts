// Row mapping for pending commands, shared by both backends (Postgres returns BIGINT as strings).

import type { Platform } from '../chat.js';
import type { PendingCommandRecord } from './types.js';

/** The columns every pending-command query returns. */
export const PENDING_COLUMNS =
  'id, platform, kind, payload, owner, status, created_at, heartbeat_at, attempts, reply';

/** A pending_commands row as a record. */
export function pendingFromRow(r: Record<string, unknown>): PendingCommandRecord {
  return {
    id: String(r.id),
    platform: String(r.platform) as Platform,
    kind: String(r.kind),
    payload: r.payload === null || r.payload === undefined ? null : String(r.payload),
    owner: String(r.owner),
    status: r.status === 'done' ? 'done' : 'pending',
    createdAt: Number(r.created_at),
    heartbeatAt: Number(r.heartbeat_at),
    attempts: Number(r.attempts),
    reply: r.reply === null || r.reply === undefined ? null : String(r.reply),
  };
}
