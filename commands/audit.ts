import type { Command } from './types.js';
import { redactUri } from './views.js';

/** The audited target of a moderation command: its first positional argument, credentials removed. */
export function auditTarget(cmd: Command, args: Record<string, unknown> | undefined): string | null {
  const first = cmd.options.find((o) => o.positional);
  const value = first && args ? args[first.name] : undefined;
  if (value === undefined || value === null) return null;
  const text = Array.isArray(value) ? value.join(' ') : String(value);
  return redactUri(text).slice(0, 200);
}
