import type { JoinProblem } from './problems.js';

// Server-rendered HTML for the join page and its error page. No inline script or style (the CSP allows
// scripts from our origin only); the page's settings travel in a JSON data block, which browsers never run.

/** What the join page shows before the person clicks Join. */
export interface JoinPageModel {
  meetingTitle: string;
  name: string;
  role: 'moderator' | 'publisher';
  mode: 'vonage' | 'emulator';
  /** Where the page exchanges its ticket (POST), relative to the site. */
  exchangePath: string;
}

/** Escapes text for HTML element content and quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** JSON safe inside a <script type="application/json"> block: no "</script>" or "<!--" can appear. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The document start every join page shares (its title, the stylesheet, `extra` in the head). */
export function head(title: string, extra = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/join/assets/join.css">
${extra}</head>`;
}

/** Renders the join page: a lobby with one Join button, then the meeting grid and controls. */
export function renderJoinPage(model: JoinPageModel): string {
  const emulator = model.mode === 'emulator';
  const scripts = [
    `<script type="application/json" id="join-config">${scriptJson(model)}</script>`,
    emulator ? '' : '<script src="/join/assets/opentok.js" defer></script>',
    '<script type="module" src="/join/assets/join.js"></script>',
  ]
    .filter(Boolean)
    .join('\n');
  const roleText = model.role === 'moderator' ? 'moderator' : 'participant';
  return `${head(`Join ${model.meetingTitle}`, `${scripts}\n`)}
<body data-state="lobby" data-mode="${model.mode}">
<a class="skip" href="#controls">Skip to meeting controls</a>
<main>
  <header class="bar">
    <h1 id="meeting-title">${escapeHtml(model.meetingTitle)}</h1>
    <p class="who" id="who">Joining as <strong>${escapeHtml(model.name)}</strong> <span class="role">${roleText}</span></p>
  </header>
  ${emulator ? '<p class="demo" id="demo-note"><strong>Demo mode (emulator): no real media.</strong> Your camera preview stays in this browser; the meeting card in the channel shows you as a participant.</p>' : ''}
  <p id="status" class="status" role="status" aria-live="polite">Ready when you are. Your browser will ask to use your camera and microphone.</p>
  <div id="problem" class="problem" role="alert" hidden></div>
  <section id="lobby" class="lobby" aria-label="Before you join">
    <button type="button" id="join" class="primary">Join meeting</button>
  </section>
  <section id="after" class="after" aria-label="After the meeting" hidden>
    <p id="after-text"></p>
    <a id="rejoin" class="button primary" href="#" hidden>Rejoin</a>
  </section>
  <ul id="messages" class="messages" aria-label="Messages from the meeting" aria-live="polite"></ul>
  <section id="stage" class="stage" aria-label="Participants">
    <ul id="grid" class="grid">
      <li class="tile self" id="self-tile"><div class="media" id="self-media"></div><span class="name">${escapeHtml(model.name)} (you)</span><span class="badge" id="self-badge" hidden></span></li>
    </ul>
  </section>
  <nav id="controls" class="controls" aria-label="Meeting controls" tabindex="-1">
    <button type="button" id="mic" disabled>Mute microphone</button>
    <button type="button" id="camera" disabled>Turn camera off</button>
    <button type="button" id="screen" disabled>Share screen</button>
    <button type="button" id="leave" class="danger" disabled>Leave</button>
  </nav>
</main>
</body>
</html>
`;
}

/** Renders the friendly page for a join link that cannot be used. */
export function renderProblemPage(problem: JoinProblem): string {
  return `${head(problem.title)}
<body data-state="problem" data-problem="${problem.code}">
<main class="problem-page">
  <h1>${escapeHtml(problem.title)}</h1>
  <p>${escapeHtml(problem.message)}</p>
  <p class="action"><strong>${escapeHtml(problem.action)}</strong></p>
</main>
</body>
</html>
`;
}
