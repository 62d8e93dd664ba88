import { randomBytes, randomInt } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RestAuth } from './auth.js';
import { CallbackDispatcher } from './callbacks.js';
import type { ClientPoll } from './client-feed.js';
import { Control, type PublishOptions } from './control.js';
import { Credentials } from './credentials.js';
import { Faults } from './faults.js';
import { Router } from './http.js';
import { ConnectionSweeper, heartbeat } from './liveness.js';
import { resumeWorld } from './resume.js';
import { buildRoutes } from './routes/index.js';
import { createEmulatorServer } from './server.js';
import { dumpWorld, loadWorld, type SavedState } from './state-codec.js';
import { readState, StateWriter } from './state-file.js';
import type { CallbackDelivery, DtmfRecord, FaultRule, SessionSnapshot, SignalRecord } from './types.js';
import { World } from './world.js';

export type { CallbackDelivery, DtmfRecord, FaultRule, SessionSnapshot, SignalRecord } from './types.js';
export type { PublishOptions } from './control.js';
export type { ClientEvent, ClientPoll } from './client-feed.js';
/** The error control methods reject with; `status` is the HTTP status the control API would answer. */
export { HttpError as EmulatorError } from './http.js';

/** How to start an emulator; everything is optional. */
export interface EmulatorOptions {
  apiKey?: string;
  apiSecret?: string;
  applications?: Array<{ applicationId: string; publicKeyPem: string }>;
  /** One URL receiving all callbacks (session monitoring, archive, broadcast, render, SIP). */
  callbackUrl?: string;
  /** Signs callbacks: Authorization: Bearer HS256 JWT {iat, jti, iss: 'Vonage', payload_hash}. */
  signatureSecret?: string;
  /** 0 or absent: the port saved in `stateFile` when it is free, else an ephemeral one. */
  port?: number;
  host?: string;
  /**
   * Keeps the whole state (credentials, sessions, connections, archives, broadcasts, calls, unsent
   * callbacks) in this JSON file, so a restarted emulator carries on; absent: memory only.
   */
  stateFile?: string;
  /**
   * Send callbacks to the URL saved in `stateFile` when none is given (the standalone emulator: the
   * bot that registered it need not do it again). The built-in one gets the bot's URL at each start.
   */
  keepCallbackUrl?: boolean;
  /** Where the emulator reports a problem it survives (an unreadable state file, a failed save). */
  warn?: (message: string) => void;
  timing?: {
    archiveAvailableMs?: number;
    renderStartMs?: number;
    callbackRetryBaseMs?: number;
    secondMs?: number;
    callbackMaxAttempts?: number;
    /** Heartbeat timeout of clients that send heartbeats (default 30 000, as Vonage). */
    connectionTimeoutMs?: number;
  };
  /** Deliver callbacks shuffled. */
  outOfOrder?: boolean;
}

/** A running emulator: its URL and credentials, and the same control surface as /_emulator/. */
export interface Emulator {
  url: string;
  apiKey: string;
  apiSecret: string;
  /** True when the state came back from `stateFile`. */
  resumed: boolean;
  close(): Promise<void>;
  setCallbackUrl(url: string | undefined): void;
  connect(
    sessionId: string,
    token: string,
    opts?: { name?: string; heartbeat?: boolean },
  ): Promise<{ connectionId: string; data: string }>;
  publish(connectionId: string, opts?: PublishOptions): Promise<{ streamId: string }>;
  unpublish(streamId: string, reason?: string): Promise<void>;
  disconnect(connectionId: string, reason?: string): Promise<void>;
  /** A heartbeat of a client connected with `heartbeat: true`; rejects (404) once it is gone. */
  heartbeat(connectionId: string): Promise<void>;
  /** Long-polls what the client of a `heartbeat: true` connection hears (counts as a heartbeat). */
  events(
    connectionId: string,
    opts: { after: number; epoch?: string; waitMs: number; signal?: AbortSignal },
  ): Promise<ClientPoll>;
  signals(sessionId?: string): SignalRecord[];
  dtmf(sessionId?: string): DtmfRecord[];
  deliveries(): CallbackDelivery[];
  snapshot(sessionId: string): SessionSnapshot;
  setFault(f: FaultRule): void;
  clearFaults(): void;
  reset(): void;
  /** Resolves when no callback delivery (and no short state transition) is pending. */
  idle(): Promise<void>;
}

/** Starts a local Vonage Video API emulator on loopback (ephemeral port by default). */
export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const warn = opts.warn ?? ((m: string) => process.stderr.write(`${m}\n`));
  const saved = opts.stateFile ? await readState(opts.stateFile, warn) : undefined;
  const savedSecret = (key: string) => saved?.projects.find((p) => p.apiKey === key)?.apiSecret;
  const apiKey = opts.apiKey ?? saved?.projects[0]?.apiKey ?? String(randomInt(10_000_000, 99_999_999));
  const apiSecret = opts.apiSecret ?? savedSecret(apiKey) ?? randomBytes(20).toString('hex');
  const creds = new Credentials();
  for (const p of saved?.projects ?? []) creds.addProject(p.apiKey, p.apiSecret);
  creds.addProject(apiKey, apiSecret);
  for (const app of [...(saved?.applications ?? []), ...(opts.applications ?? [])])
    creds.addApplication(app.applicationId, app.publicKeyPem);
  const t = opts.timing ?? {};
  const callbacks = new CallbackDispatcher({
    url: opts.callbackUrl ?? (opts.keepCallbackUrl ? saved?.callbackUrl : undefined),
    signatureSecret: opts.signatureSecret,
    retryBaseMs: t.callbackRetryBaseMs ?? 100,
    maxAttempts: t.callbackMaxAttempts ?? 5,
    outOfOrder: opts.outOfOrder ?? false,
    claims: (projectId): Record<string, string> =>
      creds.isApplication(projectId) ? { application_id: projectId } : { api_key: projectId },
    // Called only once deliveries run, long after `w` below exists.
    onSettled: () => w.changed(),
    holdWithoutUrl: opts.stateFile !== undefined,
  });
  let url = saved?.url ?? '';
  const timing = {
    archiveAvailableMs: t.archiveAvailableMs ?? 200,
    renderStartMs: t.renderStartMs ?? 150,
    callbackRetryBaseMs: t.callbackRetryBaseMs ?? 100,
    secondMs: t.secondMs ?? 1000,
    connectionTimeoutMs: t.connectionTimeoutMs ?? 30_000,
  };
  const w = new World(creds, callbacks, timing, () => url);
  const control = new Control(w);
  const faults = new Faults();
  const reset = (): void => {
    w.clear();
    callbacks.reset();
    faults.clear();
    w.changed();
  };
  const router = new Router();
  buildRoutes(router, { world: w, auth: new RestAuth(creds) }, { world: w, control, faults, reset });
  const server = createEmulatorServer(router, faults, () => w.changed());
  const host = opts.host ?? '127.0.0.1';
  const port = opts.port
    ? await listen(server, host, opts.port)
    : await listen(server, host, savedPort(saved)).catch(() => listen(server, host, 0));
  url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  let writer: StateWriter | undefined;
  if (saved) {
    loadWorld(w, saved);
    resumeWorld(w, saved.url);
    for (const c of saved.callbacks) callbacks.emit(c.projectId, c.sessionId, c.payload, c.urlOverride);
  }
  if (opts.stateFile) {
    const snapshot = (): SavedState =>
      dumpWorld(w, { url, callbackUrl: callbacks.url, ...creds.list(), callbacks: callbacks.pending() });
    writer = new StateWriter(opts.stateFile, snapshot, warn);
    w.onChange = () => writer!.changed();
    w.changed();
  }
  const sweeper = new ConnectionSweeper(w);
  sweeper.start();
  const bySession = <T extends { sessionId: string }>(list: T[], sessionId?: string): T[] =>
    sessionId ? list.filter((r) => r.sessionId === sessionId) : [...list];

  return {
    url,
    apiKey,
    apiSecret,
    resumed: saved !== undefined,
    async close() {
      sweeper.stop();
      // Saved before anything is torn down: what is running now is what the next start resumes.
      await writer?.close();
      w.onChange = undefined;
      w.clear();
      callbacks.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    setCallbackUrl: (next) => callbacks.setUrl(next),
    connect: (sessionId, token, o) => control.connect(sessionId, token, o),
    publish: async (connectionId, o) => control.publish(connectionId, o),
    unpublish: async (streamId, reason) => control.unpublish(streamId, reason),
    disconnect: async (connectionId, reason) => control.disconnect(connectionId, reason),
    heartbeat: async (connectionId) => heartbeat(w, connectionId),
    events: (connectionId, o) => control.events(connectionId, o),
    signals: (sessionId) => bySession(w.signals, sessionId),
    dtmf: (sessionId) => bySession(w.dtmf, sessionId),
    deliveries: () => [...callbacks.deliveries],
    snapshot: (sessionId) => control.snapshot(sessionId),
    setFault: (f) => faults.add(f),
    clearFaults: () => faults.clear(),
    reset,
    async idle() {
      while (callbacks.busy || w.transitioning) await new Promise((r) => setTimeout(r, 5));
    },
  };
}

function savedPort(saved: SavedState | undefined): number {
  const port = saved ? Number(/:(\d+)$/.exec(saved.url)?.[1]) : 0;
  return Number.isInteger(port) ? port : 0;
}

/** Listens on `port` (0: any free port) and answers the port bound. */
function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
