// One bot replica for planned-meeting tests: the real core on a shared SQLite file, the Discord
// adapter behind its signed interactions route (Discord REST faked by FakeDiscord), and planned
// meetings wired as src/main.ts wires them, with the timer loop on a fake clock.

import { createDiscordAdapter } from '../../adapters/discord/index.js';
import { silentLogger } from '../../src/log.js';
import { startPlanned, type Planned } from '../../src/planned/wiring.js';
import type { TimerDecision } from '../../src/schedule/index.js';
import { startBotStack, type BotStack } from '../support/stack.js';
import type { FakeDiscord } from '../adapters/discord/fake-discord.js';
import { signHeaders, type TestKeys } from '../adapters/discord/signing.js';
import type { FakeScheduler } from '../schedule/fakes.js';

const DAY = 86_400_000;
export const APP = '111111111111111111';

/** A running replica. */
export interface Replica {
  name: string;
  stack: BotStack;
  planned: Planned;
  url: string;
  decisions: TimerDecision[];
  /** Posts a signed interaction of `type` from user `userId` with `data`; returns it and the first response. */
  send(
    type: number,
    userId: string,
    data: Record<string, unknown>,
  ): Promise<{ token: string; status: number; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

let seq = 0;

/**
 * Starts a replica named `name` on the SQLite file `file` (or the store at `databaseUrl`); its timer
 * lease lasts for days of fake time.
 */
export async function startReplica(o: {
  name: string;
  file?: string;
  databaseUrl?: string;
  discord: FakeDiscord;
  keys: TestKeys;
  sched: FakeScheduler;
  /** Longest sleep of the timer loop (its default minute makes weeks of fake time slow). */
  maxSleepMs?: number;
}): Promise<Replica> {
  const stack = await startBotStack({
    callbackSecret: 'planned-replica-callback-secret-01',
    minIntervalMs: 20,
    pollMs: 20,
    databaseUrl: o.databaseUrl ?? `sqlite:${o.file}`,
  });
  const adapter = createDiscordAdapter({
    settings: { token: 'bot-token', publicKey: o.keys.publicKeyHex, apiUrl: o.discord.url },
    mode: 'http',
    server: stack.server,
    door: stack.door,
    log: silentLogger,
  });
  stack.cards.registerPublisher(adapter.publisher);
  await adapter.start();
  // Commands read the fake clock too (the adapters' own reply deadlines stay on the real one).
  stack.ctx.now = () => o.sched.now();
  stack.onClose(() => adapter.stop());
  const url = await stack.listen();
  const decisions: TimerDecision[] = [];
  const planned = startPlanned({
    services: stack.ctx as typeof stack.ctx & { cards: typeof stack.cards },
    server: stack.server,
    holder: o.name,
    log: silentLogger,
    scheduler: o.sched,
    // Renewed rarely and valid for days of fake time: the first holder keeps it until it stops.
    lease: { ttlMs: 7 * DAY, renewMs: DAY },
    onDecision: (d) => decisions.push(d),
    ...(o.maxSleepMs ? { maxSleepMs: o.maxSleepMs } : {}),
  });
  return {
    name: o.name,
    stack,
    planned,
    url,
    decisions,
    async send(type, userId, data) {
      const n = ++seq;
      const token = `itok-${o.name}-${n}`;
      const payload = {
        id: `9${String(n).padStart(17, '0')}`,
        application_id: APP,
        type,
        token,
        guild_id: 'g1',
        channel_id: 'c1',
        member: {
          user: { id: userId, username: userId, global_name: `User ${userId}` },
          permissions: '0',
          roles: [],
        },
        data,
        ...(type === 3 ? { message: { id: 'card' } } : {}),
      };
      const body = JSON.stringify(payload);
      const res = await fetch(`${url}/discord/interactions`, {
        method: 'POST',
        body,
        headers: signHeaders(o.keys, body),
      });
      return { token, status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
    async close() {
      await planned.stop();
      await stack.close();
    },
  };
}

/** `/video <path>` data with string options. */
export function slash(path: string, options: Record<string, string | boolean> = {}) {
  const leaf = Object.entries(options).map(([name, value]) => ({
    name,
    type: typeof value === 'boolean' ? 5 : 3,
    value,
  }));
  const [a, b] = path.split(' ') as [string, string | undefined];
  const sub = { type: 1, name: b ?? a, options: leaf };
  return { name: 'video', type: 1, options: [b ? { type: 2, name: a, options: [sub] } : sub] };
}

/** Waits until `check` holds (the adapters answer and post asynchronously). */
export async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}
