// A front door that records what an adapter hands it and answers what the test says, for tests of
// an adapter's translation alone (payload -> request, first response, view -> platform payload).
// The real door is tested through the real adapters in the harness tests.
import type {
  Ack,
  ChatRequest,
  CommandInfo,
  Control,
  FrontDoor,
  Opening,
  PlatformPort,
  Ticket,
} from '../../commands/front-door.js';
import { commandList } from '../../commands/front-door.js';
import type { View, Visibility } from '../../src/chat.js';

/** A recording front door and its knobs. */
export interface RecordingDoor extends FrontDoor {
  /** Every request accepted, in order. */
  requests: ChatRequest[];
  /** Every control opened, in order. */
  opened: Control[];
  /** The port the adapter served (set by its start()). */
  port?: PlatformPort;
  /** The reply to a request (default: one ephemeral "ok"). */
  reply: (req: ChatRequest) => View;
  /** The visibility the ack announces (default ephemeral). */
  visibility: Visibility;
  /** What a control opens (default: nothing, allowed). */
  opens: (c: Control) => Opening;
}

const ok = (): View => ({ visibility: 'ephemeral', blocks: [{ type: 'text', text: 'ok' }] });

/** A new recording door. */
export function recordingDoor(): RecordingDoor {
  const runs = new Set<Promise<unknown>>();
  const door: RecordingDoor = {
    requests: [],
    opened: [],
    reply: ok,
    visibility: 'ephemeral',
    commands: commandList as readonly CommandInfo[],
    serve(port) {
      door.port = port;
    },
    async leave() {
      await door.idle();
    },
    async accept(req): Promise<Ack> {
      door.requests.push(req);
      const ticket: Ticket = { request: req };
      return { kind: 'accepted', ticket, visibility: door.visibility };
    },
    run(ticket) {
      const acked = door.visibility;
      const p = door.port!.deliver(ticket.request, door.reply(ticket.request), acked).then(() => undefined);
      runs.add(p);
      void p.finally(() => runs.delete(p));
      return p;
    },
    opens: () => ({ ok: true }),
    async open(c) {
      door.opened.push(c);
      return door.opens(c);
    },
    async check() {
      return {};
    },
    async home() {
      return door.reply({} as ChatRequest);
    },
    async idle() {
      while (runs.size > 0) await Promise.all([...runs]);
    },
  };
  return door;
}
