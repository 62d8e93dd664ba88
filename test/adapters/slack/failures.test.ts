import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlackApi, type FakeSlackApi } from './fake-slack-api.js';
import { postSigned, SIGNING_SECRET, slashBody } from './signing.js';
import { startStandaloneSlack, type StandaloneSlack } from './standalone.js';

// When the store fails after the ack, the person gets one plain sentence and the process carries on.
describe('Slack adapter when the store fails', () => {
  let api: FakeSlackApi;
  let bot: StandaloneSlack;

  beforeAll(async () => {
    api = await startFakeSlackApi();
    bot = await startStandaloneSlack({
      config: { botToken: 'xoxb-x', signingSecret: SIGNING_SECRET, apiUrl: api.apiUrl, moderatorIds: [] },
      // The database "goes away" for writes and meeting lookups.
      coreStore: (store) =>
        new Proxy(store, {
          get: (target, prop, receiver) =>
            prop === 'commit' || prop === 'getActiveMeetingInChannel'
              ? async () => Promise.reject(new Error('database is locked'))
              : Reflect.get(target, prop, receiver),
        }),
    });
  });
  afterAll(async () => {
    await bot?.close();
    await api?.close();
  });

  it('still acks, then answers with one ephemeral sentence that leaks nothing', async () => {
    const body = slashBody({
      command: '/video',
      text: 'status',
      team_id: 'T1',
      channel_id: 'C1',
      user_id: 'U1',
      user_name: 'a',
      trigger_id: 'tf',
      response_url: `${api.url}/respond/f`,
    });
    expect((await postSigned(`${bot.url}/slack/events`, body)).status).toBe(200);
    const [reply] = await api.waitFor('respond/f');
    expect(reply!.body).toMatchObject({
      response_type: 'ephemeral',
      text: 'Something went wrong running status; it has been logged, please try again.',
    });
    expect(JSON.stringify(reply!.body)).not.toContain('database is locked');
  });
});

describe('Slack adapter under overload', () => {
  it('sheds load with an immediate "busy" ack and runs nothing', async () => {
    const api = await startFakeSlackApi();
    const { store, slack, url, close } = await startStandaloneSlack({
      config: { botToken: 'xoxb-x', signingSecret: SIGNING_SECRET, apiUrl: api.apiUrl, moderatorIds: [] },
      workQueue: { maxPending: 0 },
    });
    try {
      const body = slashBody({
        command: '/video',
        text: 'help',
        team_id: 'T1',
        channel_id: 'C1',
        user_id: 'U1',
        user_name: 'a',
        trigger_id: 'tb',
        response_url: `${api.url}/respond/b`,
      });
      const res = await postSigned(`${url}/slack/events`, body);
      expect(res.status).toBe(200);
      expect(JSON.parse(res.text)).toMatchObject({
        response_type: 'ephemeral',
        text: expect.stringMatching(/very busy/),
      });
      await slack.idle();
      expect(api.callsTo('respond/b')).toHaveLength(0);
      // Nothing was recorded for it either: no other replica will run it later.
      expect(
        await store.recordPendingCommand(
          { id: 'slack:T1:tb', platform: 'slack', kind: 'request', payload: '{}', owner: 'probe' },
          Date.now(),
        ),
      ).toBe(true);
    } finally {
      await close();
      await api.close();
    }
  });
});

describe('Slack adapter when the database is locked by another process', () => {
  it('acks within its budget with "try again in a moment", and the request never runs later', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'locked-'));
    const file = join(dir, 'bot.db');
    const api = await startFakeSlackApi();
    const bot = await startStandaloneSlack({
      config: { botToken: 'xoxb-x', signingSecret: SIGNING_SECRET, apiUrl: api.apiUrl, moderatorIds: [] },
      databaseUrl: `sqlite:${file}`,
      budgets: { storeMs: 200, ackMs: 400 },
    });
    const locker = new Database(file);
    try {
      locker.exec('BEGIN IMMEDIATE');
      const body = slashBody({
        command: '/video',
        text: 'help',
        team_id: 'T1',
        channel_id: 'C1',
        user_id: 'U1',
        user_name: 'a',
        trigger_id: 'locked-1',
        response_url: `${api.url}/respond/locked`,
      });
      const res = await postSigned(`${bot.url}/slack/events`, body);
      expect(res.status).toBe(200);
      expect(JSON.parse(res.text)).toMatchObject({ text: expect.stringMatching(/try again in a moment/) });
      locker.exec('COMMIT');
      await bot.slack.idle();
      await new Promise((r) => setTimeout(r, 300));
      expect(api.callsTo('respond/locked')).toHaveLength(0);
      // No record of it was left: nothing will run it later.
      expect(
        await bot.store.recordPendingCommand(
          { id: 'slack:T1:locked-1', platform: 'slack', kind: 'request', payload: '{}', owner: 'probe' },
          Date.now(),
        ),
      ).toBe(true);
    } finally {
      locker.close();
      await bot.close();
      await api.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
