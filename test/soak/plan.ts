// The script of a simulated meeting day: for each of N meetings (one channel each), what happens
// and when, as a fraction of the day. Seeded, so a failing day can be replayed exactly.

/** What one step does. */
export type Step =
  | { kind: 'slash'; text: string }
  | { kind: 'join'; person: string; publish: 'camera' | 'screen' | 'audio' }
  | { kind: 'share'; person: string }
  | { kind: 'leave'; person: string; reason: 'clientDisconnected' | 'networkDisconnected' }
  | { kind: 'hangUp'; number: string };

/** One meeting's steps, in order, each at a moment of the day (0..1). */
export interface MeetingPlan {
  channel: string;
  host: string;
  title: string;
  steps: Array<{ at: number; step: Step }>;
}

/** A small, fast, seedable PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = ['Ada', 'Bo', 'Cy', 'Dee', 'Eli', 'Fay', 'Gus', 'Hal'];

/** The day: `meetings` meetings, each a few joins, leaves, recordings, streams and phone calls. */
export function planDay(meetings: number, seed: number): MeetingPlan[] {
  const r = rng(seed);
  return Array.from({ length: meetings }, (_, i) => {
    const channel = `C${String(i + 1).padStart(2, '0')}`;
    // Starts spread over the first third of the day; everything else happens after its start.
    let at = (i / meetings) * 0.3;
    const steps: MeetingPlan['steps'] = [];
    const add = (step: Step) => {
      at = Math.min(0.95, at + 0.02 + r() * 0.06);
      steps.push({ at, step });
    };
    add({ kind: 'slash', text: `start Meeting ${i + 1}` });
    const people = NAMES.slice(0, 2 + Math.floor(r() * 4));
    for (const person of people)
      add({ kind: 'join', person, publish: r() < 0.15 ? 'audio' : r() < 0.2 ? 'screen' : 'camera' });
    const recording = r() < 0.6;
    if (recording) add({ kind: 'slash', text: `record start --name Rec ${i + 1}` });
    const live = r() < 0.4;
    if (live) add({ kind: 'slash', text: 'live start --hls' });
    const number = r() < 0.5 ? `+1555${String(1000 + i)}` : null;
    if (number) add({ kind: 'slash', text: `dial ${number}` });
    if (r() < 0.5) add({ kind: 'share', person: people[0]! });
    const leaving = people.filter(() => r() < 0.35);
    for (const person of leaving)
      add({ kind: 'leave', person, reason: r() < 0.3 ? 'networkDisconnected' : 'clientDisconnected' });
    if (recording && r() < 0.5) add({ kind: 'slash', text: 'record stop' });
    if (live && r() < 0.5) add({ kind: 'slash', text: 'live stop' });
    if (number && r() < 0.5) add({ kind: 'hangUp', number });
    if (r() < 0.3) add({ kind: 'slash', text: 'end' });
    return { channel, host: `UH${i + 1}`, title: `Meeting ${i + 1}`, steps };
  });
}
