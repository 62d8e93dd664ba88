// The Store interface cut into its concerns, each written once over Sql in concerns/. Writes of
// state are not here: they go through commit (write-methods.ts wraps the single-write methods).

import type { Store } from './types.js';

/** Meeting reads. */
export type MeetingMethods = Pick<
  Store,
  'getMeeting' | 'getMeetingBySession' | 'getActiveMeetingInChannel' | 'listActiveMeetings'
>;

/** Connection and stream reads. */
export type ParticipantMethods = Pick<Store, 'listConnections' | 'listConnectionsForState' | 'listStreams'>;

/** The snapshot a meeting's views are decided from. */
export type SnapshotMethods = Pick<Store, 'getMeetingSnapshot'>;

/** Recording, broadcast, render, SIP and audio-stream reads, and the announcement claim. */
export type MediaMethods = Pick<
  Store,
  | 'getRecording'
  | 'listRecordings'
  | 'claimRecordingAnnouncement'
  | 'getBroadcast'
  | 'listBroadcasts'
  | 'listRenders'
  | 'listSipLegs'
  | 'listAudioStreams'
>;

/** Card methods. */
export type CardMethods = Pick<Store, 'addCard' | 'listCards' | 'listDirtyCards' | 'deferCard'>;

/** Idempotency-key reads and upkeep. */
export type KeyMethods = Pick<Store, 'getKeyResult' | 'purgeExpiredKeys'>;

/** Pending-command upkeep (recording and finishing go through commit). */
export type PendingMethods = Required<
  Pick<
    Store,
    | 'takeOverUnfinishedKey'
    | 'heartbeatPendingCommands'
    | 'claimStalePendingCommands'
    | 'purgeFinishedCommands'
  >
>;

/** Reconciliation verdict reads (written through commit). */
export type CheckMethods = Pick<Store, 'getMeetingCheck'>;

/** Card outbox reads and attempts (queueing and finishing go through commit). */
export type CardPostMethods = Pick<
  Store,
  'listDueCardPosts' | 'listCardPosts' | 'claimCardPost' | 'deferCardPost'
>;

/** Lease methods. */
export type LeaseMethods = Pick<Store, 'acquireLease' | 'releaseLease'>;

/** Audit-log reads and installation methods. */
export type LedgerMethods = Pick<
  Store,
  'listAudit' | 'saveInstallation' | 'getInstallation' | 'deleteInstallation'
>;
