// A render's end and its callback, apart from rendering.ts: a meeting whose composer connection
// leaves ends its render from meeting.ts, which rendering.ts imports to join and leave sessions.
import { renderJson } from './serialize.js';
import type { RenderRecord } from './types.js';
import type { World } from './world.js';

/** Marks `render` stopped with `reason`; false when it had already ended. */
export function markRenderStopped(render: RenderRecord, reason: string): boolean {
  if (render.status === 'stopped' || render.status === 'failed') return false;
  render.status = 'stopped';
  render.reason = reason;
  render.updatedAt = Date.now();
  return true;
}

/** Sends the render's status callback. */
export function emitRender(world: World, render: RenderRecord): void {
  const appId = world.creds.isApplication(render.projectId) ? render.projectId : undefined;
  world.emit(render.sessionId, { ...renderJson(render, appId), event: 'render' }, render.callbackUrl);
}
