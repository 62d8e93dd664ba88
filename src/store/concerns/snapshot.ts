// A meeting's snapshot: the meeting, the connections its state needs, its live streams and its
// media, which every view of the meeting (card, status, participants, <who>) is decided from.
//
// On Postgres the ten reads go as one statement that returns the snapshot as one JSON document.
// node-postgres pays for every result (a row description parsed field by field, a row object built
// per row) and every row (each field sliced out as a string): ten results and about 65 rows for a
// meeting of 30 people cost the bot 0.45-0.5 ms of CPU; the document, parsed by JSON.parse, 0.2-0.3
// ms, while Postgres spends about as much either way (0.55-0.85 ms; bench/store-snapshot.mjs). That
// moves work off the bot's main thread, which is what limits its callbacks per second
// (docs/bench/callbacks.md, stop 24). The document's parts are the statements the single reads run,
// so the two ways cannot drift apart. SQLite's reads are calls into the library in this process,
// cheaper one by one than building and parsing JSON. The two lists that grow with a meeting (its
// connections and live streams) come as arrays of their columns, not objects: for ~108 people the
// document took Postgres 0.74 ms to build against 0.88 and was 21 KB against 44
// (docs/bench/callbacks.md, stop 37); the bot makes the rows with one object literal each.

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
import { CONNECTIONS, STREAMS, streamFromRow } from '../participant-rows.js';
import { rowMaker } from '../row-maker.js';
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

/** A list part: `item` (by default the whole row as an object) of each row of `select`, in `order`. */
const list = (select: string, order: string, item = 'r') =>
  `(SELECT COALESCE(json_agg(${item} ORDER BY ${order}), '[]') FROM (${select}) r)`;
const row = (select: string) => `(SELECT row_to_json(r) FROM (${select}) r)`;
const media = (select: string) => list(select, 'r.created_at, r.id');
/** A list part as JSON arrays of `columns` (in that order), made into rows by {@link rowMaker}. */
const arrays = (select: string, columns: readonly string[], order: string) =>
  list(select, order, `json_build_array(${columns.map((c) => `r.${c}`).join(', ')})`);
const connectionRow = rowMaker(CONNECTIONS.columns);
const streamRow = rowMaker(STREAMS.columns);

/** The snapshot as one JSON document (Postgres): each part is the statement its own read runs. */
const DOCUMENT = `SELECT CAST(json_build_object(
  'meeting', ${row(BY_ID)},
  'connections', ${arrays(CONNECTIONS_FOR_STATE, CONNECTIONS.columns, 'r.joined_at, r.connection_id')},
  'streams', ${arrays(STREAMS_LIVE, STREAMS.columns, 'r.created_at, r.stream_id')},
  'recordings', ${media(listOf(RECORDINGS))},
  'broadcasts', ${media(listOf(BROADCASTS))},
  'sipLegs', ${media(listOf(SIP_LEGS))},
  'renders', ${media(listOf(RENDERS))},
  'audioStreams', ${media(listOf(AUDIO_STREAMS))},
  'check', ${row(GET_CHECK)},
  'captions', ${media(RUNS)}) AS TEXT) AS doc`;
// Every placeholder of the document is the meeting's ID.
const PLACEHOLDERS = DOCUMENT.split('?').length - 1;

/**
 * The parts of a snapshot document: rows (column names to JSON values, as pg and SQLite rows are),
 * the connections and streams as arrays of their tables' columns.
 */
interface SnapshotDocument {
  meeting: Row | null;
  connections: unknown[][];
  streams: unknown[][];
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
    connections: forState(d.connections.map(connectionRow)),
    streams: d.streams.map((v) => streamFromRow(streamRow(v))),
    recordings: d.recordings.map(recordingFromRow),
    broadcasts: d.broadcasts.map(broadcastFromRow),
    sipLegs: d.sipLegs.map(sipLegFromRow),
    renders: d.renders.map(renderFromRow),
    audioStreams: d.audioStreams.map(audioStreamFromRow),
    check: d.check ? checkFromRow(d.check) : null,
    captions: d.captions.map(runFromRow),
  };
}

/** Awaits every promise of `reads` at once; resolves with their values under the same names. */
async function allOf<T extends Record<string, Promise<unknown>>>(
  reads: T,
): Promise<{ [K in keyof T]: Awaited<T[K]> }> {
  const values = await Promise.all(Object.values(reads));
  return Object.fromEntries(Object.keys(reads).map((k, i) => [k, values[i]])) as {
    [K in keyof T]: Awaited<T[K]>;
  };
}

/** Every read of a snapshot at once (on SQLite each is a call into the library). */
async function separately(parts: Parts, meetingId: string): Promise<MeetingSnapshot | null> {
  const { meeting, ...rest } = await allOf({
    meeting: parts.getMeeting(meetingId),
    connections: parts.listConnectionsForState(meetingId),
    streams: parts.listStreams(meetingId),
    recordings: parts.listRecordings(meetingId),
    broadcasts: parts.listBroadcasts(meetingId),
    sipLegs: parts.listSipLegs(meetingId),
    renders: parts.listRenders(meetingId),
    audioStreams: parts.listAudioStreams(meetingId),
    check: parts.getMeetingCheck(meetingId),
    captions: parts.listCaptionRuns(meetingId),
  });
  return meeting ? { meeting, ...rest } : null;
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
