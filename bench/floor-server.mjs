// Minimal keep-alive HTTP server for the client benchmark, run as a separate process so the server's
// CPU does not compete with the client under test on the same event loop. Prints its port on stdout.
import { createServer } from 'node:http';

const ARCHIVE = JSON.stringify({
  id: 'b40ef09b-3811-4726-b508-e41a0f96c68f',
  sessionId: 'S',
  projectId: 123456,
  name: null,
  status: 'started',
  reason: '',
  createdAt: 1384221730000,
  duration: 0,
  size: 0,
  url: null,
  outputMode: 'composed',
  hasAudio: true,
  hasVideo: true,
  resolution: '640x480',
  streamMode: 'auto',
});

const server = createServer((req, res) => {
  // Drain the request body before answering so keep-alive sockets stay reusable.
  req.resume();
  req.on('end', () => {
    if (req.url.endsWith('/archive')) {
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(ARCHIVE),
      });
      res.end(ARCHIVE);
    } else {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': 2 });
      res.end('{}');
    }
  });
});
let connections = 0;
server.on('connection', () => connections++);
server.keepAliveTimeout = 60_000;
server.headersTimeout = 65_000;
server.listen(0, '127.0.0.1', () =>
  process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n'),
);
process.on('SIGTERM', () => {
  if (process.env.FLOOR_DEBUG) process.stderr.write(`floor-server: ${connections} connections\n`);
  server.close(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
