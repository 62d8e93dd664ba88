// The Store's single-write methods, written once over commit: each is a unit of one write (or two,
// for a result stored with its audit entry), so concurrent callers are group-committed too.

import type { Store, StoreWrite } from './types.js';

/** The methods of Store that are one unit of work. */
export type WriteMethods = Pick<
  Store,
  | 'createMeeting'
  | 'updateMeeting'
  | 'touchMeeting'
  | 'upsertConnection'
  | 'upsertStream'
  | 'setStreamsMuted'
  | 'upsertRecording'
  | 'upsertBroadcast'
  | 'upsertRender'
  | 'upsertSipLeg'
  | 'upsertAudioStream'
  | 'audit'
  | 'claimKey'
  | 'setKeyResult'
  | 'setKeyResultWithAudit'
  | 'recordPendingCommand'
  | 'finishPendingCommand'
  | 'finishTimer'
  | 'setPersonTimeZone'
  | 'markCardRendered'
>;

/** Single-write methods over `store.commit` (and `getMeeting`, to return an updated meeting). */
export function writeMethods(store: Pick<Store, 'commit' | 'getMeeting'>): WriteMethods {
  const one = async (w: StoreWrite) => (await store.commit([w]))[0] === true;
  return {
    async createMeeting(meeting) {
      await one({ kind: 'createMeeting', meeting });
      return { ...meeting, version: 1 };
    },
    async updateMeeting(id, patch) {
      return (await one({ kind: 'updateMeeting', id, patch })) ? store.getMeeting(id) : null;
    },
    async touchMeeting(id) {
      await one({ kind: 'touchMeeting', id });
    },
    async markCardRendered(card, version, at, notBefore) {
      const { meetingId, platform, messageId } = card;
      await one({ kind: 'cardRendered', card: { meetingId, platform, messageId }, version, at, notBefore });
    },
    upsertConnection: (record) => one({ kind: 'connection', record }),
    upsertStream: (record) => one({ kind: 'stream', record }),
    async setStreamsMuted(meetingId, muted, streamIds) {
      await one({ kind: 'streamsMuted', meetingId, muted, streamIds });
    },
    upsertRecording: (record) => one({ kind: 'recording', record }),
    upsertBroadcast: (record) => one({ kind: 'broadcast', record }),
    upsertRender: (record) => one({ kind: 'render', record }),
    upsertSipLeg: (record) => one({ kind: 'sipLeg', record }),
    upsertAudioStream: (record) => one({ kind: 'audioStream', record }),
    async audit(entry) {
      await one({ kind: 'audit', entry });
    },
    claimKey: (scope, key, ttlMs, at = Date.now()) => one({ kind: 'claimKey', scope, key, ttlMs, at }),
    async setKeyResult(scope, key, result) {
      await one({ kind: 'keyResult', scope, key, result });
    },
    async setKeyResultWithAudit(scope, key, result, entry) {
      await store.commit([
        { kind: 'audit', entry },
        { kind: 'keyResult', scope, key, result },
      ]);
    },
    recordPendingCommand: (command, at) => one({ kind: 'recordPending', command, at }),
    async finishPendingCommand(id, at) {
      await one({ kind: 'finishPending', id, at });
    },
    async finishTimer(id, outcome, at, planned) {
      await store.commit([
        { kind: 'finishTimer', id, outcome, at },
        ...planned.map((timer) => ({ kind: 'addTimer' as const, timer })),
      ]);
    },
    async setPersonTimeZone(platform, userId, zone, at) {
      await one({ kind: 'personTimeZone', platform, userId, zone, at });
    },
  };
}
