import { HttpError } from './http.js';
import type { FaultRule } from './types.js';

// Per-route fault injection for REST calls (never for /_emulator/, so a test can always clear them).

interface ActiveRule extends FaultRule {
  regex?: RegExp;
  hits: number;
}

/** What to do with one request. */
export interface FaultAction {
  latencyMs: number;
  status?: number;
  drop: boolean;
}

/** The set of active fault rules. */
export class Faults {
  private rules: ActiveRule[] = [];

  /** Adds a rule after checking it; bad rules throw a 400. */
  add(rule: FaultRule): void {
    if (!rule || typeof rule.path !== 'string' || rule.path === '')
      throw new HttpError(400, 'A fault needs a path (a prefix or a regular expression).');
    const rate = rule.rate ?? 1;
    if (typeof rate !== 'number' || rate < 0 || rate > 1)
      throw new HttpError(400, 'The fault rate must be a number from 0 to 1.');
    if (
      rule.status !== undefined &&
      (!Number.isInteger(rule.status) || rule.status < 200 || rule.status > 599)
    ) {
      throw new HttpError(400, 'The fault status must be an HTTP status code from 200 to 599.');
    }
    if (
      rule.latencyMs !== undefined &&
      (typeof rule.latencyMs !== 'number' || rule.latencyMs < 0 || rule.latencyMs > 60_000)
    ) {
      throw new HttpError(400, 'The fault latencyMs must be from 0 to 60000.');
    }
    if (rule.status === undefined && !rule.drop && !rule.latencyMs)
      throw new HttpError(400, 'A fault needs a status, latencyMs or drop.');
    let regex: RegExp | undefined;
    try {
      regex = new RegExp(rule.path);
    } catch {
      regex = undefined;
    }
    this.rules.push({ ...rule, rate, method: rule.method?.toUpperCase(), regex, hits: 0 });
  }

  /** Removes every rule. */
  clear(): void {
    this.rules = [];
  }

  /** The faults that hit this request (latency adds up; the first status/drop wins). */
  check(method: string, path: string): FaultAction | undefined {
    if (this.rules.length === 0) return undefined;
    let action: FaultAction | undefined;
    for (const rule of this.rules) {
      if (rule.method && rule.method !== method) continue;
      if (!path.startsWith(rule.path) && !rule.regex?.test(path)) continue;
      if (rule.times !== undefined && rule.hits >= rule.times) continue;
      if (Math.random() >= (rule.rate ?? 1)) continue;
      rule.hits++;
      action ??= { latencyMs: 0, drop: false };
      action.latencyMs += rule.latencyMs ?? 0;
      if (action.status === undefined && !action.drop) {
        action.drop = rule.drop === true;
        action.status = rule.drop ? undefined : rule.status;
      }
    }
    return action;
  }
}
