import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerResponse } from 'node:http';
import { HttpError } from './errors.js';
import { sendText } from './respond.js';

// GET / and GET /docs/:name: someone who opens the bot's address in a browser learns what this server
// is, where its health check is, and can read the operator docs shipped with it, instead of a JSON 404.

/** The documents served at /docs/<name>, by name, relative to the package root. */
export const DOCS: Readonly<Record<string, { file: string; title: string }>> = {
  readme: { file: 'README.md', title: 'Getting started and configuration' },
  deployment: { file: 'docs/DEPLOYMENT.md', title: 'Deployment: Docker, replicas, Kubernetes, monitoring' },
  security: { file: 'docs/SECURITY.md', title: 'Security: threat model and how to report a vulnerability' },
};

/** The package root (where package.json is), found from this module's place in src/ or dist/src/. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5 && !existsSync(join(dir, 'package.json')); i++) dir = dirname(dir);
  return dir;
}
const ROOT = packageRoot();

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>video-chatops</title>
<link rel="icon" href="data:,">
</head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5">
<h1>video-chatops</h1>
<p>This server runs Vonage Video meetings from Slack and Discord: <code>/video start</code> in a channel
posts a live meeting card, and the card's buttons record, go live, mute and dial out.
There is nothing to do here in a browser; use <code>/video</code> in your chat, or the link it gives you to join a meeting.</p>
<ul>
<li><a href="/healthz">/healthz</a>: whether the bot, its store and the Video API are reachable</li>
${Object.entries(DOCS)
  .map(([name, d]) => `<li><a href="/docs/${name}">${d.file}</a>: ${d.title}</li>`)
  .join('\n')}
</ul>
<p>Endpoints for the platforms (POST only): <code>/slack/events</code>, <code>/discord/interactions</code>, <code>/vonage/events</code>.</p>
</body>
</html>
`;

const NO_STORE = {
  'cache-control': 'no-cache',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
};

/** Serves the home page. */
export function sendHome(res: ServerResponse): void {
  sendText(res, 200, PAGE, 'text/html; charset=utf-8', NO_STORE);
}

/** Serves one of {@link DOCS} as plain text (Markdown reads fine as it is); 404 for any other name. */
export function sendDoc(res: ServerResponse, name: string): void {
  const doc = Object.hasOwn(DOCS, name) ? DOCS[name] : undefined;
  let text: string | undefined;
  try {
    if (doc) text = readFileSync(join(ROOT, doc.file), 'utf8');
  } catch {
    text = undefined;
  }
  if (text === undefined) throw new HttpError(404, 'not_found', 'No such document; see / for the list.');
  sendText(res, 200, text, 'text/markdown; charset=utf-8', NO_STORE);
}
