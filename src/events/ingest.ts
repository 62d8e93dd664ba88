import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CardService } from '../cards/types.js';
import { readBody } from '../http/body.js';
import { malformedRequest } from '../http/errors.js';
import { sendJson } from '../http/respond.js';
import type { Logger } from '../log.js';
import { callbackLagSeconds, callbacksTotal } from '../metrics.js';
import type { MeetingRecord, Store, StoreWrite } from '../store/types.js';
import { announceRecordings, archiveWrites, broadcastWrites, renderWrites } from './apply-media.js';
import { afterRoomPresence, openRoomMeeting, presenceOf, roomWrites } from './apply-room.js';
import { sessionWrites } from './apply-session.js';
import { captionWrites } from './apply-captions.js';
import { sipWrites } from './apply-sip.js';
import { dedupeKey, eventTime } from './order.js';
import { WorkQueue } from './queue.js';
import { parseCallback, type Callback } from './schemas.js';
import { storeSummary } from './transcript-summary.js';
import { verifyCallback, type CallbackAuth } from './verify.js';

// POST /vonage/events: verify -> parse -> route by session -> one unit of work -> answer 200.
// The unit claims the callback's dedupe key, applies its seq-guarded writes, bumps the meeting's
// version when they changed something and records the key's result: one transaction, and the
// callbacks of one event-loop turn share it (Store.commit's group commit), across meetings. The
// answer goes out only after that commit, so a replica killed at any point either answered after
// the work was durable or did not answer at all (and Vonage redelivers).

/** Dependencies of the callback ingestor. */
export interface IngestDeps {
  store: Store;
  cards: CardService;
  log: Logger;
  auth: CallbackAuth;
  now?: () => number;
  /** How long a processed callback is remembered (Vonage retries for up to 24 h). */
  dedupeTtlMs?: number;
  maxBodyBytes?: number;
  /** How long after the last person left a channel room's meeting ends (ms; default 5 minutes). */
  roomIdleEndMs?: number;
  /** Told when a room's idle end was set (the idle loop arms for it). */
  onRoomIdle?: () => void;
}

/** What happened to one callback. */
export type CallbackOutcome = 'queued' | 'duplicate' | 'unknown_session';

const SCOPE = 'callback';

/** Receives Vonage callbacks and applies them to the store. */
export class CallbackIngestor {
  /** Reconciliation repairs, run per meeting (see enqueue). */
  private readonly work: WorkQueue;
  private readonly now: () => number;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly deps: IngestDeps) {
    this.now = deps.now ?? Date.now;
    this.work = new WorkQueue({
      onChanged: (meetingId) => deps.cards.changed(meetingId),
      onError: (meetingId, err) =>
        deps.log.error('applying a reconciliation repair failed; the next pass will retry it', {
          meetingId,
          err,
        }),
    });
  }

  /** The HTTP handler for POST /vonage/events and /vonage/events/:token. */
  readonly handle = async (
    req: IncomingMessage,
    res: ServerResponse,
    params: Record<string, string>,
  ): Promise<void> => {
    const raw = await readBody(req, this.deps.maxBodyBytes ?? 64 * 1024);
    try {
      await verifyCallback(this.deps.auth, req.headers, raw, params.token);
    } catch (err) {
      callbacksTotal.inc({ type: 'unknown', outcome: 'rejected' });
      throw err;
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      callbacksTotal.inc({ type: 'unknown', outcome: 'invalid' });
      throw malformedRequest('invalid_json', 'The callback body is not valid JSON.');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      callbacksTotal.inc({ type: 'unknown', outcome: 'invalid' });
      throw malformedRequest('invalid_callback', 'The callback body is not a JSON object.');
    }
    const parsed = parseCallback(body);
    if (!parsed.ok) {
      callbacksTotal.inc({ type: 'unknown', outcome: 'invalid' });
      // 200 rather than 4xx: a payload we cannot read will not improve on retry.
      this.deps.log.warn('ignored an unreadable Vonage callback', { error: parsed.error });
      return sendJson(res, 200, { ok: true, ignored: parsed.error });
    }
    const outcome = await this.accept(parsed.callback);
    sendJson(res, 200, { ok: true, outcome });
  };

  /** Applies one callback in one unit of work; resolves once it is durable (or known a duplicate). */
  accept(cb: Callback): Promise<CallbackOutcome> {
    const done = this.apply(cb);
    this.inFlight.add(done);
    void done.finally(() => this.inFlight.delete(done)).catch(() => undefined);
    return done;
  }

  private track(p: Promise<unknown>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p)).catch(() => undefined);
  }

  private rooms() {
    return {
      store: this.deps.store,
      cards: this.deps.cards,
      log: this.deps.log,
      now: this.now,
      idleEndMs: this.deps.roomIdleEndMs ?? 5 * 60_000,
      ...(this.deps.onRoomIdle ? { onIdle: this.deps.onRoomIdle } : {}),
    };
  }

  /** Queues `work` for a meeting; the card is marked changed when the meeting's queue drains. */
  enqueue(meetingId: string, work: () => Promise<boolean>): void {
    // Failures are logged by the queue's onError; nothing waits on this promise.
    this.work.push(meetingId, work).catch(() => undefined);
  }

  /** Resolves when every accepted callback and queued repair has been applied (tests, benchmarks, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    await this.work.idle();
  }

  private async apply(cb: Callback): Promise<CallbackOutcome> {
    const { store } = this.deps;
    const now = this.now();
    const time = eventTime(cb, now);
    callbackLagSeconds.observe({ type: cb.type }, Math.max(0, (now - time) / 1000));
    // Only people joining and leaving matter to a room, so other callbacks skip the room read. Both
    // reads at once: on Postgres they share one round trip (src/store/postgres/read-batch.ts).
    const presence = presenceOf(cb);
    const [found, room] = await Promise.all([
      store.getMeetingBySession(cb.event.sessionId),
      presence ? store.getRoomBySession(cb.event.sessionId) : null,
    ]);
    let meeting = found;
    if (room && presence === 'joined' && meeting?.status !== 'active' && cb.type === 'session')
      meeting = await openRoomMeeting(this.rooms(), room, cb);
    if (!meeting) {
      callbacksTotal.inc({ type: cb.type, outcome: 'unknown_session' });
      return 'unknown_session';
    }
    const key = dedupeKey(cb, time);
    const writes = await this.writesOf(meeting, cb, now);
    const work: StoreWrite[] = [
      ...writes,
      ...(room && presence ? roomWrites(room, presence) : []),
      { kind: 'touchMeeting', id: meeting.id, ifChanged: true },
    ];
    const ttlMs = this.deps.dedupeTtlMs ?? 48 * 3600_000;
    // The bump, last of the work, applies only when a write changed what the card shows (`ifChanged`).
    const bump = work.length - 1;
    // The claim carries its result: the work commits with it, so nobody sees one without the other.
    const [claimed, ...done] = await store.commit([
      { kind: 'claimKey', scope: SCOPE, key, ttlMs, at: now, required: true, result: 'applied' },
      ...work,
    ]);
    let changed = done[bump] === true;
    if (!claimed) {
      // Claimed before. With a result it is a repeat; without one, its claimer (an older version
      // that claimed and applied separately) died before applying it, and Vonage redelivers
      // because it got no answer: apply it now. The seq guards make a second application harmless.
      if ((await store.getKeyResult(SCOPE, key)) !== null) {
        callbacksTotal.inc({ type: cb.type, outcome: 'duplicate' });
        return 'duplicate';
      }
      const redone = await store.commit([
        ...work,
        { kind: 'keyResult', scope: SCOPE, key, result: 'applied' },
      ]);
      changed = redone[bump] === true;
    }
    if (room && presence && changed) {
      const opened = meeting;
      // Not awaited: Vonage gets its answer without waiting on a chat platform; idle() waits for it.
      this.track(
        afterRoomPresence(this.rooms(), room, opened, presence).catch((err: unknown) =>
          this.deps.log.error('room presence follow-up failed', {
            roomId: room.id,
            meetingId: opened.id,
            err,
          }),
        ),
      );
    }
    callbacksTotal.inc({ type: cb.type, outcome: changed ? 'applied' : 'stale' });
    if (changed) this.deps.cards.wake(meeting.id);
    if (cb.type === 'archive' && cb.event.status === 'available') {
      await announceRecordings({ ...this.deps, now: this.now }, meeting);
    }
    if (cb.type === 'archive' && cb.event.transcription?.status === 'available') {
      // The summary is downloaded after the answer: Vonage need not wait on a third-party host.
      const read = storeSummary(this.deps, meeting, cb.event);
      this.inFlight.add(read);
      void read.finally(() => this.inFlight.delete(read));
    }
    return 'queued';
  }

  private writesOf(meeting: MeetingRecord, cb: Callback, now: number): StoreWrite[] | Promise<StoreWrite[]> {
    const { store } = this.deps;
    switch (cb.type) {
      case 'session':
        return sessionWrites(meeting, cb.event);
      case 'sip':
        return sipWrites(store, meeting, cb.event);
      case 'archive':
        return archiveWrites(store, meeting, cb.event);
      case 'broadcast':
        return broadcastWrites(store, meeting, cb.event);
      case 'render':
        return renderWrites(store, meeting, cb.event, now);
      case 'captions':
        return captionWrites(meeting, cb.event);
    }
  }
}
