/* global document, navigator, setInterval, clearInterval, fetch */
// Emulator mode: no media server exists, so our server relays connect/publish/leave to the emulator,
// which then tells the bot (callbacks) that this person joined. The camera preview stays local.
import { addTile, explainMediaError, postJson, pruneTiles, say } from './join-ui.js';

async function preview() {
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    return {
      stream: null,
      notice: 'This browser offers no camera here, so there is no preview (demo mode works without it).',
    };
  }
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
    const video = document.createElement('video');
    video.muted = true;
    video.autoplay = true;
    video.playsInline = true;
    video.setAttribute('aria-label', 'Your camera preview');
    video.srcObject = stream;
    document.getElementById('self-media').replaceChildren(video);
    return { stream, notice: '' };
  } catch (err) {
    return { stream: null, notice: `${explainMediaError(err)} (Demo mode continues without a preview.)` };
  }
}

function describe(p) {
  const kinds = p.streams
    .map((s) => (s.videoType === 'screen' ? 'sharing screen' : s.muted ? 'muted' : ''))
    .filter(Boolean);
  return [p.kind !== 'user' && p.kind !== 'unknown' ? p.kind.toUpperCase() : '', ...kinds]
    .filter(Boolean)
    .join(', ');
}

/** Joins the emulated session and returns the call controls. */
export async function start(exchanged, { onEnded, onScreenEnded }) {
  const local = await preview();
  const joined = await postJson('/join/emulator/connect', { grant: exchanged.grant, token: exchanged.token });
  let grant = joined.grant;
  let screen = null;
  let polling = null;

  const refresh = async () => {
    try {
      const { participants } = await postJson('/join/emulator/participants', { grant });
      for (const p of participants) addTile(p.connectionId, p.name, describe(p));
      pruneTiles(new Set(participants.map((p) => p.connectionId)));
    } catch (err) {
      if (err.status === 403 || err.status === 409) {
        clearInterval(polling);
        onEnded('You are no longer in the meeting. Ask for a new link in the channel with /video join.');
      }
    }
  };
  await refresh();
  polling = setInterval(refresh, 2000);
  // Closing the tab is leaving: keepalive lets the request outlive the page.
  document.defaultView.addEventListener('pagehide', () => {
    if (polling === null) return;
    fetch('/join/emulator/leave', {
      method: 'POST',
      keepalive: true,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant }),
    }).catch(() => {});
  });

  const tracks = (kind) => (local.stream ? local.stream.getTracks().filter((t) => t.kind === kind) : []);
  const controls = {
    notice: `Demo mode: no real media.${local.notice ? ` ${local.notice}` : ''}`,
    setMic(on) {
      for (const t of tracks('audio')) t.enabled = on;
    },
    setCamera(on) {
      for (const t of tracks('video')) t.enabled = on;
    },
    async startScreen() {
      if (navigator.mediaDevices && navigator.mediaDevices.getDisplayMedia) {
        try {
          screen = { media: await navigator.mediaDevices.getDisplayMedia({ video: true }) };
        } catch (err) {
          if (err.name === 'NotAllowedError')
            throw Object.assign(new Error('You cancelled the screen picker, or the browser blocked it.'), {
              title: 'Screen sharing did not start',
            });
          screen = { media: null };
        }
      } else {
        screen = { media: null };
      }
      const out = await postJson('/join/emulator/publish', { grant, videoType: 'screen' });
      grant = out.grant;
      screen.streamId = out.streamId;
      // The browser's own "Stop sharing" bar ends the track: unpublish as if the button was pressed.
      const track = screen.media && screen.media.getVideoTracks()[0];
      if (track)
        track.addEventListener('ended', () => controls.stopScreen().then(onScreenEnded, onScreenEnded));
    },
    async stopScreen() {
      if (!screen) return;
      if (screen.media) for (const t of screen.media.getTracks()) t.stop();
      const out = await postJson('/join/emulator/unpublish', { grant, streamId: screen.streamId });
      grant = out.grant;
      screen = null;
    },
    async leave() {
      clearInterval(polling);
      polling = null;
      if (local.stream) for (const t of local.stream.getTracks()) t.stop();
      if (screen && screen.media) for (const t of screen.media.getTracks()) t.stop();
      await postJson('/join/emulator/leave', { grant });
      say('You left the meeting.');
    },
  };
  return controls;
}
