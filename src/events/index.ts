import type { HttpServer } from '../server.js';
import { CallbackIngestor, type IngestDeps } from './ingest.js';

export { CallbackIngestor } from './ingest.js';
export { Reconciler } from './reconcile.js';
export { archiveSeq, broadcastSeq, presenceSeq, renderSeq, sipSeq } from './order.js';

/** The path Vonage should call: with a signature secret `/vonage/events`, else the token path. */
export function callbackPath(auth: { signatureSecret?: string; pathToken: string }): string {
  return auth.signatureSecret ? '/vonage/events' : `/vonage/events/${auth.pathToken}`;
}

/** Mounts POST /vonage/events and /vonage/events/:token on the server; returns the ingestor. */
export function mountCallbacks(server: Pick<HttpServer, 'route'>, deps: IngestDeps): CallbackIngestor {
  const ingestor = new CallbackIngestor(deps);
  server.route('POST', '/vonage/events', ingestor.handle);
  server.route('POST', '/vonage/events/:token', ingestor.handle);
  return ingestor;
}
