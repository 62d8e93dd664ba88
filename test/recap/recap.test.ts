import { describe, expect, it } from 'vitest';
import type { Block, View } from '../../src/chat.js';
import { renderRecap } from '../../src/recap/render.js';
import type { RecapSnapshot } from '../../src/recap/snapshot.js';
import { recapState } from '../../src/recap/state.js';
import type { AuditRecord, ConnectionRecord } from '../../src/store/types.js';

const T0 = Date.UTC(2026, 11, 5, 14, 0, 0);
const min = 60_000;

function conn(
  id: string,
  name: string,
  joined: number,
  left: number | null,
  over: Partial<ConnectionRecord> = {},
): ConnectionRecord {
  return {
    meetingId: 'k1',
    connectionId: id,
    kind: 'user',
    userId: `U-${name}`,
    name,
    joinedAt: T0 + joined,
    leftAt: left === null ? null : T0 + left,
    reason: null,
    seq: 1,
    ...over,
  };
}
function act(action: string, actorName: string, at: number, over: Partial<AuditRecord> = {}): AuditRecord {
  return {
    meetingId: 'k1',
    platform: 'slack',
    actorId: actorName,
    actorName,
    action,
    target: 'x',
    outcome: 'ok',
    detail: null,
    at: T0 + at,
    ...over,
  };
}

function snapshot(): RecapSnapshot {
  return {
    meeting: {
      id: 'k1',
      sessionId: 's',
      platform: 'slack',
      teamId: 'T1',
      channelId: 'C1',
      title: 'Weekly sync',
      hostId: 'U1',
      hostName: 'Ada',
      status: 'ended',
      options: { relayed: false, autoRecord: false, e2ee: false },
      muteAll: false,
      layout: null,
      createdAt: T0,
      endedAt: T0 + 45 * min + 30_000,
      version: 9,
    },
    connections: [
      conn('c1', 'Ada', 0, null),
      conn('c2', 'Bob', 1 * min, 10 * min),
      conn('c3', 'Bob', 12 * min, 20 * min), // Bob rejoined: one person
      conn('c4', '+15551234567', 5 * min, 8 * min, { kind: 'sip', userId: null }),
      conn('c5', '', 30 * min, 31 * min, { kind: 'render', userId: null }),
    ],
    sipLegs: [
      {
        id: 'leg1',
        meetingId: 'k1',
        connectionId: 'c4',
        streamId: null,
        uri: 'sip:+15551234567@x',
        state: 'ended',
        createdAt: T0 + 5 * min,
        endedAt: T0 + 8 * min,
        seq: 1,
      },
    ],
    recordings: [
      {
        id: 'rec1',
        meetingId: 'k1',
        name: 'Planning',
        status: 'available',
        outputMode: 'individual',
        createdAt: T0 + 2 * min,
        duration: 185,
        size: 3_500_000,
        startedBy: 'U1',
        announcedAt: null,
        seq: 1,
      },
    ],
    transcripts: [
      {
        recordingId: 'rec1',
        meetingId: 'k1',
        status: 'started',
        language: 'en-GB',
        hasSummary: true,
        summary: null,
        createdAt: T0,
        seq: 1,
      },
    ],
    broadcasts: [
      {
        id: 'b1',
        meetingId: 'k1',
        status: 'stopped',
        hlsUrl: 'https://h/x.m3u8',
        rtmp: [{ id: 'r', serverUrl: 'rtmp://a.rtmp.youtube.com/live2', status: null }],
        createdAt: T0 + 3 * min,
        startedBy: 'U1',
        seq: 1,
      },
    ],
    audit: [
      act('mute', 'Cy', 6 * min),
      act('mute', 'Ada', 4 * min),
      act('mute', 'Ada', 7 * min, { target: 'off' }),
      act('kick', 'Ada', 9 * min),
      act('kick', 'Eve', 9 * min, { outcome: 'denied' }),
      act('record start', 'Ada', 2 * min),
    ],
    captions: [
      {
        id: 'cap1',
        meetingId: 'k1',
        status: 'stopped',
        language: 'fr-FR',
        startedBy: 'U1',
        createdAt: T0 + 1 * min,
        stoppedAt: T0 + 3 * min + 5000,
        seq: 1,
      },
      {
        id: 'cap2',
        meetingId: 'k1',
        status: 'requested',
        language: 'de-DE',
        startedBy: 'U1',
        createdAt: T0 + 4 * min,
        stoppedAt: null,
        seq: 1,
      },
    ],
  };
}

const text = (v: View) =>
  v.blocks
    .map((b: Block) =>
      b.type === 'fields'
        ? b.fields.map((f) => `${f.label}: ${f.value}`).join('\n')
        : 'text' in b
          ? b.text
          : '',
    )
    .join('\n');
const buttons = (v: View) => v.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []));

describe('the meeting recap', () => {
  it('counts people once, the peak of concurrent people and phone legs, and moderation by whom', () => {
    const st = recapState(snapshot());
    expect(st.attendance).toEqual({ names: ['Ada', 'Bob'], peak: 3, phoneLegs: 1 });
    expect(st.moderation).toEqual({ mutes: 2, removals: 1, by: ['Ada', 'Cy'] });
    // A run only asked for (no callback ever said it started) was not used.
    expect(st.captions).toEqual({ runs: 1, languages: ['fr-FR'], seconds: 125 });
    expect(st.liveStreams).toEqual([
      { id: 'b1', startedAt: T0 + 3 * min, targets: ['HLS', 'RTMP a.rtmp.youtube.com'] },
    ]);
  });

  it('renders every field with the card formatters and buttons instead of links', () => {
    const v = renderRecap(recapState(snapshot()));
    expect(v.title).toBe('Recap: Weekly sync');
    const t = text(v);
    expect(t).toContain('Started: 14:00 UTC');
    expect(t).toContain('Ended: 14:45 UTC');
    expect(t).toContain('Duration: 45m 30s');
    expect(t).toContain('**Attended:** 2 people: Ada and Bob · at most 3 at once · 1 phone leg');
    expect(t).toContain('• **Planning** — 3m 05s, 3.3 MB · transcript and summary on the way');
    expect(t).toContain('**Live streams:** 1 — 14:03 UTC (HLS, RTMP a.rtmp.youtube.com)');
    expect(t).toContain('**Moderation:** 2 mutes, 1 removal — by Ada and Cy');
    expect(t).toContain('**Captions:** used (fr-FR) for 2m 05s');
    expect(t).toContain('updated as recordings and transcripts become ready');
    expect(buttons(v).map((b) => [b.action, b.value])).toEqual([['recording.link', 'rec1']]);
    expect(JSON.stringify(v)).not.toMatch(/https?:/);
  });

  it('gains the transcript button and the summary once the transcription is available', () => {
    const s = snapshot();
    s.transcripts[0] = { ...s.transcripts[0]!, status: 'available', summary: 'We agreed to ship on Friday.' };
    const v = renderRecap(recapState(s));
    expect(text(v)).toContain('• **Planning** — 3m 05s, 3.3 MB · transcript ready (en-GB)');
    expect(text(v)).toContain('Summary: We agreed to ship on Friday.');
    expect(text(v)).not.toContain('updated as recordings');
    expect(buttons(v).map((b) => b.action)).toEqual(['recording.link', 'recording.transcript']);
  });

  it('says plainly when nothing of a kind happened', () => {
    const s = snapshot();
    Object.assign(s, {
      connections: [],
      sipLegs: [],
      recordings: [],
      transcripts: [],
      broadcasts: [],
      audit: [],
      captions: [],
    });
    const t = text(renderRecap(recapState(s)));
    expect(t).toContain('**Attended:** nobody joined');
    expect(t).toContain('**Recordings:** none');
    expect(t).toContain('**Live streams:** none');
    expect(t).toContain('**Moderation:** none');
    expect(t).toContain('**Captions:** not used');
  });
});
