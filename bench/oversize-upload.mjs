// Oversized uploads: how much server CPU a client can burn by streaming a huge body at a route that
// refuses it (413 over the size limit) or does not exist (404). The bot runs in a child process
// (the compiled app: Slack HTTP, Discord HTTP and Vonage callback routes, emulator, in-memory store)
// so its CPU time is measured apart from the client's. The peer, in the same child, is a bare
// node:http server that answers 413 at once and drains the body to keep the connection (what the
// bot did before): the bot should spend a small, size-independent fraction of that.
// Runs the compiled code: `npm run build` first.
//
//   node bench/oversize-upload.mjs [--mb 1024] [--dist ./dist]
import { fork } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import { connect } from 'node:net';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    mb: { type: 'string', default: '1024' },
    dist: { type: 'string', default: new URL('../dist', import.meta.url).pathname },
    serve: { type: 'boolean', default: false },
  },
});

if (args.serve) {
  // Child: start the app and answer CPU samples over IPC.
  const dist = resolve(args.dist);
  const { loadConfig } = await import(`${dist}/src/config.js`);
  const { startApp } = await import(`${dist}/src/main.js`);
  const { silentLogger } = await import(`${dist}/src/log.js`);
  const config = loadConfig({
    PORT: '0',
    DATABASE_URL: 'sqlite::memory:',
    LOG_LEVEL: 'error',
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: 'bench-signing-secret-0123456789',
    SLACK_API_URL: 'http://127.0.0.1:9/api/',
    DISCORD_APPLICATION_ID: '123456789012345678',
    DISCORD_PUBLIC_KEY: generateKeyPairSync('ed25519')
      .publicKey.export({ format: 'der', type: 'spki' })
      .subarray(-32)
      .toString('hex'),
    DISCORD_API_URL: 'http://127.0.0.1:9/api',
    VONAGE_SIGNATURE_SECRET: 'bench-vonage-signature-secret',
  });
  const app = await startApp(config, silentLogger, { host: '127.0.0.1' });
  process.on('message', (m) => {
    if (m === 'cpu') {
      const u = process.cpuUsage();
      process.send({ cpuMs: (u.user + u.system) / 1000 });
    } else if (m === 'stop') void app.stop().then(() => process.exit(0));
  });
  // The peer: answer 413 at once and read the rest to keep the connection alive.
  const peer = createServer((req, res) => {
    res.writeHead(413, { 'content-type': 'application/json' }).end('{"error":"payload_too_large"}');
    req.resume();
  });
  await new Promise((r) => peer.listen(0, '127.0.0.1', r));
  process.send({ url: app.url, peerUrl: `http://127.0.0.1:${peer.address().port}` });
} else {
  const child = fork(new URL(import.meta.url).pathname, ['--serve', '--dist', args.dist], {
    stdio: 'inherit',
  });
  const next = () => new Promise((r) => child.once('message', r));
  const { url, peerUrl } = await next();
  const cpu = async () => {
    child.send('cpu');
    return (await next()).cpuMs;
  };
  const total = Number(args.mb) * 1024 * 1024;
  const chunk = Buffer.alloc(64 * 1024, 0x61);

  /**
   * Streams `total` bytes to `path` over a raw socket, the way a careless or hostile client does:
   * it keeps writing whatever the server answers, until the server closes the connection.
   * Resolves with the status line seen and the bytes the socket accepted.
   */
  const upload = (path, chunked, base = url) =>
    new Promise((done) => {
      const u = new URL(path, base);
      const socket = connect(Number(u.port), u.hostname);
      let status = 0;
      let sent = 0;
      let finished = false;
      socket.setEncoding('latin1');
      socket.on('data', (d) => {
        const m = /^HTTP\/1\.1 (\d{3})/.exec(d);
        if (m && !status) status = Number(m[1]);
      });
      const end = () => {
        if (finished) return;
        finished = true;
        done({ status, sent });
      };
      socket.on('error', end);
      socket.on('close', end);
      const head = chunked ? 'transfer-encoding: chunked' : `content-length: ${total}`;
      socket.write(
        `POST ${u.pathname} HTTP/1.1\r\nhost: ${u.host}\r\ncontent-type: application/json\r\n${head}\r\n\r\n`,
      );
      const frame = chunked
        ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')])
        : chunk;
      const pump = () => {
        while (sent < total && !finished) {
          sent += chunk.length;
          if (!socket.write(frame)) return void socket.once('drain', pump);
        }
        if (!finished) socket.end(chunked ? '0\r\n\r\n' : '');
      };
      pump();
    });

  const cases = [
    ['peer: node:http, 413 then drain', '/', peerUrl],
    ['Vonage callbacks (64 KiB limit)', '/vonage/events'],
    ['Slack events (256 KiB limit)', '/slack/events'],
    ['Discord interactions (256 KiB limit)', '/discord/interactions'],
    ['unknown route (404)', '/no/such/route'],
  ];
  console.log(`upload size: ${args.mb} MiB, dist: ${args.dist}`);
  const peerCpu = {};
  for (const [name, path, base] of cases)
    for (const chunked of [false, true]) {
      const before = await cpu();
      const t0 = Date.now();
      const r = await upload(path, chunked, base);
      // Let the server finish whatever it still does with the connection.
      await new Promise((res) => setTimeout(res, 300));
      const used = (await cpu()) - before;
      if (base) peerCpu[chunked] = used;
      const ratio = base ? '' : `; ratio to peer ${(used / peerCpu[chunked]).toFixed(3)}`;
      console.log(
        `${(name + (chunked ? ', chunked' : ', content-length')).padEnd(54)} status ${String(r.status).padEnd(3)} client wrote ${(r.sent / 1048576).toFixed(1).padStart(7)} MiB in ${String(Date.now() - t0).padStart(5)} ms; server CPU ${used.toFixed(0).padStart(5)} ms${ratio}`,
      );
    }
  child.send('stop');
}
