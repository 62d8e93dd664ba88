import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { rest } from './helpers.js';

// Fault injection per route: status codes, rates, latency, dropped connections, method and count
// filters, regex paths; the control API itself is never faulted.

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
afterEach(() => emu.clearFaults());

const addFault = (rule: object) =>
  fetch(`${emu.url}/_emulator/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(rule),
  });

describe('fault injection', () => {
  it('answers an injected status on matching paths only, until cleared over HTTP', async () => {
    expect((await addFault({ path: `/v2/project/${emu.apiKey}/archive`, status: 503 })).status).toBe(201);
    expect(await rest(emu, 'GET', '{P}/archive')).toMatchObject({
      status: 503,
      body: { message: 'Injected fault.' },
    });
    expect((await rest(emu, 'GET', '{P}/broadcast')).status).toBe(200);
    expect((await fetch(`${emu.url}/_emulator/faults`, { method: 'DELETE' })).status).toBe(204);
    expect((await rest(emu, 'GET', '{P}/archive')).status).toBe(200);
  });

  it('filters by method, limits hits with times, and matches regular expressions', async () => {
    emu.setFault({ method: 'post', path: '^/v2/project/[^/]+/archive$', status: 429, times: 1 });
    expect((await rest(emu, 'GET', '{P}/archive')).status).toBe(200);
    expect((await rest(emu, 'POST', '{P}/archive', {})).status).toBe(429);
    expect((await rest(emu, 'POST', '{P}/archive', {})).status).toBe(400);
  });

  it('never hits with rate 0 and always with rate 1', async () => {
    emu.setFault({ path: '/session/create', status: 500, rate: 0 });
    emu.setFault({ path: '/v2/', status: 502, rate: 1 });
    const created = await fetch(`${emu.url}/session/create`, { method: 'POST' });
    expect(created.status).toBe(401);
    expect((await rest(emu, 'GET', '{P}/render')).status).toBe(502);
  });

  it('drops the connection', async () => {
    emu.setFault({ path: '/v2/', drop: true });
    await expect(rest(emu, 'GET', '{P}/archive')).rejects.toThrow();
  });

  it('adds latency and then answers normally', async () => {
    emu.setFault({ path: '/v2/', latencyMs: 20 });
    expect((await rest(emu, 'GET', '{P}/archive')).status).toBe(200);
  });

  it('refuses malformed rules with 400', async () => {
    for (const rule of [
      {},
      { path: '/v2', rate: 2, status: 500 },
      { path: '/v2', status: 99 },
      { path: '/v2' },
      { path: '/v2', latencyMs: -1 },
    ]) {
      const res = await addFault(rule);
      expect(res.status).toBe(400);
    }
    expect(() => emu.setFault({ path: '' })).toThrow(/path/);
  });

  it('does not fault the control API', async () => {
    emu.setFault({ path: '/', status: 500 });
    expect((await fetch(`${emu.url}/_emulator/signals`)).status).toBe(200);
  });
});
