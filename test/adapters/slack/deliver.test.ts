import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliver, type DeliverDeps } from '../../../adapters/slack/deliver.js';
import { publisherClient } from '../../../adapters/slack/publisher.js';
import { createResponder } from '../../../adapters/slack/response-url.js';
import { singleToken } from '../../../adapters/slack/tokens.js';
import { silentLogger } from '../../../src/log.js';
import { startFakeSlackApi, type FakeSlackApi } from './fake-slack-api.js';

describe('deliver', () => {
  let api: FakeSlackApi;
  let deps: DeliverDeps;
  const responder = createResponder({ allowAnyHost: true });
  const place = { platform: 'slack' as const, teamId: 'T1', channelId: 'C1' };

  beforeAll(async () => {
    api = await startFakeSlackApi();
    deps = {
      client: publisherClient(api.apiUrl, undefined),
      tokenFor: singleToken('xoxb-d'),
      respond: responder.respond,
      log: silentLogger,
    };
  });
  afterAll(async () => {
    await responder.close();
    await api.close();
  });

  it('answers through response_url when the request has one, ephemerally unless the view is for the channel', async () => {
    await deliver(
      { visibility: 'ephemeral', blocks: [{ type: 'notice', level: 'info', text: 'just you' }] },
      place,
      { responseUrl: `${api.url}/respond/d1`, userId: 'U1' },
      deps,
    );
    const [reply] = await api.waitFor('respond/d1');
    expect(reply!.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    await deliver(
      { visibility: 'channel', blocks: [{ type: 'notice', level: 'success', text: 'everyone' }] },
      place,
      { responseUrl: `${api.url}/respond/d2`, userId: 'U1' },
      deps,
    );
    expect((await api.waitFor('respond/d2'))[0]!.body.response_type).toBe('in_channel');
  });

  it('without a response_url, sends ephemeral replies with chat.postEphemeral and channel ones with chat.postMessage', async () => {
    await deliver(
      { visibility: 'ephemeral', blocks: [{ type: 'notice', level: 'info', text: 'just you' }] },
      place,
      { userId: 'U1' },
      deps,
    );
    const ephemeral = api.callsTo('chat.postEphemeral').at(-1)!;
    expect(ephemeral.body).toMatchObject({ channel: 'C1', user: 'U1' });
    expect(ephemeral.auth).toBe('Bearer xoxb-d');
    await deliver(
      { visibility: 'channel', blocks: [{ type: 'notice', level: 'success', text: 'everyone' }] },
      place,
      { userId: 'U1' },
      deps,
    );
    expect(JSON.stringify(api.callsTo('chat.postMessage').at(-1)!.body.blocks)).toContain('everyone');
  });

  it('tells the person to invite the bot when Slack says it is not in the channel', async () => {
    api.on('chat.postMessage', () => ({ json: { ok: false, error: 'not_in_channel' } }));
    await deliver(
      { visibility: 'channel', blocks: [{ type: 'text', text: 'hello' }] },
      place,
      { userId: 'U1' },
      deps,
    );
    expect(JSON.stringify(api.callsTo('chat.postEphemeral').at(-1)!.body.blocks)).toContain('invite me');
  });
});
