import type { Block } from '../src/chat.js';
import type { StoreWrite } from '../src/store/types.js';

// A command does not write to the store as it goes: it reads what it needs, calls the Video API and
// collects here what changed. The front door commits the run's writes in one transaction together
// with its audit entry and its reply (commands/carry-out.ts), so a crash leaves all of it or none.

/** What runs once the run's writes are committed: it may add blocks to the reply. */
export type AfterCommit = () => Promise<Block[] | void>;

/** The store writes of one command run, and what must follow their commit. */
export class RunWrites {
  private readonly list: StoreWrite[] = [];
  private readonly changedMeetings = new Set<string>();
  private readonly effects: AfterCommit[] = [];
  private readonly cleanups: Array<() => Promise<void>> = [];

  /** Adds writes, in order. */
  push(...writes: StoreWrite[]): void {
    this.list.push(...writes);
  }

  /** The meeting's card shows what these writes change: its version is bumped with them. */
  changed(meetingId: string): void {
    this.changedMeetings.add(meetingId);
  }

  /** Meetings whose cards must be refreshed once the writes are committed. */
  get meetings(): readonly string[] {
    return [...this.changedMeetings];
  }

  /**
   * Runs `fn` after the writes are committed (a card posted for a meeting the store must already
   * have). A run with such a step keeps no reply for a replica taking it over: that one runs the
   * command again, which repeats the step if it was lost.
   */
  after(fn: AfterCommit): void {
    this.effects.push(fn);
  }

  /** Runs `fn` after the commit whether it succeeded or not (a lease released). */
  finally(fn: () => Promise<void>): void {
    this.cleanups.push(fn);
  }

  /** Whether the run's reply, once committed, is all a replica taking it over needs to deliver. */
  get replayable(): boolean {
    return this.effects.length === 0;
  }

  /** The unit to commit: the writes, then one version bump per changed meeting not bumped already. */
  unit(): StoreWrite[] {
    const bumped = new Set(
      this.list.filter((w) => w.kind === 'updateMeeting' || w.kind === 'createMeeting').map(idOf),
    );
    const touches: StoreWrite[] = this.meetings
      .filter((id) => !bumped.has(id))
      .map((id) => ({ kind: 'touchMeeting', id }));
    return [...this.list, ...touches];
  }

  /** Runs the after-commit steps in order; returns the blocks they add to the reply. */
  async afterCommit(): Promise<Block[]> {
    const blocks: Block[] = [];
    for (const fn of this.effects) blocks.push(...((await fn()) ?? []));
    return blocks;
  }

  /** Runs the cleanups; their failures are the caller's to log. */
  async cleanUp(): Promise<void> {
    for (const fn of this.cleanups.splice(0)) await fn();
  }
}

function idOf(w: StoreWrite): string {
  if (w.kind === 'updateMeeting') return w.id;
  if (w.kind === 'createMeeting') return w.meeting.id;
  return '';
}
