// How the join page drives the emulator: its control API (over HTTP, or the in-process object)
// connects a client with its Video token and publishes streams, which makes the emulator send
// connectionCreated/streamCreated callbacks exactly as Vonage would for a real browser.

export {
  EmulatorControlError,
  remoteEmulator as httpEmulatorControl,
  type EmulatorControl,
} from '../emulator/remote.js';
