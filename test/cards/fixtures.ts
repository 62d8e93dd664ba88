import type { MeetingSnapshot } from '../../src/store/types.js';
import type { ConnectionRecord, StreamRecord } from '../../src/store/types.js';

/** A fixed clock for render tests. */
export const NOW = Date.UTC(2026, 10, 28, 10, 0, 0);

/** A meeting snapshot with `people` connected, each publishing a camera. */
export function snapshot(people: string[] = [], patch: Partial<MeetingSnapshot> = {}): MeetingSnapshot {
  const connections: ConnectionRecord[] = people.map((name, i) => ({
    meetingId: 'k1',
    connectionId: `c${i}`,
    kind: 'user',
    userId: `U${i}`,
    name,
    joinedAt: NOW - 60_000 + i,
    leftAt: null,
    reason: null,
    seq: 1,
  }));
  const streams: StreamRecord[] = people.map((_, i) => ({
    meetingId: 'k1',
    streamId: `s${i}`,
    connectionId: `c${i}`,
    videoType: 'camera',
    name: '',
    muted: false,
    createdAt: NOW - 50_000,
    destroyedAt: null,
    reason: null,
    seq: 1,
  }));
  return {
    meeting: {
      id: 'k1',
      sessionId: '2_MX',
      platform: 'slack',
      teamId: 'T',
      channelId: 'C',
      title: 'Weekly sync',
      hostId: 'U0',
      hostName: 'Ada',
      status: 'active',
      options: { relayed: false, autoRecord: false, e2ee: false },
      muteAll: false,
      layout: null,
      createdAt: NOW - 12 * 60_000 - 5000,
      endedAt: null,
      version: 3,
    },
    connections,
    streams,
    recordings: [],
    broadcasts: [],
    sipLegs: [],
    renders: [],
    audioStreams: [],
    ...patch,
  };
}

/** A connection record of meeting k1 (present, a chat user) with `patch` applied. */
export function conn(connectionId: string, patch: Partial<ConnectionRecord> = {}): ConnectionRecord {
  return {
    meetingId: 'k1',
    connectionId,
    kind: 'user',
    userId: `U-${connectionId}`,
    name: connectionId,
    joinedAt: NOW - 30_000,
    leftAt: null,
    reason: null,
    seq: 1,
    ...patch,
  };
}

/** A live camera stream record of meeting k1 with `patch` applied. */
export function stream(
  streamId: string,
  connectionId: string,
  patch: Partial<StreamRecord> = {},
): StreamRecord {
  return {
    meetingId: 'k1',
    streamId,
    connectionId,
    videoType: 'camera',
    name: '',
    muted: false,
    createdAt: NOW - 20_000,
    destroyedAt: null,
    reason: null,
    seq: 1,
    ...patch,
  };
}
