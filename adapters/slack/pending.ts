// The durable record of acknowledged requests is shared with the Discord adapter; it lives in
// src/replica/pending.ts and is re-exported here for the Slack adapter's modules.
export {
  PendingCommands,
  type PendingKind,
  type PendingOptions,
  type PendingStore,
} from '../../src/replica/pending.js';
