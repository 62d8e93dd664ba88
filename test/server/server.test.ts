import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBody } from '../../src/http/body.js';
import { HttpError } from '../../src/http/errors.js';
import { sendJson } from '../../src/http/respond.js';
import { createLogger } from '../../src/log.js';
import { registry, videoCallsTotal } from '../../src/metrics.js';
import { KEEP_ALIVE_MS, createHttpServer, type HttpServer } from '../../src/server.js';

// The one HTTP server: routing, limits, error shapes and the built-in health and metrics routes.

const lines: string[] = [];
let server: HttpServer;
let url: string;
let storeUp = true;
const METRICS_TOKEN = 'metrics-token-0123456789';

beforeAll(async () => {
  server = createHttpServer({
    log: createLogger({ write: (l) => lines.push(l) }),
    metrics: registry,
    metricsAccess: { token: METRICS_TOKEN },
    healthTimeoutMs: 300,
  });
  server.route('GET', '/join/:ticket', (_req, res, params) => sendJson(res, 200, { ticket: params.ticket }));
  server.route('GET', '/join/assets/:file', (_req, res, params) => sendJson(res, 200, { file: params.file }));
  server.route('POST', '/echo', async (req, res) =>
    sendJson(res, 200, { bytes: (await readBody(req, 1024)).length }),
  );
  server.route('GET', '/boom', () => {
    throw new Error('secret internals xoxb-123-abc');
  });
  server.route('GET', '/teapot', () => {
    throw new HttpError(418, 'teapot', 'I am a teapot.');
  });
  server.setHealthCheck('store', async () => {
    if (!storeUp) throw new Error('store down');
  });
  ({ url } = await server.listen(0, '127.0.0.1'));
});
afterAll(async () => {
  await server.close();
});

describe('routing', () => {
  it('matches parameters, prefers literal segments, and decodes them', async () => {
    expect(await (await fetch(`${url}/join/abc%2Edef`)).json()).toEqual({ ticket: 'abc.def' });
    expect(await (await fetch(`${url}/join/assets/app.js`)).json()).toEqual({ file: 'app.js' });
    expect(await (await fetch(`${url}/join/abc?x=1`)).json()).toEqual({ ticket: 'abc' });
  });

  it('answers 404 for unknown paths and 405 with Allow for known paths', async () => {
    const missing = await fetch(`${url}/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: 'not_found' });
    const wrong = await fetch(`${url}/echo`);
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
    expect((await fetch(`${url}/join/%E0%A4%A`)).status).toBe(404);
  });

  it('turns handler errors into JSON without stacks or secrets, and keeps serving', async () => {
    const res = await fetch(`${url}/boom`);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ error: 'internal_error' });
    expect(text).not.toContain('secret internals');
    expect(text).not.toContain('at ');
    expect(lines.join('\n')).not.toContain('xoxb-123-abc');
    const teapot = await fetch(`${url}/teapot`);
    expect(teapot.status).toBe(418);
    expect(await teapot.json()).toEqual({ error: 'teapot', message: 'I am a teapot.' });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });
});

describe('body limits', () => {
  it('reads bodies within the limit', async () => {
    const res = await fetch(`${url}/echo`, { method: 'POST', body: 'x'.repeat(1000) });
    expect(await res.json()).toEqual({ bytes: 1000 });
  });

  it('refuses a declared oversize body with 413', async () => {
    const res = await fetch(`${url}/echo`, { method: 'POST', body: 'x'.repeat(5 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: 'payload_too_large' });
  });

  it('refuses an oversize chunked body with 413', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${url}/echo`,
        { method: 'POST', headers: { 'transfer-encoding': 'chunked' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      for (let i = 0; i < 10; i++) req.write('y'.repeat(512));
      req.end();
    });
    expect(status).toBe(413);
  });

  it('stops reading and closes the connection once a body passes the limit or its route is unknown', async () => {
    // A raw client that keeps writing whatever the server answers, as a careless or hostile one does.
    const CAP = 64 * 1024 * 1024;
    const upload = (path: string, head: string) =>
      new Promise<{ status: string; written: number; closedByServer: boolean }>((resolve) => {
        const sock = connect(Number(new URL(url).port), '127.0.0.1');
        const data = Buffer.alloc(64 * 1024, 0x61);
        const chunk = head.includes('chunked')
          ? Buffer.concat([Buffer.from('10000\r\n'), data, Buffer.from('\r\n')])
          : data;
        let written = 0;
        let reply = '';
        let settled = false;
        const end = (closedByServer: boolean) => {
          if (settled) return;
          settled = true;
          sock.destroy();
          resolve({ status: reply.slice(0, 12), written, closedByServer });
        };
        sock.on('data', (d) => (reply += d.toString('latin1')));
        sock.on('close', () => end(true));
        sock.on('error', () => end(true));
        sock.write(`POST ${path} HTTP/1.1\r\nhost: x\r\n${head}\r\n\r\n`);
        const pump = () => {
          while (!settled && written < CAP) {
            written += chunk.length;
            if (!sock.write(chunk)) return void sock.once('drain', pump);
          }
          if (!settled) end(false);
        };
        pump();
      });
    for (const [path, head] of [
      ['/echo', `content-length: ${2 ** 30}`],
      ['/echo', 'transfer-encoding: chunked'],
      ['/nope', `content-length: ${2 ** 30}`],
    ] as const) {
      const r = await upload(path, head);
      expect({ path, head, closedByServer: r.closedByServer }).toEqual({ path, head, closedByServer: true });
      expect(r.written).toBeLessThan(CAP);
      // The answer usually arrives before the reset; when it does, it is the right one.
      if (r.status) expect(r.status).toMatch(/^HTTP\/1\.1 (413|404)/);
    }
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });

  it('survives garbage on the wire', async () => {
    const reply = await new Promise<string>((resolve) => {
      const sock = connect(Number(new URL(url).port), '127.0.0.1', () =>
        sock.write('NOT HTTP AT ALL\r\n\r\n'),
      );
      let data = '';
      sock.on('data', (d) => (data += d.toString()));
      sock.on('close', () => resolve(data));
      sock.on('error', () => resolve(data));
    });
    expect(reply).toContain('400');
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });
});

describe('keep-alive', () => {
  // Real time: with its own default Node closes this socket 5-6 s after its last response.
  it('keeps an idle connection open past 7 s, so a sender that paused does not connect again', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<{ reused: boolean; status: number }>((resolve, reject) => {
        const req = request(`${url}/healthz`, { agent }, (res) => {
          res.resume();
          res.on('end', () => resolve({ reused: req.reusedSocket, status: res.statusCode ?? 0 }));
        });
        req.on('error', reject);
        req.end();
      });
    try {
      expect(await get()).toEqual({ reused: false, status: 200 });
      await new Promise((r) => setTimeout(r, 7_500));
      expect(await get()).toEqual({ reused: true, status: 200 });
      expect(KEEP_ALIVE_MS).toBeGreaterThan(60_000);
    } finally {
      agent.destroy();
    }
  }, 15_000);
});

describe('close', () => {
  it('ends a connection that was busy when closing began as soon as its answer is out', async () => {
    const own = createHttpServer({ log: createLogger({ write: () => undefined }), metrics: registry });
    own.route('GET', '/slow', async (_req, res) => {
      await new Promise((r) => setTimeout(r, 200));
      sendJson(res, 200, { ok: true });
    });
    const { url: ownUrl } = await own.listen(0, '127.0.0.1');
    const agent = new Agent({ keepAlive: true });
    try {
      const answered = new Promise<number>((resolve, reject) => {
        const req = request(`${ownUrl}/slow`, { agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.end();
      });
      await new Promise((r) => setTimeout(r, 50));
      const started = Date.now();
      const closed = own.close();
      expect(await answered).toBe(200);
      await closed;
      // Not the keep-alive timeout (65 s): the idle connection was closed right after the answer.
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      agent.destroy();
    }
  }, 15_000);
});

describe('GET / and GET /docs/:name', () => {
  it('answers / with a small HTML page that says what this is and links /healthz and the docs', async () => {
    const res = await fetch(`${url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('Vonage Video meetings from Slack and Discord');
    expect(html).toContain('href="/healthz"');
    for (const doc of ['readme', 'deployment', 'security']) {
      expect(html).toContain(`href="/docs/${doc}"`);
      const page = await fetch(`${url}/docs/${doc}`);
      expect([doc, page.status]).toEqual([doc, 200]);
      expect(await page.text()).toMatch(/^# /);
    }
    expect((await fetch(`${url}/docs/constructor`)).status).toBe(404);
    expect((await fetch(`${url}/docs/..%2Fpackage.json`)).status).toBe(404);
  });
});

describe('GET /healthz and GET /metrics', () => {
  it('reports each check and answers 503 when one fails or hangs', async () => {
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({
      status: 'ok',
      checks: { store: { ok: true } },
    });
    storeUp = false;
    server.setHealthCheck('video', () => new Promise(() => {}));
    const res = await fetch(`${url}/healthz`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { checks: Record<string, { ok: boolean; error?: string }> };
    expect(body.checks.store).toEqual({ ok: false, error: 'store down' });
    expect(body.checks.video).toEqual({ ok: false, error: 'no answer within 300 ms' });
    storeUp = true;
    server.setHealthCheck('video', async () => undefined);
  });

  it('serves /metrics only to the METRICS_TOKEN bearer, and not at all by default', async () => {
    expect((await fetch(`${url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${url}/metrics`, {
      headers: { authorization: 'Bearer metrics-token-0123456788' },
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain('chatops_');
    const plain = createHttpServer({ log: createLogger({ write: () => {} }), metrics: registry });
    const plainUrl = (await plain.listen(0, '127.0.0.1')).url;
    try {
      expect((await fetch(`${plainUrl}/metrics`)).status).toBe(404);
    } finally {
      await plain.close();
    }
  });

  it('serves Prometheus text with the shared metrics', async () => {
    videoCallsTotal.inc({ method: 'startArchive', status: 'ok' });
    const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(/chatops_video_api_calls_total\{method="startArchive",status="ok"\} \d/);
    expect(text).toContain('# TYPE chatops_commands_total counter');
    expect(text).toContain('# TYPE chatops_callback_lag_seconds histogram');
    expect(text).toContain('# TYPE chatops_card_edits_total counter');
    expect(text).toContain('# TYPE chatops_rate_limit_waits_total counter');
    expect(text).toMatch(/chatops_http_requests_total\{route="\/join\/:param",status="200"\} \d/);
  });
});
