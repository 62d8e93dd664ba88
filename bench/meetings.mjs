// An active meeting record as the benchmarks create them directly in the store (no command), the
// unit a `mute all` / `mute off` commits after its Video API call, and the batched done marks.

/** A meeting row for store.createMeeting: `id`, its session, place and title; the rest fixed. */
export function activeMeeting({
  id,
  sessionId = `2_${id}`,
  platform = 'slack',
  teamId = 'T1',
  channelId,
  title = 'Bench',
}) {
  return {
    id,
    sessionId,
    platform,
    teamId,
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

/** The writes of a `mute all` (`all`) or `mute off` after its Video API call: state, audit, stored reply. */
export function muteUnit({ meetingId, platform, actorId, pendingId, reply, all }) {
  return [
    { kind: 'updateMeeting', id: meetingId, patch: { muteAll: all } },
    {
      kind: 'audit',
      entry: {
        meetingId,
        platform,
        actorId,
        actorName: 'bench',
        action: 'mute',
        target: all ? 'all' : 'off',
        outcome: 'ok',
        detail: null,
        at: Date.now(),
      },
    },
    { kind: 'pendingReply', id: pendingId, reply },
  ];
}

/** Done marks as the front door writes them: collected, then committed together every `everyMs`. */
export function doneMarks(store, everyMs = 20) {
  let ids = [];
  const flush = () => {
    const batch = ids;
    ids = [];
    if (batch.length > 0)
      void store.commit(batch.map((id) => ({ kind: 'finishPending', id, at: Date.now() })));
  };
  const timer = setInterval(flush, everyMs);
  return {
    add: (id) => ids.push(id),
    /** Stops the timer and queues what is left (the store's close commits it). */
    stop() {
      clearInterval(timer);
      flush();
    },
  };
}
