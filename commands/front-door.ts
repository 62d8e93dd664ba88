import { PendingCommands, type PendingOptions } from '../src/replica/pending.js';
import { rerunTaken, runTicket } from './carry-out.js';
import { checkForm, openControl } from './controls.js';
import type { CommandInfo, FrontDoor } from './door-types.js';
import type { DoorState } from './door-state.js';
import { accept, ACK_BUDGET_MS, SLOW, STORE_BUDGET_MS } from './intake.js';
import { commands as registry } from './registry.js';
import type { Command, CoreServices } from './types.js';
import { WorkQueue, type WorkQueueOptions } from './work-queue.js';

// The one way into the core for chat requests (Slack, Discord, the console), the inbound twin of
// src/events: accept (resolve, record durably, ack) -> run (role, meeting, place, command, reply,
// done), one module per step. Adapters translate platform payloads to ChatRequests and Views to
// platform payloads; they import nothing else from commands/.

export type { Ack, CommandInfo, FrontDoor, Opening, PlatformPort, Ticket } from './door-types.js';
export type { Form } from './forms.js';
export type { Ask, ChatRequest, Control, FormFields, RequestActor } from './request.js';
export type { OptionSpec } from './types.js';
/** The nearest of some words to a typo (adapters suggest their own words with it). */
export { closest } from './errors.js';

/** Every command, in the order help lists them (for adapters that register or complete them). */
export const commandList: readonly CommandInfo[] = registry;

/** What the front door is built from. */
export interface FrontDoorOptions {
  services: CoreServices;
  /** Durable-record timing and this replica's ID (src/replica/pending.ts). */
  pending: Pick<PendingOptions, 'holder'> &
    Partial<Pick<PendingOptions, 'heartbeatMs' | 'staleMs' | 'recoverMs' | 'maxAttempts' | 'minAgeMs'>>;
  work?: WorkQueueOptions;
  /** The command list (default commands/registry.ts). */
  commands?: readonly Command[];
  /** The pre-ack write's deadline in the store and the ack's (ms; defaults 2000 and 2500). */
  budgets?: { storeMs: number; ackMs: number };
}

/** Builds the front door over the core's services. */
export function createFrontDoor(o: FrontDoorOptions): FrontDoor {
  const s: DoorState = {
    services: o.services,
    list: o.commands ?? registry,
    ports: new Map(),
    recoveries: new Map(),
    work: new WorkQueue({ now: o.services.now, ...o.work }),
    budgets: o.budgets ?? { storeMs: STORE_BUDGET_MS, ackMs: ACK_BUDGET_MS },
  };
  const { log } = o.services;
  const sorry = 'Something went wrong on our side; it has been logged, please try again.';
  return {
    commands: s.list,
    serve(port) {
      s.ports.set(port.platform, port);
      if (port.durable === false || s.recoveries.has(port.platform)) return;
      const recovery = new PendingCommands({
        ...o.pending,
        store: o.services.store,
        log,
        now: o.services.now,
        platform: port.platform,
        rerun: (taken) => rerunTaken(s, taken),
      });
      s.recoveries.set(port.platform, recovery);
      recovery.start();
    },
    async leave(platform) {
      await s.work.idle();
      const recovery = s.recoveries.get(platform);
      s.recoveries.delete(platform);
      await recovery?.stop();
    },
    async accept(req) {
      try {
        return await accept(s, req);
      } catch (err) {
        log.error('could not accept a chat request', { err });
        return { kind: 'busy', text: SLOW };
      }
    },
    run: (ticket) => runTicket(s, ticket),
    async open(c) {
      try {
        return await openControl(s, c);
      } catch (err) {
        log.error('could not open a control', { action: c.action, err });
        return { ok: false, text: sorry };
      }
    },
    async check(c, fields) {
      try {
        return await checkForm(s, c, fields);
      } catch (err) {
        log.error('could not check a form', { action: c.action, err });
        return {};
      }
    },
    idle: () => s.work.idle(),
  };
}
