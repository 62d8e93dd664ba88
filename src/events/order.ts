import { createHash } from 'node:crypto';
import type { Callback } from './schemas.js';

// Ordering and deduplication keys. A record's `seq` is its event time, lifted by a status rank for
// resources whose states only move forward, so a late "started" never overwrites "available" even
// when its timestamp is newer (Vonage rounds createdAt, and "uploaded" can precede "stopped").

/** Ranks span more than any millisecond timestamp we will see (1e13 ms is about 300 years). */
const RANK_STEP = 1e13;

const ARCHIVE_RANK: Record<string, number> = {
  started: 0,
  paused: 0,
  stopped: 1,
  uploaded: 2,
  available: 2,
  expired: 3,
  failed: 3,
  deleted: 3,
};
const BROADCAST_RANK: Record<string, number> = { starting: 0, started: 0, stopped: 1, failed: 1 };
const RENDER_RANK: Record<string, number> = { starting: 0, started: 0, stopped: 1, failed: 1 };
const CAPTION_RANK: Record<string, number> = { requested: 0, started: 1, stopped: 2, failed: 2 };
const TRANSCRIPT_RANK: Record<string, number> = { requested: 0, started: 1, available: 2, failed: 2 };

/** Combines a forward-only rank with an event time. */
export function rankedSeq(rank: number, timestamp: number): number {
  return rank * RANK_STEP + timestamp;
}

/** seq for an archive state: available/expired/failed always beat started/paused/stopped. */
export function archiveSeq(status: string, timestamp: number): number {
  return rankedSeq(ARCHIVE_RANK[status] ?? 0, timestamp);
}

/** seq for a broadcast state: stopped/failed beat started. */
export function broadcastSeq(status: string, timestamp: number): number {
  return rankedSeq(BROADCAST_RANK[status] ?? 0, timestamp);
}

/** seq for a render state: stopped/failed beat starting/started. */
export function renderSeq(status: string, timestamp: number): number {
  return rankedSeq(RENDER_RANK[status] ?? 0, timestamp);
}

/** seq for a caption run: stopped/failed beat started, which beats the command's own `requested`. */
export function captionSeq(status: string, timestamp: number): number {
  return rankedSeq(CAPTION_RANK[status] ?? 0, timestamp);
}

/** seq for a transcription: available/failed beat started, which beats requested. */
export function transcriptSeq(status: string, timestamp: number): number {
  return rankedSeq(TRANSCRIPT_RANK[status] ?? 0, timestamp);
}

/**
 * seq for a connection or stream: its IDs are never reused, so a destroy event beats every other
 * fact about it, even one stamped with the same millisecond (delivered out of order) or a later
 * reconciliation snapshot; anything else orders by time.
 */
export function presenceSeq(destroyed: boolean, timestamp: number): number {
  return rankedSeq(destroyed ? 1 : 0, timestamp);
}

/** seq for a SIP leg: a destroyed call never comes back. */
export function sipSeq(event: string, timestamp: number): number {
  return rankedSeq(event === 'callDestroyed' ? 1 : 0, timestamp);
}

/** The event time of a callback (ms since the epoch). */
export function eventTime(cb: Callback, fallback: number): number {
  switch (cb.type) {
    case 'session':
    case 'sip':
      return cb.event.timestamp;
    case 'archive':
    case 'broadcast':
      return cb.event.updatedAt ?? cb.event.createdAt;
    case 'render':
      return cb.event.updatedAt ?? cb.event.createdAt ?? fallback;
    case 'captions':
      return cb.event.updatedAt ?? cb.event.createdAt;
  }
}

/**
 * The deduplication key: event type, the IDs it is about, its status and its time, hashed, after the
 * time itself in fixed-width hex. The prefix orders keys by time, so each claim is inserted next to
 * the last one in the keys' index instead of on a random page: a turn's claims share one or two
 * pages, not one page each (1.05 of the 3.65 SQLite pages a callback wrote without it,
 * docs/bench/callbacks.md). A redelivery carries the same event, so it gets the same key.
 */
export function dedupeKey(cb: Callback, time: number): string {
  const e = cb.event as Record<string, unknown>;
  const parts: unknown[] = [
    cb.type,
    e.sessionId,
    e.event ?? null,
    e.id ?? e.captionId ?? null,
    e.status ?? e.state ?? null,
    time,
  ];
  if (cb.type === 'session')
    parts.push(cb.event.connection?.id ?? null, cb.event.stream?.id ?? null, cb.event.reason ?? null);
  if (cb.type === 'sip') parts.push(cb.event.call.id, cb.event.call.connectionId);
  if (cb.type === 'archive' && cb.event.transcription) parts.push(cb.event.transcription.status);
  const hash = createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
  return `${timePrefix(time)}.${hash}`;
}

/** `ms` as 12 hex digits (enough until the year 10889), so keys sort by time as text. */
function timePrefix(ms: number): string {
  const t = Number.isFinite(ms) && ms > 0 ? Math.floor(ms) : 0;
  return t.toString(16).padStart(12, '0');
}
