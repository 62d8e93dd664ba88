/* global document */
// The join page's controller: exchange the ticket once, start the mode (real SDK or emulator relay),
// wire the four controls, and react to what the service tells the page (muted by a moderator, a
// signal, removed, the meeting ended). Mode modules return a call object with the same interface.
import {
  clearProblem,
  postJson,
  say,
  selfBadge,
  setState,
  showCaption,
  showMessage,
  showProblem,
} from './join-ui.js';

const $ = (id) => document.getElementById(id);
const config = JSON.parse($('join-config').textContent);
const controls = ['mic', 'camera', 'screen', 'leave'];
const state = { mic: true, camera: true, screen: false, exchanged: null, call: null, over: false };
const NEW_LINK = 'Ask for a new link in the channel with /video join.';

function enableControls(on) {
  for (const id of controls) $(id).disabled = !on;
}

/** A refusal another click cannot change (used or expired link, meeting ended, refused by the service). */
function final(err) {
  return state.exchanged === null || (err.status >= 400 && err.status < 500);
}

function fail(err) {
  setState('failed');
  enableControls(false);
  showProblem(err.title || 'We could not put you in the meeting', err.message || 'Something went wrong.');
  if (final(err)) {
    // "Try again" would only fail the same way: the problem box says what to do instead.
    $('join').hidden = true;
    say('Joining failed.');
    return;
  }
  $('join').textContent = 'Try again';
  $('join').disabled = false;
  say('Joining failed. You can try again with the button below.');
}

/** Offers a fresh link for the same person while the original would still be valid, else the way to get one. */
async function offerRejoin() {
  const pass = state.exchanged && state.exchanged.rejoin;
  try {
    if (!pass) throw new Error(NEW_LINK);
    const { path } = await postJson('/join/rejoin', { pass });
    $('rejoin').href = path;
    $('rejoin').hidden = false;
    $('after-text').textContent = 'Changed your mind? You can rejoin with the same link details.';
  } catch (err) {
    // The server's answer says why (link too old, meeting over) and what to do next.
    $('after-text').textContent = err.message || NEW_LINK;
  }
}

/**
 * The end of this visit: `why` is left (you clicked Leave), lost (the connection dropped), removed
 * (a moderator removed you) or ended (the meeting ended). Says so everywhere the page said "joined".
 */
async function finish(why) {
  if (state.over) return;
  state.over = true;
  setState('left');
  enableControls(false);
  state.call = null;
  const headline = {
    left: 'You left the meeting',
    lost: 'Your connection to the meeting was lost',
    removed: 'You were removed from the meeting',
    ended: 'The meeting has ended',
  }[why];
  $('who').textContent = headline;
  if ($('demo-note')) $('demo-note').textContent = 'Demo mode (emulator): no real media.';
  say(`${headline}.`);
  $('after').hidden = false;
  if (why === 'ended')
    $('after-text').textContent = 'The host ended it, so there is nothing to rejoin. You can close this tab.';
  else if (why === 'removed')
    $('after-text').textContent =
      `If you should be in it, ask the host; a new link comes from /video join in the channel.`;
  else await offerRejoin();
}

function muted(all) {
  state.mic = false;
  if (state.call) state.call.setMic(false);
  $('mic').textContent = 'Unmute microphone';
  say(
    all ? 'A moderator muted everyone. Unmute when you want to speak.' : 'A moderator muted your microphone.',
  );
  badge();
}

function streamStopped(kind) {
  if (kind === 'screen') {
    screenStopped();
    say('A moderator stopped your screen sharing.');
  } else say('A moderator stopped your camera and microphone stream.');
}

async function join() {
  $('join').disabled = true;
  clearProblem();
  setState('connecting');
  say('Joining the meeting…');
  try {
    if (!state.exchanged) state.exchanged = await postJson(config.exchangePath, {});
    const grant = state.exchanged;
    const mode =
      grant.mode === 'emulator' ? await import('./join-emulator.js') : await import('./join-vonage.js');
    state.call = await mode.start(grant, {
      onEnded: finish,
      onScreenEnded: screenStopped,
      onMuted: muted,
      onSignal: showMessage,
      onCaption: showCaption,
      onStreamStopped: streamStopped,
    });
  } catch (err) {
    fail(err);
    return;
  }
  setState('joined');
  enableControls(true);
  const notice = state.call.notice ? ` ${state.call.notice}` : '';
  say(`You are in the meeting as ${state.exchanged.name}.${notice}`);
  $('mic').focus();
}

function screenStopped() {
  state.screen = false;
  $('screen').textContent = 'Share screen';
  say('Screen sharing stopped.');
  badge();
}

function badge() {
  const parts = [];
  if (!state.mic) parts.push('muted');
  if (!state.camera) parts.push('camera off');
  if (state.screen) parts.push('sharing screen');
  selfBadge(parts.join(', '));
}

$('join').addEventListener('click', join);
$('mic').addEventListener('click', () => {
  state.mic = !state.mic;
  state.call.setMic(state.mic);
  $('mic').textContent = state.mic ? 'Mute microphone' : 'Unmute microphone';
  say(state.mic ? 'Microphone on.' : 'Microphone muted.');
  badge();
});
$('camera').addEventListener('click', () => {
  state.camera = !state.camera;
  state.call.setCamera(state.camera);
  $('camera').textContent = state.camera ? 'Turn camera off' : 'Turn camera on';
  say(state.camera ? 'Camera on.' : 'Camera off.');
  badge();
});
$('screen').addEventListener('click', async () => {
  $('screen').disabled = true;
  try {
    if (state.screen) {
      await state.call.stopScreen();
      screenStopped();
    } else {
      await state.call.startScreen();
      state.screen = true;
      $('screen').textContent = 'Stop sharing';
      say('You are sharing your screen.');
    }
  } catch (err) {
    showProblem(err.title || 'Screen sharing did not start', err.message);
  }
  $('screen').disabled = state.call === null;
  badge();
});
$('leave').addEventListener('click', async () => {
  enableControls(false);
  try {
    await state.call.leave();
  } catch {
    // Leaving locally still works: the service drops the connection when the page goes away.
  }
  await finish('left');
});
