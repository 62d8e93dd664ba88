import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResponder } from '../../../adapters/slack/response-url.js';
import { SlackRoles } from '../../../adapters/slack/roles.js';
import { silentLogger } from '../../../src/log.js';

describe('SlackRoles', () => {
  it('makes admins and owners moderators, caching users.info until the TTL passes', async () => {
    let now = 0;
    const asked: string[] = [];
    const flags: Record<string, { isAdmin: boolean; isOwner: boolean }> = {
      UA: { isAdmin: true, isOwner: false },
      UO: { isAdmin: false, isOwner: true },
    };
    const roles = new SlackRoles({
      log: silentLogger,
      ttlMs: 1000,
      now: () => now,
      lookup: async (_t, u) => (asked.push(u), flags[u] ?? { isAdmin: false, isOwner: false }),
    });
    expect(await roles.isWorkspaceAdmin('T', 'UA')).toBe(true);
    expect(await roles.isWorkspaceAdmin('T', 'UO')).toBe(true);
    expect(await roles.isWorkspaceAdmin('T', 'UX')).toBe(false);
    flags.UA = { isAdmin: false, isOwner: false };
    expect(await roles.isWorkspaceAdmin('T', 'UA')).toBe(true);
    now = 1001;
    expect(await roles.isWorkspaceAdmin('T', 'UA')).toBe(false);
    expect(asked.filter((u) => u === 'UA')).toHaveLength(2);
  });

  it('fails closed when users.info fails, and asks again next time', async () => {
    let fail = true;
    const roles = new SlackRoles({
      log: silentLogger,
      lookup: async () => {
        if (fail) throw new Error('ratelimited');
        return { isAdmin: true, isOwner: false };
      },
    });
    expect(await roles.isWorkspaceAdmin('T', 'U1')).toBe(false);
    fail = false;
    expect(await roles.isWorkspaceAdmin('T', 'U1')).toBe(true);
  });
});

describe('response_url responder', () => {
  let server: Server;
  let url: string;
  const bodies: unknown[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += String(c)));
      req.on('end', () => {
        bodies.push(JSON.parse(raw));
        res.writeHead(req.url === '/gone' ? 404 : 200).end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => new Promise<void>((r) => server.close(() => r())));

  it('posts JSON to the response_url and reports non-2xx answers', async () => {
    const r = createResponder({ allowAnyHost: true });
    await r.respond(`${url}/ok`, { response_type: 'ephemeral', text: 'hi' });
    expect(bodies.at(-1)).toEqual({ response_type: 'ephemeral', text: 'hi' });
    await expect(r.respond(`${url}/gone`, { response_type: 'ephemeral', text: 'x' })).rejects.toThrow(/404/);
    await r.close();
  });

  it('refuses any host but hooks.slack.com in production', async () => {
    const r = createResponder({ allowAnyHost: false });
    const before = bodies.length;
    await expect(r.respond(`${url}/ok`, { response_type: 'ephemeral', text: 'x' })).rejects.toThrow(
      /hooks\.slack\.com/,
    );
    await expect(
      r.respond('http://hooks.slack.com/commands/x', { response_type: 'ephemeral', text: 'x' }),
    ).rejects.toThrow(/hooks\.slack\.com/);
    expect(bodies.length).toBe(before);
    await r.close();
  });
});
