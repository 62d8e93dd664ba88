// What every per-area method file needs: the transport, the project path prefix and reply parsing.
import { z } from 'zod';
import { badReplyError } from './http-errors.js';
import type { RequestSpec, Transport } from './transport.js';
import type { CallOptions, Page } from './types.js';

/** Shared state handed to the per-area method functions. */
export interface Ctx {
  readonly transport: Transport;
  /** `/v2/project/{apiKey or applicationId}` */
  readonly p: string;
  readonly kind: 'project' | 'application';
}

/** Sends a call whose reply body is not needed. */
export async function sendOnly(ctx: Ctx, spec: Omit<RequestSpec, 'read'>, call?: CallOptions): Promise<void> {
  await ctx.transport.send({ ...spec, read: false }, call);
}

/** Parses reply text as JSON, mapping garbage to a VideoError. */
export function parseJson(text: string, spec: Pick<RequestSpec, 'method' | 'path'>): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw badReplyError(spec.method, spec.path, 'reply is not JSON: ' + text.slice(0, 120));
  }
}

/** Sends a call and validates its JSON reply with `schema`. */
export async function sendFor<S extends z.ZodType>(
  ctx: Ctx,
  spec: Omit<RequestSpec, 'read'>,
  schema: S,
  call?: CallOptions,
): Promise<z.output<S>> {
  const text = await ctx.transport.send({ ...spec, read: true }, call);
  const result = schema.safeParse(parseJson(text, spec));
  if (!result.success) {
    const issue = result.error.issues[0];
    throw badReplyError(
      spec.method,
      spec.path,
      `unexpected reply at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? ''}`,
    );
  }
  return result.data;
}

const pageSchemas = new WeakMap<z.ZodType, z.ZodType>();

/** The `{count, items}` envelope schema for `item`, built once per item schema. */
export function pageOf<S extends z.ZodType>(item: S): z.ZodType<Page<z.output<S>>> {
  let s = pageSchemas.get(item);
  if (!s) {
    s = z
      .object({ count: z.number().optional(), items: z.array(item).default([]) })
      .transform((v) => ({ count: v.count ?? v.items.length, items: v.items }));
    pageSchemas.set(item, s);
  }
  return s as z.ZodType<Page<z.output<S>>>;
}
