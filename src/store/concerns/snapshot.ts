// A meeting's snapshot: the meeting, the connections its state needs, its live streams and its
// media, which every view of the meeting (card, status, participants, <who>) is decided from.
//
// On Postgres the ten reads go as one statement that returns the snapshot as one JSON document.
// node-postgres pays for every result (a row description parsed field by field, a row object built
// per row) and every row (each field sliced out as a string): ten results and about 65 rows for a
// meeting of 30 people cost the bot ~0.55 ms of CPU and Postgres ~1 ms; the document, parsed by
// JSON.parse, costs ~0.3 ms and ~0.75 ms (docs/bench/callbacks.md, stop 24). Its parts are the same
// statements the single reads run, so the two ways cannot drift apart. SQLite's reads are calls
// into the library in this process, cheaper one by one than building and parsing JSON.

import type { Row } from '../columns.js';
import type { Dialect } from '../dialect.js';
import {
  audioStreamFromRow,
  AUDIO_STREAMS,
  BROADCASTS,
  broadcastFromRow,
  RECORDINGS,
  recordingFromRow,
  RENDERS,
  renderFromRow,
  SIP_LEGS,
  sipLegFromRow,
} from '../media-rows.js';
import type { SnapshotMethods } from '../parts.js';
import { streamFromRow } from '../participant-rows.js';
import { meetingFromRow } from '../rows.js';
import type { Sql } from '../sql.js';
import type { MeetingSnapshot, Store } from '../types.js';
import { checkFromRow, GET_CHECK } from './checks.js';
import { listOf } from './media.js';
import { BY_ID } from './meetings.js';
import { CONNECTIONS_FOR_STATE, forState, STREAMS_LIVE } from './participants.js';
import { runFromRow, RUNS } from './recaps.js';

/** The reads a snapshot is made of, where the backend runs them one by one. */
type Parts = Pick<
  Store,
  | 'getMeeting'
  | 'listConnectionsForState'
  | 'listStreams'
  | 'listRecordings'
  | 'listBroadcasts'
  | 'listSipLegs'
  | 'listRenders'
  | 'listAudioStreams'
  | 'getMeetingCheck'
  | 'listCaptionRuns'
>;

const rows = (select: string, order: string) =>
  `(SELECT COALESCE(json_agg(r ORDER BY ${order}), '[]') FROM (${select}) r)`;
const row = (select: string) => `(SELECT row_to_json(r) FROM (${select}) r)`;
const media = (select: string) => rows(select, 'r.created_at, r.id');

/** The snapshot as one JSON document (Postgres): each part is the statement its own read runs. */
const DOCUMENT = `SELECT CAST(json_build_object(
  'meeting', ${row(BY_ID)},
  'connections', ${rows(CONNECTIONS_FOR_STATE, 'r.joined_at, r.connection_id')},
  'streams', ${rows(STREAMS_LIVE, 'r.created_at, r.stream_id')},
  'recordings', ${media(listOf(RECORDINGS))},
  'broadcasts', ${media(listOf(BROADCASTS))},
  'sipLegs', ${media(listOf(SIP_LEGS))},
  'renders', ${media(listOf(RENDERS))},
  'audioStreams', ${media(listOf(AUDIO_STREAMS))},
  'check', ${row(GET_CHECK)},
  'captions', ${media(RUNS)}) AS TEXT) AS doc`;
// Every placeholder of the document is the meeting's ID.
const PLACEHOLDERS = DOCUMENT.split('?').length - 1;

/** The parts of a snapshot document (column names to JSON values, as pg and SQLite rows are). */
interface SnapshotDocument {
  meeting: Row | null;
  connections: Row[];
  streams: Row[];
  recordings: Row[];
  broadcasts: Row[];
  sipLegs: Row[];
  renders: Row[];
  audioStreams: Row[];
  check: Row | null;
  captions: Row[];
}

/** The snapshot a document describes (null when it has no meeting). */
function fromDocument(d: SnapshotDocument): MeetingSnapshot | null {
  if (!d.meeting) return null;
  return {
    meeting: meetingFromRow(d.meeting),
    connections: forState(d.connections),
    streams: d.streams.map(streamFromRow),
    recordings: d.recordings.map(recordingFromRow),
    broadcasts: d.broadcasts.map(broadcastFromRow),
    sipLegs: d.sipLegs.map(sipLegFromRow),
    renders: d.renders.map(renderFromRow),
    audioStreams: d.audioStreams.map(audioStreamFromRow),
    check: d.check ? checkFromRow(d.check) : null,
    captions: d.captions.map(runFromRow),
  };
}

/** Every read of a snapshot at once (on SQLite each is a call into the library). */
async function separately(parts: Parts, meetingId: string): Promise<MeetingSnapshot | null> {
  const [
    meeting,
    connections,
    streams,
    recordings,
    broadcasts,
    sipLegs,
    renders,
    audioStreams,
    check,
    captions,
  ] = await Promise.all([
    parts.getMeeting(meetingId),
    parts.listConnectionsForState(meetingId),
    parts.listStreams(meetingId),
    parts.listRecordings(meetingId),
    parts.listBroadcasts(meetingId),
    parts.listSipLegs(meetingId),
    parts.listRenders(meetingId),
    parts.listAudioStreams(meetingId),
    parts.getMeetingCheck(meetingId),
    parts.listCaptionRuns(meetingId),
  ]);
  if (!meeting) return null;
  return {
    meeting,
    connections,
    streams,
    recordings,
    broadcasts,
    sipLegs,
    renders,
    audioStreams,
    check,
    captions,
  };
}

/** Whether `dialect` reads a snapshot as one document. */
const asDocument = (dialect: Dialect) => dialect.name === 'postgres';

/** Snapshot reads over `db`, or over `parts` where the backend reads them one by one. */
export function snapshotReads(db: Sql, parts: Parts): SnapshotMethods {
  if (!asDocument(db.dialect)) return { getMeetingSnapshot: (meetingId) => separately(parts, meetingId) };
  return {
    async getMeetingSnapshot(meetingId) {
      const r = await db.one(DOCUMENT, new Array<string>(PLACEHOLDERS).fill(meetingId));
      return r ? fromDocument(JSON.parse(String(r.doc)) as SnapshotDocument) : null;
    },
  };
}
