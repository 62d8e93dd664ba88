import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackAdapter } from '../../../adapters/slack/index.js';
import type { Store } from '../../../src/store/types.js';
import { startFakeSlackApi, type FakeSlackApi } from './fake-slack-api.js';
import { postSigned, SIGNING_SECRET, slashBody } from './signing.js';
import { startStandaloneSlack, type StandaloneSlack } from './standalone.js';

// Multi-workspace: install through /slack/install + /slack/oauth_redirect, tokens kept in our store,
// requests from the installed team answered with its own token, app_uninstalled cleans up.
describe('Slack multi-workspace OAuth', () => {
  let api: FakeSlackApi;
  let bot: StandaloneSlack;
  let store: Store;
  let slack: SlackAdapter;
  let url: string;

  beforeAll(async () => {
    api = await startFakeSlackApi();
    api.on('oauth.v2.access', (b) => ({
      json:
        b.code === 'good-code'
          ? {
              ok: true,
              app_id: 'A1',
              authed_user: { id: 'U9' },
              scope: 'commands,chat:write',
              token_type: 'bot',
              access_token: 'xoxb-team-nine',
              bot_user_id: 'UB9',
              team: { id: 'T9', name: 'Nine' },
              enterprise: null,
              is_enterprise_install: false,
            }
          : { ok: false, error: 'invalid_code' },
    }));
    bot = await startStandaloneSlack({
      config: {
        signingSecret: SIGNING_SECRET,
        clientId: '111.222',
        clientSecret: 'client-secret',
        stateSecret: 'state-secret-xyz',
        apiUrl: api.apiUrl,
        moderatorIds: [],
      },
      publicUrl: 'https://bot.example.com',
    });
    ({ store, slack, url } = bot);
  });
  afterAll(async () => {
    await bot?.close();
    await api?.close();
  });

  it('redirects /slack/install to Slack with our scopes, redirect URI and a state cookie', async () => {
    const res = await fetch(`${url}/slack/install`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location')!);
    expect(to.searchParams.get('client_id')).toBe('111.222');
    expect(to.searchParams.get('scope')!.split(',')).toEqual([
      'commands',
      'chat:write',
      'chat:write.public',
      'users:read',
      'calls:write',
      'bookmarks:write',
    ]);
    expect(to.searchParams.get('redirect_uri')).toBe('https://bot.example.com/slack/oauth_redirect');
    expect(res.headers.get('set-cookie')).toContain('slack-app-oauth-state=');
  });

  it('rejects a callback whose state does not match the browser cookie, storing nothing', async () => {
    const res = await fetch(`${url}/slack/oauth_redirect?code=good-code&state=forged`, {
      redirect: 'manual',
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(await store.getInstallation('slack', 'T9')).toBeNull();
  });

  it('stores the installation after a good callback and answers that team with its own token', async () => {
    const install = await fetch(`${url}/slack/install`, { redirect: 'manual' });
    const state = new URL(install.headers.get('location')!).searchParams.get('state')!;
    const cookie = install.headers.get('set-cookie')!.split(';')[0]!;
    const res = await fetch(`${url}/slack/oauth_redirect?code=good-code&state=${encodeURIComponent(state)}`, {
      headers: { cookie },
      redirect: 'manual',
    });
    expect(res.status).toBe(200);
    const rec = await store.getInstallation('slack', 'T9');
    expect((rec?.data as { bot: { token: string } }).bot.token).toBe('xoxb-team-nine');

    const body = slashBody({
      command: '/video',
      text: 'help',
      team_id: 'T9',
      channel_id: 'C1',
      user_id: 'U9',
      user_name: 'nine',
      trigger_id: 't9',
      response_url: `${api.url}/respond/nine`,
    });
    expect((await postSigned(`${url}/slack/events`, body)).status).toBe(200);
    await slack.idle();
    await api.waitFor('respond/nine');
    expect(api.callsTo('users.info').at(-1)!.auth).toBe('Bearer xoxb-team-nine');
  });

  it('deletes the installation on app_uninstalled', async () => {
    const event = {
      type: 'event_callback',
      team_id: 'T9',
      api_app_id: 'A1',
      event_id: 'Ev1',
      event_time: 1,
      event: { type: 'app_uninstalled' },
    };
    const res = await postSigned(`${url}/slack/events`, JSON.stringify(event), {
      contentType: 'application/json',
    });
    expect(res.status).toBe(200);
    await slack.idle();
    expect(await store.getInstallation('slack', 'T9')).toBeNull();
  });

  it('deletes the installation when its bot token is revoked, and ignores user-token revocations', async () => {
    await store.saveInstallation({
      platform: 'slack',
      teamId: 'T8',
      data: { team: { id: 'T8' }, bot: { token: 'xoxb-eight' } },
      updatedAt: Date.now(),
    });
    const send = (tokens: Record<string, string[]>, id: string) =>
      postSigned(
        `${url}/slack/events`,
        JSON.stringify({
          type: 'event_callback',
          team_id: 'T8',
          api_app_id: 'A1',
          event_id: id,
          event_time: 1,
          event: { type: 'tokens_revoked', tokens },
        }),
        { contentType: 'application/json' },
      );
    expect((await send({ oauth: ['U8'] }, 'Ev2')).status).toBe(200);
    await slack.idle();
    expect(await store.getInstallation('slack', 'T8')).not.toBeNull();
    expect((await send({ bot: ['UB8'] }, 'Ev3')).status).toBe(200);
    await slack.idle();
    expect(await store.getInstallation('slack', 'T8')).toBeNull();
  });
});
