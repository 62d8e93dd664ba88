import { randomBytes, randomInt } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { RestAuth } from './auth.js';
import { CallbackDispatcher } from './callbacks.js';
import { Control, type PublishOptions } from './control.js';
import { Credentials } from './credentials.js';
import { Faults } from './faults.js';
import { Router } from './http.js';
import { buildRoutes } from './routes/index.js';
import { createEmulatorServer } from './server.js';
import type { CallbackDelivery, DtmfRecord, FaultRule, SessionSnapshot, SignalRecord } from './types.js';
import { World } from './world.js';

export type { CallbackDelivery, DtmfRecord, FaultRule, SessionSnapshot, SignalRecord } from './types.js';
export type { PublishOptions } from './control.js';
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
  port?: number;
  host?: string;
  timing?: {
    archiveAvailableMs?: number;
    renderStartMs?: number;
    callbackRetryBaseMs?: number;
    secondMs?: number;
    callbackMaxAttempts?: number;
  };
  /** Deliver callbacks shuffled. */
  outOfOrder?: boolean;
}

/** A running emulator: its URL and credentials, and the same control surface as /_emulator/. */
export interface Emulator {
  url: string;
  apiKey: string;
  apiSecret: string;
  close(): Promise<void>;
  setCallbackUrl(url: string | undefined): void;
  connect(
    sessionId: string,
    token: string,
    opts?: { name?: string },
  ): Promise<{ connectionId: string; data: string }>;
  publish(connectionId: string, opts?: PublishOptions): Promise<{ streamId: string }>;
  unpublish(streamId: string, reason?: string): Promise<void>;
  disconnect(connectionId: string, reason?: string): Promise<void>;
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
  const apiKey = opts.apiKey ?? String(randomInt(10_000_000, 99_999_999));
  const apiSecret = opts.apiSecret ?? randomBytes(20).toString('hex');
  const creds = new Credentials();
  creds.addProject(apiKey, apiSecret);
  for (const app of opts.applications ?? []) creds.addApplication(app.applicationId, app.publicKeyPem);
  const t = opts.timing ?? {};
  const callbacks = new CallbackDispatcher({
    url: opts.callbackUrl,
    signatureSecret: opts.signatureSecret,
    retryBaseMs: t.callbackRetryBaseMs ?? 100,
    maxAttempts: t.callbackMaxAttempts ?? 5,
    outOfOrder: opts.outOfOrder ?? false,
    claims: (projectId): Record<string, string> =>
      creds.isApplication(projectId) ? { application_id: projectId } : { api_key: projectId },
  });
  let url = '';
  const timing = {
    archiveAvailableMs: t.archiveAvailableMs ?? 200,
    renderStartMs: t.renderStartMs ?? 150,
    callbackRetryBaseMs: t.callbackRetryBaseMs ?? 100,
    secondMs: t.secondMs ?? 1000,
  };
  const world = new World(creds, callbacks, timing, () => url);
  const control = new Control(world);
  const faults = new Faults();
  const reset = (): void => {
    world.clear();
    callbacks.reset();
    faults.clear();
  };
  const router = new Router();
  buildRoutes(router, { world, auth: new RestAuth(creds) }, { world, control, faults, reset });
  const server = createEmulatorServer(router, faults);
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const bySession = <T extends { sessionId: string }>(list: T[], sessionId?: string): T[] =>
    sessionId ? list.filter((r) => r.sessionId === sessionId) : [...list];

  return {
    url,
    apiKey,
    apiSecret,
    async close() {
      world.clear();
      callbacks.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    setCallbackUrl: (next) => {
      callbacks.url = next;
    },
    connect: (sessionId, token, o) => control.connect(sessionId, token, o),
    publish: async (connectionId, o) => control.publish(connectionId, o),
    unpublish: async (streamId, reason) => control.unpublish(streamId, reason),
    disconnect: async (connectionId, reason) => control.disconnect(connectionId, reason),
    signals: (sessionId) => bySession(world.signals, sessionId),
    dtmf: (sessionId) => bySession(world.dtmf, sessionId),
    deliveries: () => [...callbacks.deliveries],
    snapshot: (sessionId) => control.snapshot(sessionId),
    setFault: (f) => faults.add(f),
    clearFaults: () => faults.clear(),
    reset,
    async idle() {
      while (callbacks.busy || world.transitioning) await new Promise((r) => setTimeout(r, 5));
    },
  };
}
