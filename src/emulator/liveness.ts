import { HttpError } from './http.js';
import { leaveSession } from './meeting.js';
import type { World } from './world.js';

// Vonage's connection timeout: a client SDK heartbeats its connection, and one that goes quiet (a
// closed laptop, a crashed tab) is destroyed about 30 s later with networkDisconnected, its streams
// with it. Only clients that asked for heartbeat tracking are watched: console `sim` people never time out.

/** Records a heartbeat; 404 when the connection is gone (the client learns it was dropped). */
export function heartbeat(world: World, connectionId: string): void {
  const session = world.sessions.get(world.connectionIndex.get(connectionId) ?? '');
  const conn = session?.connections.get(connectionId);
  if (!conn) throw new HttpError(404, 'Connection not found.');
  if (conn.heartbeatAt !== undefined) conn.heartbeatAt = Date.now();
}

/** Periodically destroys watched connections whose last heartbeat is older than the timeout. */
export class ConnectionSweeper {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly world: World) {}

  /** Starts sweeping a few times per timeout period. */
  start(): void {
    const every = Math.max(10, Math.floor(this.world.timing.connectionTimeoutMs / 4));
    this.timer = setInterval(() => this.sweep(), every);
    this.timer.unref();
  }

  /** Stops sweeping. */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Destroys every watched connection that has been quiet for longer than the timeout. */
  sweep(now = Date.now()): void {
    const cutoff = now - this.world.timing.connectionTimeoutMs;
    for (const id of [...this.world.monitored]) {
      const session = this.world.sessions.get(this.world.connectionIndex.get(id) ?? '');
      const conn = session?.connections.get(id);
      if (!conn) {
        this.world.monitored.delete(id);
        continue;
      }
      if ((conn.heartbeatAt ?? now) < cutoff) leaveSession(this.world, id, 'networkDisconnected');
    }
  }
}
