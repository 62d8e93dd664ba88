import { registeredUrl, type ProjectCallbackRecord } from './callback-registry.js';
import type { CallbackDispatcher } from './callbacks.js';
import type { CaptionRecord } from './captioning.js';
import { ClientFeeds } from './client-feed.js';
import type { Credentials } from './credentials.js';
import { HttpError } from './http.js';
import type {
  ArchiveRecord,
  AudioConnectionRecord,
  BroadcastRecord,
  DtmfRecord,
  RenderRecord,
  SessionRecord,
  SignalRecord,
  SipCallRecord,
} from './types.js';

/** Delays of the emulated service, in ms; small by default so tests and demos are quick. */
export interface Timing {
  archiveAvailableMs: number;
  renderStartMs: number;
  callbackRetryBaseMs: number;
  /** Length of one emulated second for maxDuration timers (broadcasts, renders). */
  secondMs: number;
  /** A client that sends heartbeats and then stops is destroyed after this long (Vonage: about 30 s). */
  connectionTimeoutMs: number;
}

/** All emulator state plus the services every route needs (credentials, callbacks, timers). */
export class World {
  readonly sessions = new Map<string, SessionRecord>();
  readonly archives = new Map<string, ArchiveRecord>();
  readonly broadcasts = new Map<string, BroadcastRecord>();
  readonly renders = new Map<string, RenderRecord>();
  readonly sipCalls = new Map<string, SipCallRecord>();
  readonly audioConnections = new Map<string, AudioConnectionRecord>();
  readonly captions = new Map<string, CaptionRecord>();
  /** The project callback registry (`/callback`): registered URLs by ID. */
  readonly projectCallbacks = new Map<string, ProjectCallbackRecord>();
  /** connectionId -> sessionId, so control calls can find a connection by ID alone. */
  readonly connectionIndex = new Map<string, string>();
  /** streamId -> sessionId. */
  readonly streamIndex = new Map<string, string>();
  /** Connections that send heartbeats (and time out without them). */
  readonly monitored = new Set<string>();
  signals: SignalRecord[] = [];
  dtmf: DtmfRecord[] = [];
  /** What clients that asked for it hear about their own connection (the demo join page). */
  readonly feeds = new ClientFeeds();
  /** Called after any change of state (persistence saves then). */
  onChange: (() => void) | undefined;
  private readonly soonTimers = new Set<NodeJS.Timeout>();
  private readonly laterTimers = new Set<NodeJS.Timeout>();

  constructor(
    readonly creds: Credentials,
    readonly callbacks: CallbackDispatcher,
    readonly timing: Timing,
    readonly baseUrl: () => string,
  ) {}

  /** The session if it exists and belongs to the project; otherwise 404. */
  session(projectId: string, sessionId: string): SessionRecord {
    const session = this.sessions.get(sessionId);
    if (!session || session.projectId !== projectId) throw new HttpError(404, 'Session not found.');
    return session;
  }

  /** Runs `fn` after a short delay that `idle()` waits for (state transitions that emit callbacks). */
  soon(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.soonTimers.delete(timer);
      fn();
      this.changed();
    }, ms);
    this.soonTimers.add(timer);
  }

  /** Says that state changed (every callback comes with one; silent changes call it directly). */
  changed(): void {
    this.onChange?.();
  }

  /** Runs `fn` after a long delay (maxDuration) that `idle()` does not wait for; returns a canceller. */
  later(ms: number, fn: () => void): () => void {
    const timer = setTimeout(() => {
      this.laterTimers.delete(timer);
      fn();
      this.changed();
    }, ms);
    timer.unref();
    this.laterTimers.add(timer);
    return () => {
      clearTimeout(timer);
      this.laterTimers.delete(timer);
    };
  }

  /** True while a short state transition is scheduled. */
  get transitioning(): boolean {
    return this.soonTimers.size > 0;
  }

  /** Appends to a test-readable record list, keeping the newest 10 000 so a long run stays bounded. */
  record<T>(list: T[], item: T): void {
    if (list.length >= 10_000) list.splice(0, 1_000);
    list.push(item);
  }

  /** Queues a callback for a session's project (to `urlOverride`, else its registered URL, else the default). */
  emit(sessionId: string, payload: Record<string, unknown>, urlOverride?: string): void {
    const projectId = this.sessions.get(sessionId)?.projectId ?? '';
    const ids = this.creds.isApplication(projectId)
      ? { projectId, applicationId: projectId }
      : { projectId, partnerId: projectId };
    this.callbacks.emit(
      projectId,
      sessionId,
      { sessionId, ...ids, timestamp: Date.now(), ...payload },
      urlOverride ?? registeredUrl(this.projectCallbacks, projectId, payload),
    );
    this.changed();
  }

  /** Forgets all state and cancels every timer. */
  clear(): void {
    for (const t of [...this.soonTimers, ...this.laterTimers]) clearTimeout(t);
    this.soonTimers.clear();
    this.laterTimers.clear();
    for (const map of [
      this.sessions,
      this.archives,
      this.broadcasts,
      this.renders,
      this.sipCalls,
      this.audioConnections,
      this.captions,
      this.projectCallbacks,
      this.connectionIndex,
      this.streamIndex,
      this.monitored,
    ]) {
      map.clear();
    }
    this.signals = [];
    this.dtmf = [];
    this.feeds.clear();
  }
}
