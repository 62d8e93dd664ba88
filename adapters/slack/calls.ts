// Slack Calls beside the control card: calls.add when a meeting's card is first posted, the Slack
// participant list kept in step with the store as cards refresh, calls.end once the meeting ended.
// Driven by the card publisher (the refresher edits cards on every meeting change), so the core needs
// no Slack-specific hook. Failures are logged and never break a card edit.
import type { webApi } from '@slack/bolt';
import type { MessageRef, View } from '../../src/chat.js';
import type { Logger } from '../../src/log.js';
import { meetingState, type PersonState } from '../../src/cards/state.js';
import type { Store } from '../../src/store/types.js';
import { escapeMrkdwn } from './mrkdwn.js';
import type { TokenLookup } from './tokens.js';

const SCOPE = 'slack-call';
const TTL_MS = 7 * 24 * 3600_000;
const LOCK = 'slack-call-create';
const LOCK_MS = 60_000;
const SLACK_USER = /^[UW][A-Z0-9]+$/;

interface CallState {
  callId: string;
  /** Participant keys currently registered with Slack. */
  users: string[];
  ended: boolean;
}

type CallUser = { slack_id: string } | { external_id: string; display_name: string };

function userOf(p: PersonState): { key: string; user: CallUser } {
  if (p.kind === 'user' && p.userId && SLACK_USER.test(p.userId))
    return { key: `s:${p.userId}`, user: { slack_id: p.userId } };
  return {
    key: `x:${p.connectionId}`,
    user: { external_id: p.connectionId, display_name: escapeMrkdwn(p.label) },
  };
}

/** Options of {@link SlackCalls}. */
export interface SlackCallsOptions {
  client: webApi.WebClient;
  tokenFor: TokenLookup;
  store: Store;
  log: Logger;
  now?: () => number;
}

/** Mirrors meetings as Slack calls. */
export class SlackCalls {
  private chains = new Map<string, Promise<void>>();
  private readonly now: () => number;

  constructor(private readonly o: SlackCallsOptions) {
    this.now = o.now ?? Date.now;
  }

  /** Card hook: queues a sync of the meeting's call (one at a time per meeting). */
  readonly onCard = (_event: 'post' | 'update', ref: MessageRef, view: View): void => {
    const meetingId = view.cardOf;
    if (!meetingId) return;
    const next = (this.chains.get(meetingId) ?? Promise.resolve())
      .then(() => this.sync(meetingId, ref))
      .catch((err: unknown) => this.o.log.warn('slack call sync failed', { meetingId, err }));
    this.chains.set(meetingId, next);
    void next.then(() => {
      if (this.chains.get(meetingId) === next) this.chains.delete(meetingId);
    });
  };

  /** Resolves when every queued sync has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.chains.size > 0) await Promise.all([...this.chains.values()]);
  }

  private async sync(meetingId: string, ref: MessageRef): Promise<void> {
    const meeting = await this.o.store.getMeeting(meetingId);
    if (!meeting) return;
    const token = await this.o.tokenFor(ref.teamId);
    let state = await this.load(meetingId);
    if (!state) {
      // A short lock, not the call's own key: a calls.add that fails is tried again on a later card
      // update (a card posted late from the outbox creates its call then, too).
      if (meeting.status !== 'active' || !(await this.o.store.claimKey(LOCK, meetingId, LOCK_MS, this.now())))
        return;
      const res = await this.o.client.calls.add({
        token,
        external_unique_id: meetingId,
        join_url: `https://slack.com/app_redirect?team=${ref.teamId}&channel=${ref.channelId}`,
        title: escapeMrkdwn(meeting.title),
        date_start: Math.floor(meeting.createdAt / 1000),
        ...(SLACK_USER.test(meeting.hostId) ? { created_by: meeting.hostId } : {}),
      });
      const callId = res.call?.id;
      if (!callId) return;
      state = { callId, users: [], ended: false };
      await this.o.store.claimKey(SCOPE, meetingId, TTL_MS, this.now());
      await this.save(meetingId, state);
      await this.o.client.chat.postMessage({
        token,
        channel: ref.channelId,
        text: escapeMrkdwn(meeting.title),
        blocks: [{ type: 'call', call_id: callId } as never],
      });
    }
    if (state.ended) return;
    if (meeting.status === 'ended') {
      const duration = Math.max(0, Math.round(((meeting.endedAt ?? this.now()) - meeting.createdAt) / 1000));
      await this.o.client.calls.end({ token, id: state.callId, duration });
      await this.save(meetingId, { ...state, ended: true });
      return;
    }
    // The roster the card shows (src/cards/state.ts), phone legs and other apps' clients included.
    const snap = await this.o.store.getMeetingSnapshot(meetingId);
    const live = (snap ? meetingState(snap).people : []).map(userOf);
    const want = new Map(live.map((p) => [p.key, p.user]));
    const add = [...want].filter(([k]) => !state.users.includes(k)).map(([, u]) => u);
    const gone = state.users.filter((k) => !want.has(k));
    if (add.length > 0)
      await this.o.client.calls.participants.add({ token, id: state.callId, users: add as never });
    if (gone.length > 0) {
      const users = gone.map((k) =>
        k.startsWith('s:') ? { slack_id: k.slice(2) } : { external_id: k.slice(2) },
      );
      await this.o.client.calls.participants.remove({ token, id: state.callId, users: users as never });
    }
    if (add.length > 0 || gone.length > 0) await this.save(meetingId, { ...state, users: [...want.keys()] });
  }

  private async load(meetingId: string): Promise<CallState | null> {
    const raw = await this.o.store.getKeyResult(SCOPE, meetingId);
    return raw ? (JSON.parse(raw) as CallState) : null;
  }

  private save(meetingId: string, state: CallState): Promise<void> {
    return this.o.store.setKeyResult(SCOPE, meetingId, JSON.stringify(state));
  }
}
