// A tiny live HLS stream for an emulated broadcast: a media playlist whose window of 2-second
// segments slides with the clock, and MPEG-TS segments carrying silent MPEG-1 Layer III audio
// (32 kbit/s mono, 44.1 kHz). Generated on request from the segment number, nothing is stored; any
// HLS player (Safari, VLC, ffmpeg, hls.js) plays it, which is all a demo "Watch" link needs.

const SAMPLE_RATE = 44_100;
const SAMPLES_PER_FRAME = 1152;
/** Frame header: sync, MPEG-1, Layer III, no CRC | 32 kbit/s, 44.1 kHz, no padding | mono. */
const FRAME_HEADER = [0xff, 0xfb, 0x10, 0xc0];
/** 144 * bitrate / sample rate, rounded down; the all-zero side info and main data decode to silence. */
const FRAME_BYTES = 104;
const FRAMES_PER_SEGMENT = 77;
const FRAMES_PER_PES = 11;
/** Seconds of one segment (77 frames of 1152 samples). */
export const SEGMENT_SECONDS = (FRAMES_PER_SEGMENT * SAMPLES_PER_FRAME) / SAMPLE_RATE;
const WINDOW = 3;
const PMT_PID = 0x1000;
const AUDIO_PID = 0x101;
const PACKET = 188;
/** PTS of the first frame (1 s in), so no timestamp is ever negative after a decoder's offsets. */
const PTS_BASE = 90_000;

/** The segment being produced now, counted from the broadcast's start. */
export function currentSegment(startedAt: number, now = Date.now()): number {
  return Math.max(0, Math.floor((now - startedAt) / 1000 / SEGMENT_SECONDS));
}

/** A live media playlist (no EXT-X-ENDLIST) listing the last few segments up to `current`. */
export function mediaPlaylist(current: number): string {
  const first = Math.max(0, current - WINDOW + 1);
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:3',
    `#EXT-X-TARGETDURATION:${Math.ceil(SEGMENT_SECONDS)}`,
    `#EXT-X-MEDIA-SEQUENCE:${first}`,
  ];
  for (let n = first; n <= current; n++) lines.push(`#EXTINF:${SEGMENT_SECONDS.toFixed(3)},`, `seg-${n}.ts`);
  return `${lines.join('\n')}\n`;
}

/** True when segment `n` is in (or just behind) the live window, so a player may fetch it. */
export function segmentAvailable(n: number, current: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= current && n > current - 10;
}

/** MPEG-TS bytes of segment `n`: PAT, PMT, then PES packets of silent MP3 frames with PTS. */
export function segment(n: number): Buffer {
  const audio: Buffer[] = [];
  const firstFrame = n * FRAMES_PER_SEGMENT;
  for (let f = 0; f < FRAMES_PER_SEGMENT; f += FRAMES_PER_PES) {
    const count = Math.min(FRAMES_PER_PES, FRAMES_PER_SEGMENT - f);
    const pts = PTS_BASE + Math.round(((firstFrame + f) * SAMPLES_PER_FRAME * 90_000) / SAMPLE_RATE);
    audio.push(...packetize(pesPacket(pts, silentFrames(count)), pts, f === 0));
  }
  // Continuity counters carry on from segment to segment, as in one continuous stream (every
  // segment has the same number of packets).
  audio.forEach((packet, i) => (packet[3] = (packet[3]! & 0xf0) | ((n * audio.length + i) % 16)));
  return Buffer.concat([psiPacket(0, n % 16, pat()), psiPacket(PMT_PID, n % 16, pmt()), ...audio]);
}

function silentFrames(count: number): Buffer {
  const frames = Buffer.alloc(count * FRAME_BYTES);
  for (let i = 0; i < count; i++) frames.set(FRAME_HEADER, i * FRAME_BYTES);
  return frames;
}

function pesPacket(pts: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(14);
  header.set([0x00, 0x00, 0x01, 0xc0]);
  header.writeUInt16BE(payload.length + 8, 4);
  header.set([0x80, 0x80, 0x05], 6);
  writeTimestamp(header, 9, 0x2, pts);
  return Buffer.concat([header, payload]);
}

function writeTimestamp(buf: Buffer, at: number, prefix: number, ts: number): void {
  const hi = Math.floor(ts / 2 ** 30) & 0x7;
  const mid = Math.floor(ts / 2 ** 15) & 0x7fff;
  const lo = ts & 0x7fff;
  buf[at] = (prefix << 4) | (hi << 1) | 1;
  buf.writeUInt16BE((mid << 1) | 1, at + 1);
  buf.writeUInt16BE((lo << 1) | 1, at + 3);
}

/** Splits a PES into 188-byte packets (continuity counters set by the caller); the first carries PUSI and maybe a PCR. */
function packetize(pes: Buffer, pts: number, pcr: boolean): Buffer[] {
  const out: Buffer[] = [];
  let offset = 0;
  let first = true;
  while (offset < pes.length) {
    const packet = Buffer.alloc(PACKET, 0xff);
    const withPcr = first && pcr;
    const room = PACKET - 4 - (withPcr ? 8 : 0);
    const take = Math.min(room, pes.length - offset);
    // Adaptation field length: 7 for the PCR, or whatever stuffing makes the packet full.
    const adaptation = withPcr ? 7 + (room - take) : take < PACKET - 4 ? PACKET - 5 - take : -1;
    packet[0] = 0x47;
    packet.writeUInt16BE((first ? 0x4000 : 0) | AUDIO_PID, 1);
    packet[3] = adaptation >= 0 ? 0x30 : 0x10;
    let at = 4;
    if (adaptation >= 0) {
      packet[at++] = adaptation;
      if (adaptation > 0) {
        packet[at] = withPcr ? 0x10 : 0x00;
        if (withPcr) writePcr(packet, at + 1, pts - 9000);
        at += adaptation;
      }
    }
    pes.copy(packet, at, offset, offset + take);
    offset += take;
    first = false;
    out.push(packet);
  }
  return out;
}

function writePcr(buf: Buffer, at: number, base: number): void {
  // 33-bit base, 6 reserved bits, 9-bit extension (0).
  buf.writeUInt32BE(Math.floor(base / 2) >>> 0, at);
  buf[at + 4] = ((base & 1) << 7) | 0x7e;
  buf[at + 5] = 0;
}

function pat(): Buffer {
  const program = Buffer.from([0x00, 0x01, 0xe0 | (PMT_PID >> 8), PMT_PID & 0xff]);
  return section(0x00, 0x0001, program);
}

function pmt(): Buffer {
  const body = Buffer.from([
    0xe0 | (AUDIO_PID >> 8),
    AUDIO_PID & 0xff, // PCR PID
    0xf0,
    0x00, // no program descriptors
    0x03, // ISO/IEC 11172-3 audio (MPEG-1, Layer III here)
    0xe0 | (AUDIO_PID >> 8),
    AUDIO_PID & 0xff,
    0xf0,
    0x00,
  ]);
  return section(0x02, 0x0001, body);
}

/** A PSI section with syntax: table id, length, id, version 0 current, section 0 of 0, body, CRC32. */
function section(tableId: number, id: number, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head[0] = tableId;
  head.writeUInt16BE(0xb000 | (5 + body.length + 4), 1);
  head.writeUInt16BE(id, 3);
  head.set([0xc1, 0x00, 0x00], 5);
  const withoutCrc = Buffer.concat([head, body]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32mpeg(withoutCrc));
  return Buffer.concat([withoutCrc, crc]);
}

function psiPacket(pid: number, cc: number, sectionBytes: Buffer): Buffer {
  const packet = Buffer.alloc(PACKET, 0xff);
  packet[0] = 0x47;
  packet.writeUInt16BE(0x4000 | pid, 1);
  packet[3] = 0x10 | cc;
  packet[4] = 0x00; // pointer field
  sectionBytes.copy(packet, 5);
  return packet;
}

/** CRC-32/MPEG-2 (polynomial 0x04C11DB7, initial 0xFFFFFFFF, no reflection, no final xor). */
export function crc32mpeg(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte << 24;
    for (let i = 0; i < 8; i++) crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
  }
  return crc >>> 0;
}
