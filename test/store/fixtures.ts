// Record builders for the store contract tests: valid defaults, overridable per test.

import type {
  AuditRecord,
  CardRecord,
  ConnectionRecord,
  MeetingRecord,
  RecordingRecord,
  StreamRecord,
} from '../../src/store/types.js';

export const T0 = 1_700_000_000_000;

export function meeting(over: Partial<Omit<MeetingRecord, 'version'>> = {}): Omit<MeetingRecord, 'version'> {
  const id = over.id ?? 'm1';
  return {
    id,
    sessionId: `session-${id}`,
    platform: 'slack',
    teamId: 'T1',
    channelId: `C-${id}`,
    title: 'Standup',
    hostId: 'U1',
    hostName: 'Ada',
    status: 'active',
    options: { relayed: false, autoRecord: false, e2ee: false },
    muteAll: false,
    layout: null,
    createdAt: T0,
    endedAt: null,
    ...over,
  };
}

export function connection(over: Partial<ConnectionRecord> = {}): ConnectionRecord {
  return {
    meetingId: 'm1',
    connectionId: 'c1',
    kind: 'user',
    userId: 'U1',
    name: 'Ada',
    joinedAt: T0,
    leftAt: null,
    reason: null,
    seq: T0,
    ...over,
  };
}

export function stream(over: Partial<StreamRecord> = {}): StreamRecord {
  return {
    meetingId: 'm1',
    streamId: 's1',
    connectionId: 'c1',
    videoType: 'camera',
    name: 'Ada',
    muted: false,
    createdAt: T0,
    destroyedAt: null,
    reason: null,
    seq: T0,
    ...over,
  };
}

export function recording(over: Partial<RecordingRecord> = {}): RecordingRecord {
  return {
    id: 'a1',
    meetingId: 'm1',
    name: 'Weekly',
    status: 'started',
    outputMode: 'composed',
    createdAt: T0,
    duration: 0,
    size: 0,
    startedBy: 'U1',
    announcedAt: null,
    seq: T0,
    ...over,
  };
}

export function card(over: Partial<CardRecord> = {}): CardRecord {
  return {
    meetingId: 'm1',
    platform: 'slack',
    teamId: 'T1',
    channelId: 'C-m1',
    messageId: '1700000000.000100',
    renderedVersion: 1,
    renderedAt: T0,
    notBefore: T0,
    ...over,
  };
}

export function auditEntry(over: Partial<AuditRecord> = {}): AuditRecord {
  return {
    meetingId: 'm1',
    platform: 'slack',
    actorId: 'U1',
    actorName: 'Ada',
    action: 'mute',
    target: 'c2',
    outcome: 'ok',
    detail: null,
    at: T0,
    ...over,
  };
}

/** Returns `items` in a deterministic shuffled order (seeded, so failures reproduce). */
export function shuffled<T>(items: readonly T[], seed = 42): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
