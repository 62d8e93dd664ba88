import type { Place, Visibility } from '../src/chat.js';
import { commandByName } from './lookup.js';
import type { ChatRequest, RequestActor } from './request.js';
import type { Resolved } from './resolve.js';
import type { Command } from './types.js';
import { redactUri } from './views.js';

// What the pending row keeps of an accepted request, for the replica that takes it over if this one
// dies: the resolved request (command and arguments, not the platform's payload), and where the
// reply goes. Secrets are never stored: an argument marked secret (an RTMP stream key) or carrying
// URI credentials (a SIP password) is left out, and a taken-over request missing one is not run
// but answered with a request to run it again.

/** The stored form of an accepted request (JSON in `pending_commands.payload`). */
export interface StoredRequest {
  v: 1;
  actor: RequestActor;
  place: Place;
  source: ChatRequest['source'];
  delivery?: string;
  command: string;
  options: Record<string, unknown>;
  meetingKey?: string;
  replyTo?: unknown;
  replyBy?: number;
  /** The visibility the ack announced (how the reply must be delivered). */
  acked: Visibility;
  /** Options left out because they hold a secret. */
  withheld?: string[];
}

/** Whether an argument value carries a credential: a URI with a password or a query string. */
function hasCredentials(value: unknown): boolean {
  if (typeof value === 'string') return redactUri(value) !== value;
  return Array.isArray(value) && value.some(hasCredentials);
}

/** The stored form of `req`, resolved as `resolved`, with its secret arguments left out. */
export function storedForm(req: ChatRequest, resolved: Resolved, acked: Visibility): StoredRequest {
  const options: Record<string, unknown> = {};
  const withheld: string[] = [];
  for (const [name, value] of Object.entries(resolved.raw)) {
    const spec = resolved.command.options.find((o) => o.name === name);
    if (spec?.secret || hasCredentials(value)) withheld.push(name);
    else options[name] = value;
  }
  return {
    v: 1,
    actor: req.actor,
    place: req.place,
    source: req.source,
    command: resolved.command.name,
    options,
    acked,
    ...(req.delivery !== undefined ? { delivery: req.delivery } : {}),
    ...(resolved.meetingKey !== undefined ? { meetingKey: resolved.meetingKey } : {}),
    ...(req.replyTo !== undefined ? { replyTo: req.replyTo } : {}),
    ...(req.replyBy !== undefined ? { replyBy: req.replyBy } : {}),
    ...(withheld.length > 0 ? { withheld } : {}),
  };
}

/** The request a stored form stands for, and its resolution (null when the command no longer exists). */
export function fromStored(
  s: StoredRequest,
  list: readonly Command[],
): { req: ChatRequest; resolved: Resolved | null } {
  const req: ChatRequest = {
    actor: s.actor,
    place: s.place,
    source: s.source,
    ask: { kind: 'command', command: s.command, options: s.options },
    ...(s.delivery !== undefined ? { delivery: s.delivery } : {}),
    ...(s.replyTo !== undefined ? { replyTo: s.replyTo } : {}),
    ...(s.replyBy !== undefined ? { replyBy: s.replyBy } : {}),
  };
  const command = commandByName(list, s.command);
  if (!command) return { req, resolved: null };
  return {
    req,
    resolved: {
      command,
      raw: s.options,
      ...(s.meetingKey !== undefined ? { meetingKey: s.meetingKey } : {}),
    },
  };
}
