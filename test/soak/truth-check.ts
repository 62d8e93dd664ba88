// What the Video API (the emulator) says each meeting is, and everywhere the bot says otherwise:
// the card as Slack shows it, `/video status`, `/video participants` and `/video recordings`.
import type { SessionSnapshot } from '../../src/emulator/types.js';
import { parseConnectionData } from '../../src/identity.js';
import type { MeetingRecord } from '../../src/store/types.js';
import { wordsOf, type SoakRig } from './rig.js';

/** A person as the Video API knows them: connection, label and what they publish. */
interface Person {
  connectionId: string;
  line: string;
}

/** The API's truth about one session, in the words the bot uses. */
export function truthOf(s: SessionSnapshot): {
  people: Person[];
  recording: string | null;
  live: boolean;
  phones: string[];
  archives: string[];
} {
  const people: Person[] = [];
  for (const c of s.connections) {
    const id = parseConnectionData(c.data);
    if (id && (id.kind === 'audio' || id.kind === 'render')) continue;
    const order = ['camera', 'screen', 'audio'];
    const media = s.streams
      .filter((st) => st.connectionId === c.id)
      .map((st) => (!st.hasVideo || st.videoType === null ? 'audio' : st.videoType))
      .sort((a, b) => order.indexOf(a) - order.indexOf(b));
    const label = `${id?.name ?? '?'}${id?.kind === 'sip' ? ' (phone)' : ''}`;
    people.push({ connectionId: c.id, line: `${label}${media.length ? ` — ${media.join(', ')}` : ''}` });
  }
  const running = s.archives
    .filter((a) => a.status === 'started' || a.status === 'paused')
    .sort((a, b) => Number(b.createdAt) - Number(a.createdAt));
  const present = new Set(s.connections.map((c) => c.id));
  return {
    people: people.sort((a, b) => a.line.localeCompare(b.line)),
    recording: running.length ? String(running[0]!.name) : null,
    live: s.broadcasts.some((b) => b.status === 'started'),
    phones: s.sipCalls.filter((c) => present.has(c.connectionId)).map((c) => c.connectionId),
    archives: s.archives
      .map((a) => `${String(a.name)} — ${a.status === 'started' ? 'recording' : String(a.status)}`)
      .sort(),
  };
}

/** Person lines of a card or status view ("• Ann — camera"), sorted. */
function cardPeople(words: string): string[] {
  return words
    .split('\n')
    .filter((l) => l.startsWith('• '))
    .map((l) => l.slice(2))
    .sort();
}

/** Everything the card/status words say that the truth does not (empty when they agree). */
function viewProblems(where: string, words: string, m: MeetingRecord, s: SessionSnapshot): string[] {
  const t = truthOf(s);
  const out: string[] = [];
  const want = t.people.map((p) => p.line).sort();
  if (m.status === 'ended') {
    if (!words.includes(`${m.title} (ended)`) && !words.includes('This meeting has ended'))
      out.push(`${where}: not shown as ended`);
    return out;
  }
  const got = cardPeople(words);
  if (JSON.stringify(got) !== JSON.stringify(want))
    out.push(`${where}: people ${JSON.stringify(got)}, API ${JSON.stringify(want)}`);
  const count = /Participants\n(\d+)/.exec(words)?.[1];
  if (count !== String(t.people.length)) out.push(`${where}: Participants ${count}, API ${t.people.length}`);
  const rec = /Recording `([^`]*)`/.exec(words)?.[1] ?? null;
  if (rec !== t.recording) out.push(`${where}: recording ${rec}, API ${t.recording}`);
  if (words.includes('Live —') !== t.live) out.push(`${where}: live ${!t.live}, API ${t.live}`);
  for (const lie of ['not yet identified', 'has not confirmed', 'Guest'])
    if (words.includes(lie)) out.push(`${where}: says "${lie}"`);
  return out;
}

/** Every disagreement between the bot and the Video API over `meetings` (by channel). */
export async function disagreements(rig: SoakRig, meetings: Map<string, MeetingRecord>): Promise<string[]> {
  const out: string[] = [];
  for (const [channel, first] of meetings) {
    const m = (await rig.app.store.getMeeting(first.id))!;
    const s = rig.emulator.snapshot(m.sessionId);
    const t = truthOf(s);
    if (m.status === 'ended' && (t.people.length > 0 || t.recording || t.live))
      out.push(
        `${channel}: ended on the bot, still running on the API: ${JSON.stringify({ people: t.people.map((p) => p.line), recording: t.recording, live: t.live })}`,
      );
    const posted = await rig.app.store.listCards(m.id);
    // An ended meeting also has its recap, a reply in the card's thread (src/recap/): exactly one.
    const cards = posted.filter((c) => c.kind !== 'recap');
    const recaps = posted.filter((c) => c.kind === 'recap');
    if (cards.length !== 1) out.push(`${channel}: ${cards.length} cards`);
    if (recaps.length > (m.status === 'ended' ? 1 : 0)) out.push(`${channel}: ${recaps.length} recaps`);
    for (const r of recaps)
      if (!rig.messages.get(r.messageId)) out.push(`${channel}: recap ${r.messageId} never reached Slack`);
    for (const c of cards) {
      const blocks = rig.messages.get(c.messageId);
      if (!blocks) out.push(`${channel}: card ${c.messageId} never reached Slack`);
      else out.push(...viewProblems(`${channel} card`, wordsOf(blocks), m, s));
    }
    const host = m.hostId;
    if (m.status === 'active') {
      out.push(...viewProblems(`${channel} status`, await rig.slash(channel, host, 'status'), m, s));
      const list = await rig.slash(channel, host, 'participants');
      const got = list
        .split('\n')
        .filter((l) => l.startsWith('• '))
        .map((l) => {
          const [, label, what, id] = /^• (.*?) — (.*), \d+[hms][^,]* · `([^`]+)`$/.exec(l) ?? [];
          return {
            connectionId: id ?? '?',
            line: `${label}${what === 'not publishing' ? '' : ` — ${what}`}`,
          };
        })
        .sort((a, b) => a.line.localeCompare(b.line));
      if (JSON.stringify(got) !== JSON.stringify(t.people))
        out.push(`${channel} participants: ${JSON.stringify(got)}, API ${JSON.stringify(t.people)}`);
    }
    const recs = await rig.slash(channel, host, 'recordings');
    const listed = recs
      .split('\n')
      .filter((l) => l.startsWith('• '))
      .map((l) => /^• (.*? — [a-z]+)/.exec(l)?.[1] ?? l)
      .sort();
    if (JSON.stringify(listed) !== JSON.stringify(t.archives))
      out.push(`${channel} recordings: ${JSON.stringify(listed)}, API ${JSON.stringify(t.archives)}`);
  }
  return out;
}
