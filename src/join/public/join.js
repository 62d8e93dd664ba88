/* global document */
// The join page's controller: exchange the ticket once, start the mode (real SDK or emulator relay),
// then wire the four controls. Mode modules return a call object with the same small interface.
import { clearProblem, postJson, say, selfBadge, setState, showProblem } from './join-ui.js';

const $ = (id) => document.getElementById(id);
const config = JSON.parse($('join-config').textContent);
const controls = ['mic', 'camera', 'screen', 'leave'];
const state = { mic: true, camera: true, screen: false, exchanged: null, call: null };

function enableControls(on) {
  for (const id of controls) $(id).disabled = !on;
}

function fail(err) {
  setState('failed');
  enableControls(false);
  const retry = state.exchanged !== null;
  showProblem(err.title || 'We could not put you in the meeting', err.message || 'Something went wrong.');
  say(retry ? 'Joining failed. You can try again with the button below.' : 'Joining failed.');
  $('join').textContent = 'Try again';
  // Without an exchanged ticket (expired, used) another try cannot help; the message says what to do.
  $('join').disabled = !retry;
}

function ended(message) {
  setState('left');
  enableControls(false);
  state.call = null;
  say(message);
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
    state.call = await mode.start(grant, { onEnded: ended, onScreenEnded: screenStopped });
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
  ended('You left the meeting. You can close this tab.');
});
