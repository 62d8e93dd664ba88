// How the join page drives the emulator: the emulator's control API (over HTTP, or the in-process
// object) connects a client with its Video token and publishes streams, which makes the emulator send
// connectionCreated/streamCreated callbacks exactly as Vonage would for a real browser.

/** The four emulator operations the join page needs (the in-process `Emulator` object has this shape). */
export interface EmulatorControl {
  connect(sessionId: string, token: string, opts?: { name?: string }): Promise<{ connectionId: string }>;
  publish(
    connectionId: string,
    stream: { videoType: 'camera' | 'screen'; name: string },
  ): Promise<{ streamId: string }>;
  unpublish(streamId: string): Promise<void>;
  disconnect(connectionId: string): Promise<void>;
}

/** Raised when the emulator refuses or cannot be reached; `status` is the emulator's answer (0 when unreachable). */
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

async function call(base: string, method: string, path: string, body?: unknown): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(new URL(path, base), {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
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
      `The emulator refused ${method} ${path.split('/')[2] ?? ''}: ${res.status}${detail ? ` ${detail}` : ''}.`,
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

/** An {@link EmulatorControl} over the emulator's HTTP control API under `/_emulator/`. */
export function httpEmulatorControl(baseUrl: string): EmulatorControl {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return {
    async connect(sessionId, token, opts = {}) {
      const out = await call(
        base,
        'POST',
        `_emulator/sessions/${encodeURIComponent(sessionId)}/connections`,
        { token, name: opts.name },
      );
      return { connectionId: idOf(out, 'connectionId') };
    },
    async publish(connectionId, stream) {
      const out = await call(
        base,
        'POST',
        `_emulator/connections/${encodeURIComponent(connectionId)}/streams`,
        stream,
      );
      return { streamId: idOf(out, 'streamId') };
    },
    async unpublish(streamId) {
      await call(base, 'DELETE', `_emulator/streams/${encodeURIComponent(streamId)}`);
    },
    async disconnect(connectionId) {
      await call(base, 'DELETE', `_emulator/connections/${encodeURIComponent(connectionId)}`);
    },
  };
}
