import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { silentLogger } from '../../../src/log.js';
import { startApp, type App } from '../../../src/main.js';
import { startFakeSlackApi, type FakeSlackApi } from './fake-slack-api.js';
import { postSigned, SIGNING_SECRET, slashBody } from './signing.js';

// The adapter as src/main.ts composes it (config.slack + ctx + shared server, publisher registered
// with the card service), on the real startApp with the built-in emulator.
describe('Slack adapter in startApp', () => {
  let api: FakeSlackApi;
  let app: App;

  beforeAll(async () => {
    api = await startFakeSlackApi();
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-wired',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: api.apiUrl,
      SLACK_MODERATOR_IDS: 'UMOD1',
      PORT: '0',
      DATABASE_URL: 'sqlite::memory:',
    });
    app = await startApp(config, silentLogger, { host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app?.stop();
    await api?.close();
  });

  it('starts a meeting from a signed /video start and posts its card', async () => {
    const body = slashBody({
      command: '/video',
      text: 'start Wired',
      team_id: 'T1',
      channel_id: 'C9',
      user_id: 'U1',
      user_name: 'ann',
      trigger_id: 'wired-1',
      response_url: `${api.url}/respond/wired`,
    });
    expect((await postSigned(`${app.url}/slack/events`, body)).status).toBe(200);
    await api.waitFor('respond/wired');
    const [post] = await api.waitFor('chat.postMessage');
    expect(post!.auth).toBe('Bearer xoxb-wired');
    const m = await app.store.getActiveMeetingInChannel('slack', 'T1', 'C9');
    expect(m?.title).toBe('Wired');
    expect(await app.store.listCards(m!.id)).toHaveLength(1);
  });
});
