import { Gauge } from 'prom-client';
import { registry } from '../metrics.js';

// Replica coordination metrics, on the process registry served at GET /metrics. Summed over all
// replicas, chatops_lease_held{lease} must be 1 (0 during a takeover, never 2).

/** 1 while this replica holds the named lease. */
export const leaseHeld = new Gauge({
  name: 'chatops_lease_held',
  help: 'Whether this replica holds the named lease (1) or not (0).',
  labelNames: ['lease'] as const,
  registers: [registry],
});
