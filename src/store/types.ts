import type { Platform } from '../chat.js';
import type { LibraryMethods, LibraryWrite } from './library-types.js';
import type { CaptionRunRecord, RecapMethods, RecapWrite } from './recap-types.js';
import type { RoomMethods, RoomWrite } from './room-types.js';
import type { ScheduleMethods, ScheduleWrite } from './schedule-types.js';

export type * from './library-types.js';
export type * from './room-types.js';
export type * from './schedule-types.js';
export type * from './recap-types.js';

// The store is the only state the bot keeps: a restart (or another replica) rebuilds everything
// from it. Every write that can race with a callback or another replica is guarded in SQL:
// `seq` fields only move forward, unique keys make retries harmless.

/** A meeting: one Video session bound to one chat channel. `id` is the short key used in buttons. */
export interface MeetingRecord {
  id: string;
  sessionId: string;
  platform: Platform;
  teamId: string;
  channelId: string;
  title: string;
  hostId: string;
  hostName: string;
  status: 'active' | 'ended';
  options: MeetingOptions;
  /** Mute-all in force (applies to streams published later until disabled). */
  muteAll: boolean;
  layout: { type: string; stylesheet?: string; screenshareType?: string } | null;
  createdAt: number;
  endedAt: number | null;
  /** Bumped by every change that a card shows; cards remember the version they rendered. */
  version: number;
}

export interface MeetingOptions {
  relayed: boolean;
  autoRecord: boolean;
  e2ee: boolean;
  location?: string;
  archiveResolution?: string;
}

/** A connection in the session: a chat user, a SIP leg, an audio connector, a composer or unknown. */
export interface ConnectionRecord {
  meetingId: string;
  connectionId: string;
  kind: 'user' | 'sip' | 'audio' | 'render' | 'unknown';
  /** Chat user ID from the token data, when the connection is a known person. */
  userId: string | null;
  name: string;
  joinedAt: number;
  leftAt: number | null;
  reason: string | null;
  /** Event timestamp of the last applied change; older events are ignored. */
  seq: number;
}

/** A stream published by a connection. */
export interface StreamRecord {
  meetingId: string;
  streamId: string;
  connectionId: string;
  videoType: 'camera' | 'screen' | 'custom' | null;
  name: string;
  muted: boolean;
  createdAt: number;
  destroyedAt: number | null;
  reason: string | null;
  seq: number;
}

/** A recording (archive). `seq` orders states: never moves back (available never returns to started). */
export interface RecordingRecord {
  id: string;
  meetingId: string;
  name: string | null;
  status: string;
  outputMode: 'composed' | 'individual';
  createdAt: number;
  duration: number;
  size: number;
  startedBy: string | null;
  /** Set once the "recording available" follow-up has been posted. */
  announcedAt: number | null;
  seq: number;
  /** When the retention sweep deleted its archive (read only: written with expireRecording). */
  expiredAt?: number;
  /** The retention period (days) it was deleted after. */
  retentionDays?: number;
}

/** A broadcast. RTMP stream keys are never stored. */
export interface BroadcastRecord {
  id: string;
  meetingId: string;
  status: string;
  hlsUrl: string | null;
  rtmp: Array<{ id: string; serverUrl: string; status: string | null }>;
  createdAt: number;
  startedBy: string | null;
  seq: number;
}

/** An Experience Composer render. */
export interface RenderRecord {
  id: string;
  meetingId: string;
  status: string;
  url: string;
  streamId: string | null;
  createdAt: number;
  seq: number;
}

/** A SIP leg (dial-out). The URI is stored redacted of credentials. */
export interface SipLegRecord {
  id: string;
  meetingId: string;
  connectionId: string;
  streamId: string | null;
  uri: string;
  state: string;
  createdAt: number;
  endedAt: number | null;
  seq: number;
}

/** An Audio Connector connection. */
export interface AudioStreamRecord {
  id: string;
  meetingId: string;
  connectionId: string;
  uri: string;
  status: 'active' | 'stopped';
  createdAt: number;
  seq: number;
}

/** A posted meeting card; dirty while `renderedVersion` is below the meeting's version. */
export interface CardRecord {
  meetingId: string;
  platform: Platform;
  teamId: string;
  channelId: string;
  messageId: string;
  renderedVersion: number;
  renderedAt: number;
  /** Earliest time the next edit may be made (rate limiting, Retry-After). */
  notBefore: number;
  /**
   * `recap` for the meeting's recap (a reply in the card's thread, edited by the same refresher);
   * absent for the meeting card itself.
   */
  kind?: 'recap';
}

/** What reconciliation last found about a meeting (src/events/reconcile.ts). */
export interface MeetingCheckRecord {
  meetingId: string;
  /** When the Video API last confirmed the meeting's state (null: never). */
  confirmedAt: number | null;
  /** When confirming started to fail (null: the last check succeeded). */
  failingSince: number | null;
  /** Why the last check failed (an error code), while failing. */
  failure: string | null;
  /** When the Video API was found not to know the session at all. */
  forgottenAt: number | null;
}

/** A card waiting to be posted (the card outbox): posted by the card writer after Retry-After or backoff. */
export interface CardPostRecord {
  meetingId: string;
  platform: Platform;
  teamId: string;
  channelId: string;
  createdAt: number;
  /** Earliest time of the next attempt (also pushed forward while an attempt is under way). */
  notBefore: number;
  attempts: number;
  /** Why the last attempt failed (a sentence, no secrets). */
  lastError: string | null;
}

/** One moderation action: who did what to whom, when, and how it ended. */
export interface AuditRecord {
  meetingId: string | null;
  platform: Platform;
  actorId: string;
  actorName: string;
  action: string;
  target: string | null;
  outcome: 'ok' | 'denied' | 'failed';
  detail: string | null;
  at: number;
}

/** A Slack (or other) installation: team ID and the platform's installation JSON (holds tokens). */
export interface InstallationRecord {
  platform: Platform;
  teamId: string;
  data: unknown;
  updatedAt: number;
}

/** A chat request acknowledged but perhaps not yet carried out (see adapters/slack/pending.ts). */
export interface PendingCommandRecord {
  /** The request's idempotency key, e.g. `slack:T1:<trigger_id>`. */
  id: string;
  platform: Platform;
  /** Which handler re-runs it (e.g. "slash", "click", "submit"). */
  kind: string;
  /** What re-running needs, as JSON (may hold a response_url: never log it). Null once done. */
  payload: string | null;
  /** Replica that runs it (its replicaId()). */
  owner: string;
  status: 'pending' | 'done';
  createdAt: number;
  /** Last sign of life of the owner for this command; a stale one lets another replica take it over. */
  heartbeatAt: number;
  /** How many replicas have taken it over after its owner died. */
  attempts: number;
  /** The reply that was delivered (JSON), when done. */
  reply: string | null;
}

/** The fields a meeting update may change. */
export type MeetingPatch = Partial<
  Pick<MeetingRecord, 'title' | 'status' | 'muteAll' | 'layout' | 'endedAt'>
>;

/** The pending-command fields a caller records before acknowledging a request. */
export type NewPendingCommand = Pick<PendingCommandRecord, 'id' | 'platform' | 'kind' | 'payload' | 'owner'>;

/**
 * One write of a unit of work (see {@link Store.commit}): plain data, so a unit can be built, logged
 * and tested without a database. Each reports whether it applied.
 */
export type StoreWrite =
  /** Inserts a meeting at version 1; a broken unique rule rejects the unit with a StoreConflictError. */
  | { kind: 'createMeeting'; meeting: Omit<MeetingRecord, 'version'> }
  /** Applies `patch` and bumps the version; not applied when the meeting is unknown. */
  | { kind: 'updateMeeting'; id: string; patch: MeetingPatch }
  /**
   * Bumps the version so the meeting's cards are refreshed. With `ifChanged`, only when an earlier
   * write of the unit changed meeting state (a meeting, participant or media write that applied).
   */
  | { kind: 'touchMeeting'; id: string; ifChanged?: boolean }
  /** Seq-guarded upserts: applied only when `seq` is not older than the stored one. */
  | { kind: 'connection'; record: ConnectionRecord }
  | { kind: 'stream'; record: StreamRecord }
  | { kind: 'recording'; record: RecordingRecord }
  | { kind: 'broadcast'; record: BroadcastRecord }
  | { kind: 'render'; record: RenderRecord }
  | { kind: 'sipLeg'; record: SipLegRecord }
  | { kind: 'audioStream'; record: AudioStreamRecord }
  /** Sets the muted flag of streams (every live stream of the meeting when `streamIds` is omitted). */
  | { kind: 'streamsMuted'; meetingId: string; muted: boolean; streamIds?: readonly string[] }
  /** Appends an audit entry (always applied). */
  | { kind: 'audit'; entry: AuditRecord }
  /**
   * Claims `key` in `scope` until at+ttlMs; not applied when someone holds it. With `required`, a
   * claim that does not apply skips the rest of the unit (those writes report false). With
   * `result`, the key's result is stored with the claim: for a unit that does its work in the same
   * transaction, where nobody can see the claim without its result (one statement, not two).
   */
  | {
      kind: 'claimKey';
      scope: string;
      key: string;
      ttlMs: number;
      at: number;
      required?: boolean;
      result?: string;
    }
  /** Stores the result of a claimed key; not applied when the key is not claimed. */
  | { kind: 'keyResult'; scope: string; key: string; result: string }
  /** Records an acknowledged request as pending; not applied when `id` is already recorded. */
  | { kind: 'recordPending'; command: NewPendingCommand; at: number }
  /**
   * Keeps the reply of a pending command whose work is committed (in the same unit), so a replica
   * taking it over delivers that reply instead of running it again; not applied unless it is pending.
   */
  | { kind: 'pendingReply'; id: string; reply: string }
  /** Marks a pending command done and forgets its payload; not applied unless it was pending. */
  | { kind: 'finishPending'; id: string; at: number }
  /**
   * Records what reconciliation found: `confirmed` (the API agreed; clears a failure), `failed`
   * (keeps the first failure time) or `forgotten` (the API does not know the session). Always applied.
   */
  | {
      kind: 'meetingCheck';
      meetingId: string;
      at: number;
      outcome: 'confirmed' | 'failed' | 'forgotten';
      failure?: string;
    }
  /** Puts a card in the outbox; not applied when one is already waiting for that meeting and platform. */
  | {
      kind: 'queueCardPost';
      post: Pick<
        CardPostRecord,
        'meetingId' | 'platform' | 'teamId' | 'channelId' | 'createdAt' | 'notBefore'
      >;
    }
  /** Stores a posted card (a repeat of the same message is not applied). */
  | { kind: 'addCard'; card: CardRecord }
  /**
   * Records that `card` now shows `version`, rendered at `at`, and may next be edited at `notBefore`;
   * not applied when a newer render was recorded first.
   */
  | {
      kind: 'cardRendered';
      card: Pick<CardRecord, 'meetingId' | 'platform' | 'messageId'>;
      version: number;
      at: number;
      notBefore: number;
    }
  /** Takes a posted card out of the outbox. */
  | { kind: 'cardPostDone'; meetingId: string; platform: Platform }
  /** Schedules, RSVPs, time zones and timers: see schedule-types.ts. */
  | ScheduleWrite
  /** Caption runs, transcriptions and the recap outbox: see recap-types.ts. */
  | RecapWrite
  /** Channel rooms: see room-types.ts. */
  | RoomWrite
  /** Attendance and retention marks: see library-types.ts. */
  | LibraryWrite;

/** Options of {@link Store.commit}. */
export interface CommitOptions {
  /**
   * How long the caller can wait (ms, default 5000) while another process holds the database's
   * write lock; past it the unit rejects with a StoreBusyError ("try again in a moment"). A unit
   * given an explicit deadline that is still queued behind other groups when it passes is rejected
   * the same way without running, so "busy" means it left no trace.
   */
  deadlineMs?: number;
  /** Called when the unit's group starts running: from then on it can no longer be refused as busy. */
  onStart?: () => void;
}

/** What the store knows about one meeting: the input of meetingState (src/cards/state.ts). */
export interface MeetingSnapshot {
  meeting: MeetingRecord;
  /**
   * Live connections, those that left but still have a live stream, and one that was ever seen
   * (so "everyone left" differs from "nobody came"): not the whole history, whose reading would
   * make every card edit slower as people come and go (Store.listConnectionsForState).
   */
  connections: ConnectionRecord[];
  /** Live streams. */
  streams: StreamRecord[];
  recordings: RecordingRecord[];
  broadcasts: BroadcastRecord[];
  sipLegs: SipLegRecord[];
  renders: RenderRecord[];
  audioStreams: AudioStreamRecord[];
  /** What reconciliation last found (absent or null: never checked). */
  check?: MeetingCheckRecord | null;
  /** Live-caption runs (absent: none). */
  captions?: CaptionRunRecord[];
}

/** Persistent state of the bot; implemented for SQLite and Postgres and checked by one contract suite. */
export interface Store extends ScheduleMethods, RecapMethods, RoomMethods, LibraryMethods {
  /**
   * Runs `writes` in order in ONE transaction and resolves with whether each applied, only once the
   * transaction is durable. Units committed in the same event-loop turn are group-committed: one
   * transaction, each unit in its own savepoint, so a unit whose write fails (e.g. a meeting
   * conflict) rejects only its own caller and leaves no trace, while the others commit.
   */
  commit(writes: readonly StoreWrite[], opts?: CommitOptions): Promise<boolean[]>;

  readonly kind: 'sqlite' | 'postgres';
  /** Applies pending migrations (idempotent, safe to run from several replicas at once). */
  migrate(): Promise<void>;
  /**
   * Proves the store can write: one durable write to the health table (and, on SQLite, that the
   * database file is still the one opened). Rejects with a StoreError; logs once when writing
   * starts failing and once when it works again, whatever the number of probes.
   */
  probe(): Promise<void>;
  close(): Promise<void>;

  // Meetings
  createMeeting(m: Omit<MeetingRecord, 'version'>): Promise<MeetingRecord>;
  getMeeting(id: string): Promise<MeetingRecord | null>;
  getMeetingBySession(sessionId: string): Promise<MeetingRecord | null>;
  getActiveMeetingInChannel(
    platform: Platform,
    teamId: string,
    channelId: string,
  ): Promise<MeetingRecord | null>;
  listActiveMeetings(): Promise<MeetingRecord[]>;
  /** Applies a partial update and bumps `version`; returns the new record (null when unknown). */
  updateMeeting(id: string, patch: MeetingPatch): Promise<MeetingRecord | null>;
  /** Bumps the meeting's version so its cards are refreshed (after a change in a child table). */
  touchMeeting(id: string): Promise<void>;

  // Participants (each upsert applies only when `seq` >= the stored seq; returns whether it applied)
  upsertConnection(c: ConnectionRecord): Promise<boolean>;
  upsertStream(s: StreamRecord): Promise<boolean>;
  /** Sets the muted flag of streams (all live streams of the meeting when `streamIds` is omitted). */
  setStreamsMuted(meetingId: string, muted: boolean, streamIds?: string[]): Promise<void>;
  listConnections(meetingId: string, opts?: { includeGone?: boolean }): Promise<ConnectionRecord[]>;
  /**
   * The connections a meeting's state needs, read through the live-row indexes so the cost does
   * not grow with the meeting's past: the live ones, those that left but still have a live stream,
   * and one of kind user, sip or unknown if any was ever seen (so "everyone left" differs from
   * "nobody came").
   */
  listConnectionsForState(meetingId: string): Promise<ConnectionRecord[]>;
  listStreams(meetingId: string, opts?: { includeGone?: boolean }): Promise<StreamRecord[]>;
  /**
   * A meeting with its participants and media (null when the meeting is unknown): what every view of
   * it is decided from. One consistent read on Postgres (one statement), its reads side by side on SQLite.
   */
  getMeetingSnapshot(meetingId: string): Promise<MeetingSnapshot | null>;

  // Media resources (upserts guarded by seq like participants)
  upsertRecording(r: RecordingRecord): Promise<boolean>;
  getRecording(id: string): Promise<RecordingRecord | null>;
  listRecordings(meetingId: string): Promise<RecordingRecord[]>;
  /** Marks the availability follow-up as posted; true only for the first caller. */
  claimRecordingAnnouncement(id: string, at: number): Promise<boolean>;
  upsertBroadcast(b: BroadcastRecord): Promise<boolean>;
  getBroadcast(id: string): Promise<BroadcastRecord | null>;
  listBroadcasts(meetingId: string): Promise<BroadcastRecord[]>;
  upsertRender(r: RenderRecord): Promise<boolean>;
  listRenders(meetingId: string): Promise<RenderRecord[]>;
  upsertSipLeg(s: SipLegRecord): Promise<boolean>;
  listSipLegs(meetingId: string): Promise<SipLegRecord[]>;
  upsertAudioStream(a: AudioStreamRecord): Promise<boolean>;
  listAudioStreams(meetingId: string): Promise<AudioStreamRecord[]>;

  // Cards
  addCard(c: CardRecord): Promise<void>;
  listCards(meetingId: string): Promise<CardRecord[]>;
  /** Cards whose rendered version is behind their meeting's version and whose notBefore has passed. */
  listDirtyCards(now: number, limit: number): Promise<Array<CardRecord & { version: number }>>;
  /** Records a successful edit; only moves renderedVersion forward. */
  markCardRendered(
    c: Pick<CardRecord, 'meetingId' | 'platform' | 'messageId'>,
    version: number,
    at: number,
    notBefore: number,
  ): Promise<void>;
  /** Delays the next edit of a card (rate limit or Retry-After). */
  deferCard(c: Pick<CardRecord, 'meetingId' | 'platform' | 'messageId'>, notBefore: number): Promise<void>;

  // Idempotency and deduplication
  /** Claims `key` in `scope` once; true for the first caller only (across replicas), until it expires. */
  claimKey(scope: string, key: string, ttlMs: number, now?: number): Promise<boolean>;
  /** Stores the result of the work done under a claimed key (e.g. the reply to a retried request). */
  setKeyResult(scope: string, key: string, result: string): Promise<void>;
  getKeyResult(scope: string, key: string): Promise<string | null>;
  /** Deletes expired keys; returns how many. */
  purgeExpiredKeys(now: number): Promise<number>;
  /**
   * Sets `marker` as the result of a claimed key whose work never stored one (its runner died), so
   * that whoever takes the work over can tell a re-run from a repeat; true when the key was
   * unfinished.
   */
  takeOverUnfinishedKey(scope: string, key: string, marker: string): Promise<boolean>;
  /**
   * Stores a claimed key's result and appends `entry` to the audit log in one transaction, so a crash
   * leaves both or neither (a re-run then audits exactly once).
   */
  setKeyResultWithAudit(scope: string, key: string, result: string, entry: AuditRecord): Promise<void>;

  // Pending commands: acknowledged chat requests, re-run by another replica if their owner dies.
  /** Records a request before it is acknowledged; false when `id` is already recorded (a repeat delivery). */
  recordPendingCommand(
    c: Pick<PendingCommandRecord, 'id' | 'platform' | 'kind' | 'payload' | 'owner'>,
    now: number,
  ): Promise<boolean>;
  /**
   * Marks `owner` alive until `now + ttlMs` (one lease row, whatever its backlog) and refreshes the
   * heartbeat of its pending commands older than half that, or of all of them while a replica of an
   * earlier version (which reads only those) holds a recovery lease; returns how many it refreshed.
   */
  heartbeatPendingCommands(owner: string, now: number, ttlMs: number): Promise<number>;
  /** Marks a command done and forgets its payload (its reply lives under its idempotency key). */
  finishPendingCommand(id: string, now: number): Promise<void>;
  /**
   * Atomically moves up to `limit` pending commands whose heartbeat is older than `staleBefore`, and
   * whose owner is not marked alive at `now`, to `owner` (bumping attempts); each is returned to
   * exactly one caller. With `platform`, only that
   * platform's commands (each platform's recovery re-runs only its own).
   */
  claimStalePendingCommands(
    owner: string,
    staleBefore: number,
    now: number,
    limit: number,
    platform?: Platform,
  ): Promise<PendingCommandRecord[]>;
  /** Deletes done commands finished before `before` (and owners' alive marks expired by then); returns how many commands. */
  purgeFinishedCommands(before: number): Promise<number>;

  // Audit
  audit(entry: AuditRecord): Promise<void>;
  listAudit(meetingId: string): Promise<AuditRecord[]>;

  // Installations (multi-workspace Slack)
  saveInstallation(i: InstallationRecord): Promise<void>;
  getInstallation(platform: Platform, teamId: string): Promise<InstallationRecord | null>;
  deleteInstallation(platform: Platform, teamId: string): Promise<void>;

  // Reconciliation verdicts and the card outbox
  /** What reconciliation last found about the meeting (null: never checked). */
  getMeetingCheck(meetingId: string): Promise<MeetingCheckRecord | null>;
  /** Cards waiting to be posted whose next attempt is due, oldest first. */
  listDueCardPosts(now: number, limit: number): Promise<CardPostRecord[]>;
  /** The meeting's cards waiting to be posted. */
  listCardPosts(meetingId: string): Promise<CardPostRecord[]>;
  /**
   * Takes the next attempt at a waiting card: true (and the card is not due again before `until`)
   * when it was due at `now`, so two posters never post the same card at once.
   */
  claimCardPost(meetingId: string, platform: Platform, now: number, until: number): Promise<boolean>;
  /** Records a failed attempt: the card waits until `notBefore` (the attempt's own hold ends). */
  deferCardPost(meetingId: string, platform: Platform, notBefore: number, error: string): Promise<void>;

  // Leases: singleton work across replicas (card writer, reconciliation, Discord gateway)
  /** Takes or renews `name` for `holder` until now+ttlMs; true when `holder` holds it afterwards. */
  acquireLease(name: string, holder: string, ttlMs: number, now?: number): Promise<boolean>;
  releaseLease(name: string, holder: string): Promise<void>;
}
