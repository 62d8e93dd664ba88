// The Store interface cut into the concerns each backend implements in its own small file; a
// backend's store is the union of its parts, so both backends are split the same way.

import type { Store } from './types.js';

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

export type ParticipantMethods = Pick<
  Store,
  'upsertConnection' | 'upsertStream' | 'setStreamsMuted' | 'listConnections' | 'listStreams'
>;

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

export type CardMethods = Pick<
  Store,
  'addCard' | 'listCards' | 'listDirtyCards' | 'markCardRendered' | 'deferCard'
>;

export type KeyMethods = Pick<Store, 'claimKey' | 'setKeyResult' | 'getKeyResult' | 'purgeExpiredKeys'>;

export type LeaseMethods = Pick<Store, 'acquireLease' | 'releaseLease'>;

export type LedgerMethods = Pick<
  Store,
  'audit' | 'listAudit' | 'saveInstallation' | 'getInstallation' | 'deleteInstallation'
>;
