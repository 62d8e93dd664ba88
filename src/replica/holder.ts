import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

// Leases name their holder. One ID per process (host, pid and a random part, because a restarted
// container can reuse both host name and pid) lets an operator see which replica holds what.

let id: string | undefined;

/** This process's replica ID: stable for its lifetime, unique across restarts. */
export function replicaId(): string {
  id ??= `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  return id;
}
