import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VideoClient } from '../../src/video/index.js';
import { OpenTok } from '../../src/video/opentok.js';
import { videoError } from './helpers/catch.js';
import { API_KEY, API_SECRET, SESSION } from './helpers/fixtures.js';
import { Recorder } from './helpers/recorder.js';

const rec = new Recorder();
const tunnels: string[] = [];
let proxy: Server;
let proxyUrl = '';

beforeAll(async () => {
  await rec.start();
  // A minimal CONNECT proxy that records each tunnel target.
  proxy = createServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (req, client, head) => {
    tunnels.push(String(req.url));
    const [host, port] = String(req.url).split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  proxy.closeAllConnections();
  await new Promise<void>((r) => proxy.close(() => r()));
  await rec.close();
});

describe('proxy support (the official SDK stores the option and ignores it)', () => {
  it('tunnels VideoClient calls through the proxy', async () => {
    const c = new VideoClient({ apiKey: API_KEY, apiSecret: API_SECRET, baseUrl: rec.url, proxy: proxyUrl });
    rec.reset();
    await c.forceMuteAll(SESSION);
    expect(rec.one().url).toBe(`/v2/project/${API_KEY}/session/${SESSION}/mute`);
    expect(tunnels).toContain(new URL(rec.url).host);
    await c.close();
  });

  it('honours the OpenTok env.proxy option', async () => {
    tunnels.length = 0;
    const ot = new OpenTok(API_KEY, API_SECRET, { apiUrl: rec.url, proxy: proxyUrl });
    rec.reset();
    await ot.getArchive('ARCH1');
    expect(tunnels).toEqual([new URL(rec.url).host]);
    await ot.close();
  });

  it('refuses a malformed proxy URL without echoing it', async () => {
    const e = await videoError(
      () => new VideoClient({ apiKey: API_KEY, apiSecret: API_SECRET, proxy: 'nope://user:pw@x' }),
    );
    expect(e.message).toBe('proxy must be an absolute http(s) URL.');
  });
});
