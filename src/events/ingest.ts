import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CardService } from '../cards/types.js';
import { readBody } from '../http/body.js';
import { malformedRequest } from '../http/errors.js';
import { sendJson } from '../http/respond.js';
import type { Logger } from '../log.js';
import { callbackLagSeconds, callbacksTotal } from '../metrics.js';
import type { MeetingRecord, Store } from '../store/types.js';
import { applyArchive, applyBroadcast, applyRender } from './apply-media.js';
import { applySessionEvent } from './apply-session.js';
import { applySipEvent } from './apply-sip.js';
import { dedupeKey, eventTime } from './order.js';
import { WorkQueue } from './queue.js';
import { parseCallback, type Callback } from './schemas.js';
import { verifyCallback, type CallbackAuth } from './verify.js';

// POST /vonage/events: verify -> parse -> route by session -> deduplicate -> apply -> answer 200.
// The work runs in a per-meeting queue (src/events/queue.ts) that coalesces the card's change
// notifications, so a burst of callbacks becomes a few version bumps; the answer waits for both.

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
}

/** Receives Vonage callbacks and applies them to the store. */
export class CallbackIngestor {
  private readonly work: WorkQueue;
  private readonly now: () => number;

  constructor(private readonly deps: IngestDeps) {
    this.now = deps.now ?? Date.now;
    this.work = new WorkQueue({
      onChanged: (meetingId) => deps.cards.changed(meetingId),
      onError: (meetingId, err) =>
        deps.log.error('applying a Vonage callback failed; reconciliation will repair it', {
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

  /** Deduplicates and queues one callback; returns what happened to it. */
  async accept(cb: Callback): Promise<'queued' | 'duplicate' | 'unknown_session'> {
    const now = this.now();
    const time = eventTime(cb, now);
    callbackLagSeconds.observe({ type: cb.type }, Math.max(0, (now - time) / 1000));
    const meeting = await this.deps.store.getMeetingBySession(cb.event.sessionId);
    if (!meeting) {
      callbacksTotal.inc({ type: cb.type, outcome: 'unknown_session' });
      return 'unknown_session';
    }
    const { store } = this.deps;
    const key = dedupeKey(cb, time);
    // A claimed key without a result was claimed by a replica that may have died before applying
    // it (Vonage then redelivers because it got no answer): apply it again rather than drop it.
    // The seq-guarded writes make a second application of the same event harmless.
    if (
      !(await store.claimKey('callback', key, this.deps.dedupeTtlMs ?? 48 * 3600_000, now)) &&
      (await store.getKeyResult('callback', key)) !== null
    ) {
      callbacksTotal.inc({ type: cb.type, outcome: 'duplicate' });
      return 'duplicate';
    }
    // Answer only once the event is in the store and the card marked changed, so that a replica
    // killed at any point either answered after the work was durable or did not answer at all.
    await this.work.push(meeting.id, () => this.apply(meeting, cb));
    await store.setKeyResult('callback', key, 'applied');
    return 'queued';
  }

  /** Queues `work` for a meeting; the card is marked changed when the meeting's queue drains. */
  enqueue(meetingId: string, work: () => Promise<boolean>): void {
    // Failures are logged by the queue's onError; nothing waits on this promise.
    this.work.push(meetingId, work).catch(() => undefined);
  }

  /** Resolves when every queued callback has been applied (tests, benchmarks, shutdown). */
  idle(): Promise<void> {
    return this.work.idle();
  }

  private async apply(meeting: MeetingRecord, cb: Callback): Promise<boolean> {
    const { store } = this.deps;
    let changed: boolean;
    switch (cb.type) {
      case 'session':
        changed = await applySessionEvent(store, meeting, cb.event);
        break;
      case 'sip':
        changed = await applySipEvent(store, meeting, cb.event);
        break;
      case 'archive':
        changed = await applyArchive({ ...this.deps, now: this.now }, meeting, cb.event);
        break;
      case 'broadcast':
        changed = await applyBroadcast(store, meeting, cb.event);
        break;
      case 'render':
        changed = await applyRender(store, meeting, cb.event, this.now());
        break;
    }
    callbacksTotal.inc({ type: cb.type, outcome: changed ? 'applied' : 'stale' });
    return changed;
  }
}
