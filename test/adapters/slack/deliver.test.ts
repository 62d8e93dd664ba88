import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliver, type DeliverDeps } from '../../../adapters/slack/deliver.js';
import { ModalCache } from '../../../adapters/slack/modal-cache.js';
import { publisherClient, SlackCardPublisher } from '../../../adapters/slack/publisher.js';
import { createResponder } from '../../../adapters/slack/response-url.js';
import { singleToken } from '../../../adapters/slack/tokens.js';
import type { Modal } from '../../../src/chat.js';
import { silentLogger } from '../../../src/log.js';
import { openStore } from '../../../src/store/index.js';
import type { Store } from '../../../src/store/types.js';
import { startFakeSlackApi, type FakeSlackApi } from './fake-slack-api.js';

const form: Modal = {
  action: 'live.start',
  title: 'Go live',
  submitLabel: 'Go',
  fields: [{ id: 'rtmp_url', label: 'URL', kind: 'text', required: true }],
};

describe('deliver', () => {
  let api: FakeSlackApi;
  let store: Store;
  let deps: DeliverDeps;
  let client: webApi.WebClient;
  const responder = createResponder({ allowAnyHost: true });
  const place = { platform: 'slack' as const, teamId: 'T1', channelId: 'C1' };

  beforeAll(async () => {
    api = await startFakeSlackApi();
    store = await openStore('sqlite::memory:', { log: silentLogger });
    client = new webApi.WebClient('xoxb-d', { slackApiUrl: api.apiUrl, retryConfig: { retries: 0 } });
    const modals = new ModalCache();
    const publisher = new SlackCardPublisher({
      client: publisherClient(api.apiUrl, undefined),
      tokenFor: singleToken('xoxb-d'),
      modals,
    });
    deps = { store, publisher, modals, log: silentLogger, now: Date.now, respond: responder.respond };
  });
  afterAll(async () => {
    await responder.close();
    await store.close();
    await api.close();
  });

  it('opens a modal a reply carries, with the trigger of the request', async () => {
    await deliver(
      { visibility: 'ephemeral', blocks: [], modal: form },
      { place, userId: 'U1', client, triggerId: 'trig-9', meetingKey: 'k1' },
      deps,
    );
    const [open] = await api.waitFor('views.open');
    expect(open!.body.trigger_id).toBe('trig-9');
    expect((open!.body.view as { private_metadata: string }).private_metadata).toBe(
      '{"a":"live.start","k":"k1","c":"C1"}',
    );
  });

  it('without a response_url, sends ephemeral replies with chat.postEphemeral and channel ones with chat.postMessage', async () => {
    await deliver(
      { visibility: 'ephemeral', blocks: [{ type: 'notice', level: 'info', text: 'just you' }] },
      { place, userId: 'U1', client },
      deps,
    );
    expect(api.callsTo('chat.postEphemeral').at(-1)!.body).toMatchObject({ channel: 'C1', user: 'U1' });
    await deliver(
      { visibility: 'channel', blocks: [{ type: 'notice', level: 'success', text: 'everyone' }] },
      { place, userId: 'U1', client },
      deps,
    );
    expect(JSON.stringify(api.callsTo('chat.postMessage').at(-1)!.body.blocks)).toContain('everyone');
  });

  it('tells the person to invite the bot when Slack says it is not in the channel', async () => {
    api.on('chat.postMessage', () => ({ json: { ok: false, error: 'not_in_channel' } }));
    await deliver(
      { visibility: 'channel', blocks: [{ type: 'text', text: 'hello' }] },
      { place, userId: 'U1', client },
      deps,
    );
    expect(JSON.stringify(api.callsTo('chat.postEphemeral').at(-1)!.body.blocks)).toContain('invite me');
  });
});
