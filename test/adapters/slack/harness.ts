// The Slack adapter wired for real on loopback: emulator + SQLite store + core + card refresher +
// shared HTTP server, with the Slack Web API faked by a local server. Requests are signed like Slack's.
import { randomUUID } from 'node:crypto';
import { createSlackAdapter, type SlackAdapter } from '../../../adapters/slack/index.js';
import type { CoreServices } from '../../../commands/types.js';
import type { Emulator } from '../../../src/emulator/index.js';
import { silentLogger } from '../../../src/log.js';
import type { HttpServer } from '../../../src/server.js';
import type { MeetingRecord, Store } from '../../../src/store/types.js';
import type { VideoClient } from '../../../src/video/index.js';
import { startBotStack } from '../../support/stack.js';
import { startFakeSlackApi, type FakeSlackApi } from './fake-slack-api.js';
import { payloadBody, postSigned, SIGNING_SECRET, slashBody } from './signing.js';

const CALLBACK_SECRET = 'slack-harness-callback-secret-0123';
/** Users the fake Slack API reports as workspace admin / owner. */
export const ADMIN = 'UADMIN';
/** A user configured in SLACK_MODERATOR_IDS. */
export const CONFIGURED_MOD = 'UMOD';

/** A running bot behind a signed Slack endpoint. */
export interface SlackHarness {
  api: FakeSlackApi;
  store: Store;
  emulator: Emulator;
  video: VideoClient;
  slack: SlackAdapter;
  server: HttpServer;
  /** The services the commands run against (tests may set optional ones). */
  ctx: CoreServices;
  url: string;
  /** Sends `/video <text>` as `user`; returns the HTTP status and the response_url id used. */
  slash(
    text: string,
    user?: string,
    opts?: { triggerId?: string; headers?: Record<string, string> },
  ): Promise<{ status: number; reply: string }>;
  /** Clicks a card control as `user`; returns the response_url id used. */
  click(
    actionId: string,
    opts?: {
      user?: string;
      value?: string;
      select?: boolean;
      messageTs?: string;
      channel?: string;
      team?: string;
    },
  ): Promise<{ status: number; reply: string; triggerId: string }>;
  /** Submits a modal view; returns the HTTP status and the ack body. */
  submit(
    view: { private_metadata: string; id?: string },
    values: Record<string, unknown>,
    user?: string,
    team?: string,
  ): Promise<{ status: number; text: string }>;
  /** Waits for the reply posted to response_url `id`. */
  replyTo(id: string): Promise<Record<string, unknown>>;
  meeting(channel?: string): Promise<MeetingRecord>;
  join(m: MeetingRecord, name: string, userId: string, publish?: boolean): Promise<string>;
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** Starts everything; `channel` C1 in team T1 is where the tests run (store: SQLite in memory by default). */
export async function startSlackHarness(
  opts: {
    cardRetryBaseMs?: number;
    databaseUrl?: string;
    callTimeoutMs?: number;
    /** Changes the fake Slack API before the adapter starts. */
    prepare?: (api: FakeSlackApi) => void;
  } = {},
): Promise<SlackHarness> {
  const api = await startFakeSlackApi();
  api.on('users.info', (b) => ({
    json: { ok: true, user: { id: b.user, is_admin: b.user === ADMIN, is_owner: false } },
  }));
  opts.prepare?.(api);
  const stack = await startBotStack({
    callbackSecret: CALLBACK_SECRET,
    minIntervalMs: 20,
    pollMs: 20,
    cardRetryBaseMs: opts.cardRetryBaseMs,
    ...(opts.databaseUrl ? { databaseUrl: opts.databaseUrl } : {}),
  });
  const { store, emulator, video, server, door } = stack;
  const slack = createSlackAdapter({
    config: {
      botToken: 'xoxb-test-token',
      signingSecret: SIGNING_SECRET,
      apiUrl: api.apiUrl,
      moderatorIds: [CONFIGURED_MOD],
    },
    door,
    store,
    publicUrl: 'http://127.0.0.1',
    server,
    log: silentLogger,
    ...(opts.callTimeoutMs ? { callTimeoutMs: opts.callTimeoutMs } : {}),
  });
  stack.cards.registerPublisher(slack.publisher);
  await slack.start();
  stack.onClose(() => slack.stop());
  const url = await stack.listen();
  const events = `${url}/slack/events`;
  let n = 0;

  const settle = () => stack.settle({ name: 'the Slack harness', idle: () => slack.idle() });

  return {
    api,
    store,
    emulator,
    video,
    slack,
    server,
    ctx: stack.ctx,
    url,
    settle,
    async slash(text, user = 'U1', opts = {}) {
      const reply = `r${++n}`;
      const body = slashBody({
        command: '/video',
        text,
        team_id: 'T1',
        channel_id: 'C1',
        user_id: user,
        user_name: user.toLowerCase(),
        trigger_id: opts.triggerId ?? `trig-${randomUUID()}`,
        response_url: `${api.url}/respond/${reply}`,
      });
      const res = await postSigned(events, body, { headers: opts.headers });
      return { status: res.status, reply };
    },
    async click(actionId, o = {}) {
      const reply = `r${++n}`;
      const triggerId = `trig-${randomUUID()}`;
      const action = o.select
        ? {
            type: 'static_select',
            action_id: actionId,
            block_id: 'b',
            selected_option: { value: o.value, text: { type: 'plain_text', text: 'x' } },
            action_ts: `${Date.now() / 1000}`,
          }
        : {
            type: 'button',
            action_id: actionId,
            block_id: 'b',
            ...(o.value !== undefined ? { value: o.value } : {}),
            action_ts: `${Date.now() / 1000}`,
          };
      const team = o.team ?? 'T1';
      const payload = {
        type: 'block_actions',
        team: { id: team, domain: 't' },
        user: { id: o.user ?? 'U1', name: 'someone', team_id: team },
        api_app_id: 'A1',
        token: 'legacy',
        trigger_id: triggerId,
        response_url: `${api.url}/respond/${reply}`,
        channel: { id: o.channel ?? 'C1', name: 'general' },
        container: { type: 'message', message_ts: o.messageTs ?? '1.1', channel_id: o.channel ?? 'C1' },
        actions: [action],
      };
      const res = await postSigned(events, payloadBody(payload));
      return { status: res.status, reply, triggerId };
    },
    async submit(view, values, user = 'U1', team = 'T1') {
      const payload = {
        type: 'view_submission',
        team: { id: team, domain: 't' },
        user: { id: user, name: user.toLowerCase(), team_id: team },
        api_app_id: 'A1',
        token: 'legacy',
        trigger_id: `trig-${randomUUID()}`,
        view: {
          id: view.id ?? `V${randomUUID()}`,
          type: 'modal',
          callback_id: 'video-modal',
          private_metadata: view.private_metadata,
          state: { values },
          hash: 'h',
          team_id: team,
          app_id: 'A1',
          bot_id: 'B1',
          blocks: [],
        },
      };
      const res = await postSigned(events, payloadBody(payload));
      return { status: res.status, text: res.text };
    },
    async replyTo(id) {
      const [call] = await api.waitFor(`respond/${id}`);
      return call!.body;
    },
    async meeting(channel = 'C1') {
      const m = await store.getActiveMeetingInChannel('slack', 'T1', channel);
      if (!m) throw new Error('no active meeting');
      return m;
    },
    async join(m, name, userId, publish = true) {
      const connectionId = await stack.connect(m, 'slack', userId, name);
      if (publish) await emulator.publish(connectionId);
      return connectionId;
    },
    async close() {
      await stack.close();
      await api.close();
    },
  };
}
