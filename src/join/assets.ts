import { createReadStream, existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { JoinHandler } from './http.js';

// Static files of the join page. tsc copies no .js/.css into dist/, so the public folder is found
// next to this module when running from src/ and back in the source tree when running from dist/.
// The Vonage client library comes from the installed npm package: no CDN, same origin as the page.

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** Finds src/join/public whether this module runs from src/join/ or dist/src/join/. */
export function publicDir(): string {
  const candidates = [
    new URL('./public/', import.meta.url),
    new URL('../../../src/join/public/', import.meta.url),
  ];
  for (const url of candidates) {
    const path = fileURLToPath(url);
    if (existsSync(path)) return path;
  }
  throw new Error('The join page assets (src/join/public) are missing from this installation.');
}

/** Path of the Vonage Video client library (opentok.min.js) inside node_modules. */
export function openTokScriptPath(): string {
  return createRequire(import.meta.url).resolve('@vonage/client-sdk-video/dist/js/opentok.min.js');
}

const gzipAsync = promisify(gzip);
// The SDK is 2.8 MB and compresses about 4:1; compressed once per process, on first request, off the event loop.
const gzipped = new Map<string, Promise<Buffer>>();

function gzipOf(path: string): Promise<Buffer> {
  let out = gzipped.get(path);
  if (!out) {
    out = readFile(path).then((raw) => gzipAsync(raw));
    gzipped.set(path, out);
  }
  return out;
}

async function sendFile(
  res: ServerResponse,
  path: string,
  type: string,
  maxAge: number,
  acceptsGzip: boolean,
): Promise<void> {
  if (acceptsGzip) {
    const body = await gzipOf(path);
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Encoding': 'gzip',
      'Content-Length': body.length,
      'Cache-Control': `public, max-age=${maxAge}`,
      Vary: 'Accept-Encoding',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(body);
    return;
  }
  const size = statSync(path).size;
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': size,
    'Cache-Control': `public, max-age=${maxAge}`,
    Vary: 'Accept-Encoding',
    'X-Content-Type-Options': 'nosniff',
  });
  // Awaited so the server sees the response finished only once the whole file has gone out.
  await pipeline(createReadStream(path), res);
}

/** Handler for GET /join/assets/:file: only the listed files, never a path from the request. */
export function assetHandler(): JoinHandler {
  const dir = publicDir();
  const files = new Map<string, { path: string; type: string; maxAge: number }>();
  for (const name of ['join.js', 'join-ui.js', 'join-emulator.js', 'join-vonage.js', 'join.css']) {
    const type = TYPES[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream';
    // Our own files change with each deploy and are tiny: short cache. The SDK is versioned: a day.
    files.set(name, { path: `${dir}${name}`, type, maxAge: 300 });
  }
  files.set('opentok.js', { path: openTokScriptPath(), type: TYPES['.js'] as string, maxAge: 86_400 });
  return async (req, res, params) => {
    const file = files.get(params.file ?? '');
    if (!file || !existsSync(file.path)) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end('Not found.\n');
      return;
    }
    if (req.method === 'HEAD') {
      res.writeHead(200, { 'Content-Type': file.type, 'Content-Length': statSync(file.path).size });
      res.end();
      return;
    }
    await sendFile(
      res,
      file.path,
      file.type,
      file.maxAge,
      /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')),
    );
  };
}
