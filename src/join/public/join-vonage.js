/* global window */
// Real mode: the Vonage Video client library (served by our server from node_modules) connects,
// publishes camera and microphone into the local tile and subscribes to everyone else.
import { addTile, postJson, removeTile, say } from './join-ui.js';

const NEW_LINK = 'Ask for a new link in the channel with /video join.';

function problem(title, message) {
  return Object.assign(new Error(message), { title });
}

/** Explains an OpenTok error in plain words. */
function explain(err) {
  const code = (err && err.name) || '';
  if (/ACCESS_DENIED|PERMISSION_DENIED/.test(code)) {
    return problem(
      'Camera and microphone blocked',
      'Your browser blocked the camera and microphone. Click the camera icon in the address bar, allow access, then try again.',
    );
  }
  if (/NO_DEVICES_FOUND|NO_VALID_CONSTRAINTS|CONSTRAINTS_NOT_SATISFIED/.test(code)) {
    return problem(
      'No camera or microphone found',
      'We could not find a camera or microphone. Plug one in or check your system settings, then try again.',
    );
  }
  if (/HARDWARE_UNAVAILABLE|UNABLE_TO_CAPTURE_MEDIA|CHROME_MICROPHONE/.test(code)) {
    return problem(
      'Camera or microphone busy',
      'Another app is using your camera or microphone. Close it (or its other browser tab), then try again.',
    );
  }
  if (/AUTHENTICATION_ERROR|INVALID_SESSION_ID|TERMS_OF_SERVICE|API_KEY_DISABLED/.test(code)) {
    return problem(
      'The meeting service refused this link',
      `The video service did not accept your pass for this meeting. ${NEW_LINK}`,
    );
  }
  if (/CONNECTION_LIMIT|STREAM_LIMIT/.test(code)) {
    return problem(
      'The meeting is full',
      'This meeting has reached its limit of participants. Ask the host to make room, then try again.',
    );
  }
  if (/UNSUPPORTED_BROWSER|NOT_SUPPORTED/.test(code)) {
    return problem(
      'Browser not supported',
      'This browser cannot join video meetings. Use a current Chrome, Edge, Firefox or Safari.',
    );
  }
  if (/CONNECT_FAILED|SOCKET|TIMEOUT|NOT_CONNECTED|ICE_WORKFLOW|XDOMAIN|HTTP/.test(code)) {
    return problem(
      'Cannot reach the video service',
      'We could not reach the video service. A firewall, VPN or proxy may be blocking it; try another network, then try again.',
    );
  }
  return problem(
    'Something went wrong',
    `The video service reported ${code || 'an unknown error'}. Try again; if it keeps happening, tell the person who runs the bot.`,
  );
}

/** Connects to the real Video session and returns the call controls. */
export function start(exchanged, { onEnded, onScreenEnded, onMuted, onSignal, onStreamStopped }) {
  const OT = window.OT;
  if (!OT)
    throw problem(
      'The video library did not load',
      'Reload the page; if it keeps happening, a browser extension or network filter may be blocking it.',
    );
  if (!OT.checkSystemRequirements()) throw explain({ name: 'OT_UNSUPPORTED_BROWSER' });
  if (!window.isSecureContext) {
    throw problem(
      'This page needs a secure address',
      'Browsers give cameras and microphones only to https pages. Ask the person who runs the bot to serve it over https (PUBLIC_URL).',
    );
  }
  const session = OT.initSession(exchanged.applicationId, exchanged.sessionId);
  const view = { insertMode: 'append', width: '100%', height: '100%', showControls: false };
  let screen = null;
  let published = false;

  session.on('streamCreated', (event) => {
    const s = event.stream;
    const tile = addTile(s.streamId, s.name || 'Guest', s.videoType === 'screen' ? 'sharing screen' : '');
    session.subscribe(s, tile.querySelector('.media'), view, (err) => {
      if (err) addTile(s.streamId, s.name || 'Guest', 'cannot show this video');
    });
  });
  session.on('streamDestroyed', (event) => removeTile(event.stream.streamId));
  session.on('sessionReconnecting', () => say('Your connection dropped; reconnecting…'));
  session.on('sessionReconnected', () => say('Reconnected.'));
  session.on('signal', (event) => {
    // Signals the bot sends (`/video signal`) are meant for the people in the meeting: show them.
    onSignal((event.type || '').replace(/^signal:?/, ''), typeof event.data === 'string' ? event.data : '');
  });
  // A moderator muted this publisher (one stream, or everyone with mute-all).
  session.on('muteForced', () => onMuted(false));
  session.on('sessionDisconnected', async (event) => {
    if (event.reason === 'forceDisconnected') {
      // The service says only "a moderator disconnected you": ask the bot whether the meeting ended.
      let ended = false;
      try {
        ended = (await postJson('/join/status', { pass: exchanged.rejoin })).meeting !== 'active';
      } catch {
        ended = false;
      }
      onEnded(ended ? 'ended' : 'removed');
    } else if (event.reason === 'networkDisconnected') onEnded('lost');
  });

  return new Promise((resolve, reject) => {
    let notice = '';
    const publisher = OT.initPublisher('self-media', { ...view, name: exchanged.name }, (err) => {
      // Without a camera you can still watch and listen: say why, keep going.
      if (err) notice = `${explain(err).message} You can still watch and listen.`;
    });
    publisher.on('streamDestroyed', (event) => {
      if (event.reason !== 'forceUnpublished') return;
      event.preventDefault();
      onStreamStopped('camera');
    });
    session.connect(exchanged.token, (err) => {
      if (err) {
        // Leave nothing behind for "Try again": it starts a fresh publisher and session.
        publisher.destroy();
        session.off();
        return reject(explain(err));
      }
      const controls = {
        get notice() {
          return notice;
        },
        // Without a published camera (blocked, missing) there is nothing to mute: the toggles only update the page.
        setMic: (on) => published && publisher.publishAudio(on),
        setCamera: (on) => published && publisher.publishVideo(on),
        startScreen: () =>
          new Promise((ok, no) => {
            OT.checkScreenSharingCapability((cap) => {
              if (!cap.supported)
                return no(
                  problem(
                    'Screen sharing not available',
                    'This browser cannot share your screen. Use a current desktop Chrome, Edge or Firefox.',
                  ),
                );
              const tile = addTile('my-screen', `${exchanged.name} (screen)`, 'you are sharing');
              screen = OT.initPublisher(
                tile.querySelector('.media'),
                { ...view, videoSource: 'screen', name: `${exchanged.name} (screen)` },
                (e) => {
                  if (e) {
                    removeTile('my-screen');
                    screen = null;
                    return no(
                      e.name === 'OT_USER_MEDIA_ACCESS_DENIED'
                        ? problem(
                            'Screen sharing did not start',
                            'You cancelled the screen picker, or the browser blocked it.',
                          )
                        : explain(e),
                    );
                  }
                  screen.on('mediaStopped', () => {
                    removeTile('my-screen');
                    screen = null;
                    onScreenEnded();
                  });
                  session.publish(screen, (pe) => (pe ? no(explain(pe)) : ok()));
                },
              );
            });
          }),
        stopScreen: async () => {
          if (screen) session.unpublish(screen);
          removeTile('my-screen');
          screen = null;
        },
        leave: async () => session.disconnect(),
      };
      if (notice) return resolve(controls);
      session.publish(publisher, (pe) => {
        if (pe) notice = `${explain(pe).message} You can still watch and listen.`;
        else published = true;
        resolve(controls);
      });
    });
  });
}
