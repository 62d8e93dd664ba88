/* global document, navigator, setInterval, clearInterval, setTimeout, fetch */
// Emulator mode: no media server exists, so our server relays connect/publish/leave to the emulator,
// which then tells the bot (callbacks) that this person joined. The camera preview stays local.
// A long poll of this connection's events stands in for the client SDK's signalling channel: it
// brings force mutes, signals and disconnects, and (like the SDK's heartbeat) keeps the connection
// alive; a page that stops polling is dropped by the emulator's connection timeout.
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

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Joins the emulated session and returns the call controls. */
export async function start(exchanged, hooks) {
  const local = await preview();
  const joined = await postJson('/join/emulator/connect', { grant: exchanged.grant, token: exchanged.token });
  let grant = joined.grant;
  let screen = null;
  let polling = null;
  let open = true;
  const camera = joined.streamId;

  const stop = () => {
    open = false;
    clearInterval(polling);
    polling = null;
    if (local.stream) for (const t of local.stream.getTracks()) t.stop();
    if (screen && screen.media) for (const t of screen.media.getTracks()) t.stop();
  };
  const end = (why) => {
    if (!open) return;
    stop();
    hooks.onEnded(why);
  };

  const refresh = async () => {
    try {
      const { participants } = await postJson('/join/emulator/participants', { grant });
      for (const p of participants) addTile(p.connectionId, p.name, describe(p));
      pruneTiles(new Set(participants.map((p) => p.connectionId)));
    } catch {
      // The event poll notices a lost connection and says so.
    }
  };

  const handle = (e) => {
    if (e.type === 'muteForced') hooks.onMuted(e.all);
    else if (e.type === 'signal') hooks.onSignal(e.signalType, e.data);
    else if (e.type === 'caption') hooks.onCaption(e.speaker, e.text);
    else if (e.type === 'streamDestroyed' && e.reason === 'forceUnpublished') {
      if (screen && e.streamId === screen.streamId) {
        if (screen.media) for (const t of screen.media.getTracks()) t.stop();
        screen = null;
        hooks.onStreamStopped('screen');
      } else if (e.streamId === camera) hooks.onStreamStopped('camera');
    } else if (e.type === 'disconnected') {
      end(
        e.reason === 'forceDisconnected'
          ? e.meetingEnded
            ? 'ended'
            : 'removed'
          : e.reason === 'clientDisconnected'
            ? 'left'
            : 'lost',
      );
    }
  };

  const listen = async () => {
    let after = 0;
    let epoch;
    let failures = 0;
    while (open) {
      try {
        const out = await postJson('/join/emulator/events', { grant, after, epoch });
        failures = 0;
        if (out.epoch !== epoch) after = 0;
        epoch = out.epoch;
        for (const e of out.events) {
          after = Math.max(after, e.seq);
          handle(e);
        }
        if (!out.connected) end('lost');
      } catch (err) {
        // A refused grant or connection will not come back; a network blip gets retried, gently.
        if (err.status === 403 || err.status === 404 || err.status === 409 || err.status === 410)
          return end('lost');
        failures++;
        if (failures === 3) say('Your connection to the meeting is unstable; trying to reach it…');
        await wait(Math.min(5000, 500 * failures));
      }
    }
  };

  await refresh();
  polling = setInterval(refresh, 2000);
  void listen();
  // Closing the tab is leaving: keepalive lets the request outlive the page.
  document.defaultView.addEventListener('pagehide', () => {
    if (!open) return;
    open = false;
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
        track.addEventListener('ended', () =>
          controls.stopScreen().then(hooks.onScreenEnded, hooks.onScreenEnded),
        );
    },
    async stopScreen() {
      if (!screen) return;
      if (screen.media) for (const t of screen.media.getTracks()) t.stop();
      const out = await postJson('/join/emulator/unpublish', { grant, streamId: screen.streamId });
      grant = out.grant;
      screen = null;
    },
    async leave() {
      stop();
      await postJson('/join/emulator/leave', { grant });
    },
  };
  return controls;
}
