// What the Slack listeners share: their dependencies, the once-only claim and the place of a request.
import type {
  AllMiddlewareArgs,
  BlockAction,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import type { Place } from '../../src/chat.js';
import type { Command, CommandContext } from '../../commands/types.js';
import type { DeliverDeps } from './deliver.js';
import type { PendingCommands } from './pending.js';
import type { SlackRoles } from './roles.js';
import type { WorkQueue } from './work-queue.js';

/** What the listeners need. */
export interface ListenerDeps extends DeliverDeps {
  ctx: CommandContext;
  roles: SlackRoles;
  commands: readonly Command[];
  /** Removes a workspace's installation (multi-workspace mode). */
  uninstall(teamId: string): Promise<void>;
  /** Runs the work that follows each ack, after pending acks. */
  work: WorkQueue;
  /** Durable record of acknowledged requests (taken over if this replica dies); none: not durable. */
  pending?: PendingCommands;
}

/** Bolt's arguments to a slash command listener. */
export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;
/** Bolt's arguments to a block action listener. */
export type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;
/** Bolt's arguments to a view submission listener. */
export type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** How long a delivery (trigger or view) is remembered: Slack never repeats one later than this. */
export const DELIVERY_TTL_MS = 10 * 60_000;

/** Claims `key` once in the store; false for a repeat (another delivery, replica or double click). */
export function first(d: ListenerDeps, scope: string, key: string, ttl: number): Promise<boolean> {
  return d.store.claimKey(scope, key, ttl, d.now());
}

/** The neutral place of a Slack request. */
export const place = (teamId: string, channelId: string): Place => ({ platform: 'slack', teamId, channelId });
