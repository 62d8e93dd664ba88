// What every per-area method file needs: the transport, the project path prefix and reply parsers.
import { z } from 'zod';
import { badReplyError } from './http-errors.js';
import type { Transport } from './transport.js';
import type { Page } from './types.js';

/** Shared state handed to the per-area method functions. */
export interface Ctx {
  readonly transport: Transport;
  /** `/v2/project/{apiKey or applicationId}` */
  readonly p: string;
  readonly kind: 'project' | 'application';
}

/** Parses reply text as JSON, mapping garbage to a VideoError. */
export function parseJson(text: string, method: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw badReplyError(method, path, 'reply is not JSON: ' + text.slice(0, 120));
  }
}

/** A reply parser that reads JSON and validates it with `schema` (build once per schema, at module load). */
export function jsonParser<S extends z.ZodType>(
  schema: S,
): (text: string, method: string, path: string) => z.output<S> {
  return (text, method, path) => {
    const result = schema.safeParse(parseJson(text, method, path));
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    const where = issue?.path.join('.') || '(root)';
    throw badReplyError(method, path, `unexpected reply at ${where}: ${issue?.message ?? ''}`);
  };
}

/** The `{count, items}` envelope schema for `item`. */
export function pageOf<S extends z.ZodType>(item: S): z.ZodType<Page<z.output<S>>> {
  return z
    .object({ count: z.number().optional(), items: z.array(item).default([]) })
    .transform((v) => ({ count: v.count ?? v.items.length, items: v.items })) as z.ZodType<Page<z.output<S>>>;
}
