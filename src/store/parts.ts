// The Store interface cut into the concerns each backend implements in its own small file; a
// backend's store is the union of its parts, so both backends are split the same way.

import type { Store } from './types.js';

/** Meeting methods. */
export type MeetingMethods = Pick<
  Store,
  | 'createMeeting'
  | 'getMeeting'
  | 'getMeetingBySession'
  | 'getActiveMeetingInChannel'
  | 'listActiveMeetings'
  | 'updateMeeting'
  | 'touchMeeting'
>;

/** Connection and stream methods. */
export type ParticipantMethods = Pick<
  Store,
  'upsertConnection' | 'upsertStream' | 'setStreamsMuted' | 'listConnections' | 'listStreams'
>;

/** Recording, broadcast, render, SIP and audio-stream methods. */
export type MediaMethods = Pick<
  Store,
  | 'upsertRecording'
  | 'getRecording'
  | 'listRecordings'
  | 'claimRecordingAnnouncement'
  | 'upsertBroadcast'
  | 'getBroadcast'
  | 'listBroadcasts'
  | 'upsertRender'
  | 'listRenders'
  | 'upsertSipLeg'
  | 'listSipLegs'
  | 'upsertAudioStream'
  | 'listAudioStreams'
>;

/** Card methods. */
export type CardMethods = Pick<
  Store,
  'addCard' | 'listCards' | 'listDirtyCards' | 'markCardRendered' | 'deferCard'
>;

/** Idempotency-key methods. */
export type KeyMethods = Pick<Store, 'claimKey' | 'setKeyResult' | 'getKeyResult' | 'purgeExpiredKeys'>;

/** Pending-command methods (optional in Store for compatibility; every backend implements them). */
export type PendingMethods = Required<
  Pick<
    Store,
    | 'takeOverUnfinishedKey'
    | 'setKeyResultWithAudit'
    | 'recordPendingCommand'
    | 'heartbeatPendingCommands'
    | 'finishPendingCommand'
    | 'claimStalePendingCommands'
    | 'purgeFinishedCommands'
  >
>;

/** Lease methods. */
export type LeaseMethods = Pick<Store, 'acquireLease' | 'releaseLease'>;

/** Audit-log and installation methods. */
export type LedgerMethods = Pick<
  Store,
  'audit' | 'listAudit' | 'saveInstallation' | 'getInstallation' | 'deleteInstallation'
>;
