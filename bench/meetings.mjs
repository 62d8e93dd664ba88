// An active Slack meeting record as the benchmarks create them directly in the store (no command).

/** A meeting row for store.createMeeting: `id`, its session, channel and title; the rest fixed. */
export function activeMeeting({ id, sessionId = `2_${id}`, channelId, title = 'Bench' }) {
  return {
    id,
    sessionId,
    platform: 'slack',
    teamId: 'T1',
    channelId,
    title,
    hostId: 'U0',
    hostName: 'Host',
    status: 'active',
    options: { relayed: false, autoRecord: false, e2ee: false },
    muteAll: false,
    layout: null,
    createdAt: Date.now(),
    endedAt: null,
  };
}
