import type { ClientPoll } from './client-feed.js';

// A client of an emulator's control API (`/_emulator/`) over HTTP: what the bot uses when its Video
// API URL is a standalone emulator (`npm run emulator`), so the console's `sim` and the demo join
// page work there as they do on the built-in one. The control API has no authentication: it is a
// loopback test and demo tool.

/** Raised when the emulator refuses or cannot be reached; `status` is its answer (0 when unreachable). */
export class EmulatorControlError extends Error {
  readonly code = 'emulator_control_failed';
  constructor(
    message: string,
    readonly status: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'EmulatorControlError';
  }
}

/** What a client of the emulated service can do (the in-process `Emulator` has the same methods). */
export interface EmulatorControl {
  connect(
    sessionId: string,
    token: string,
    opts?: { name?: string; heartbeat?: boolean },
  ): Promise<{ connectionId: string }>;
  publish(
    connectionId: string,
    stream?: { videoType?: 'camera' | 'screen'; name?: string; hasAudio?: boolean; hasVideo?: boolean },
  ): Promise<{ streamId: string }>;
  unpublish(streamId: string, reason?: string): Promise<void>;
  disconnect(connectionId: string, reason?: string): Promise<void>;
  /** Long-polls what the client of a heartbeat connection hears (and counts as its heartbeat). */
  events(
    connectionId: string,
    opts: { after: number; epoch?: string; waitMs: number; signal?: AbortSignal },
  ): Promise<ClientPoll>;
}

/** A standalone emulator reached over HTTP: the control operations, plus where its callbacks go. */
export interface RemoteEmulator extends EmulatorControl {
  url: string;
  /** Whether the emulator already sent its callbacks somewhere when it was found. */
  callbacksConfigured: boolean;
  /** Points the emulator's callbacks at `url` (the bot registers its own callback URL). */
  setCallbackUrl(url: string): Promise<void>;
}

const TIMEOUT_MS = 10_000;

async function call(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  opts: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<unknown> {
  let res: Response;
  const timeout = AbortSignal.timeout(opts.timeoutMs ?? TIMEOUT_MS);
  try {
    res = await fetch(new URL(path, base), {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout,
    });
  } catch (cause) {
    throw new EmulatorControlError('The emulator did not answer.', 0, { cause });
  }
  const text = await res.text();
  if (!res.ok) {
    // The emulator's message says why (e.g. "token expired"); it never echoes the token itself.
    let detail = '';
    try {
      detail = String((JSON.parse(text) as { message?: unknown }).message ?? '');
    } catch {
      detail = '';
    }
    throw new EmulatorControlError(
      `The emulator refused ${method} ${path.split('/')[1] ?? ''}: ${res.status}${detail ? ` ${detail}` : ''}`.replace(
        /\.?$/,
        '.',
      ),
      res.status,
    );
  }
  return text ? (JSON.parse(text) as unknown) : {};
}

function idOf(value: unknown, key: 'connectionId' | 'streamId'): string {
  const id = (value as Record<string, unknown> | null)?.[key];
  if (typeof id !== 'string' || id === '')
    throw new EmulatorControlError(`The emulator answered without a ${key}.`, 502);
  return id;
}

/** An emulator's control API at `baseUrl` (its root; the API lives under /_emulator/). */
export function remoteEmulator(baseUrl: string, callbacksConfigured = false): RemoteEmulator {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  const enc = encodeURIComponent;
  const reasonQuery = (reason?: string) => (reason ? `?reason=${enc(reason)}` : '');
  return {
    url: baseUrl.replace(/\/+$/, ''),
    callbacksConfigured,
    async connect(sessionId, token, opts = {}) {
      const out = await call(base, 'POST', `_emulator/sessions/${enc(sessionId)}/connections`, {
        token,
        name: opts.name,
        heartbeat: opts.heartbeat,
      });
      return { connectionId: idOf(out, 'connectionId') };
    },
    async publish(connectionId, stream = {}) {
      const out = await call(base, 'POST', `_emulator/connections/${enc(connectionId)}/streams`, stream);
      return { streamId: idOf(out, 'streamId') };
    },
    async unpublish(streamId, reason) {
      await call(base, 'DELETE', `_emulator/streams/${enc(streamId)}${reasonQuery(reason)}`);
    },
    async disconnect(connectionId, reason) {
      await call(base, 'DELETE', `_emulator/connections/${enc(connectionId)}${reasonQuery(reason)}`);
    },
    async events(connectionId, opts) {
      const query = new URLSearchParams({ after: String(opts.after), wait: String(opts.waitMs) });
      if (opts.epoch) query.set('epoch', opts.epoch);
      const out = await call(
        base,
        'GET',
        `_emulator/connections/${enc(connectionId)}/events?${query}`,
        undefined,
        {
          timeoutMs: opts.waitMs + TIMEOUT_MS,
          signal: opts.signal,
        },
      );
      return out as ClientPoll;
    },
    async setCallbackUrl(url) {
      await call(base, 'PUT', '_emulator/callback-url', { url });
    },
  };
}

/**
 * Asks once whether `url` is an emulator (GET /_emulator/info, short timeout); answers its control
 * client, or undefined for the real service or anything that does not say it is an emulator.
 */
export async function probeEmulator(url: string, timeoutMs = 1500): Promise<RemoteEmulator | undefined> {
  try {
    const info = (await call(url.endsWith('/') ? url : `${url}/`, 'GET', '_emulator/info', undefined, {
      timeoutMs,
    })) as { emulator?: unknown; callbacksConfigured?: unknown };
    return info?.emulator === true ? remoteEmulator(url, info.callbacksConfigured === true) : undefined;
  } catch {
    return undefined;
  }
}
