// What each pooled connection's server session has prepared, as far as this process knows: a
// message sends the text of a prepared statement (for prepare_statements, migration 12) only to a
// session that has not had it yet. Sent every time, the texts cost Postgres a jsonb parse and a
// settings lookup per name in every group and every turn of reads, and the bot their JSON.
//
// The record can only be stale one way: a session reset behind our back (DISCARD ALL or DEALLOCATE
// ALL from a pooler) drops statements this record still lists. Their EXECUTE then fails with
// STALE_PREPARED, and the callers drop that connection (its record goes with it) and run the work
// again on another, which is sent every text.

/** Postgres's "prepared statement does not exist". */
export const STALE_PREPARED = '26000';

const sessions = new WeakMap<object, Set<string>>();

/** The names `client`'s session has prepared (by this process's record; add to it after a success). */
export function preparedIn(client: object): Set<string> {
  let names = sessions.get(client);
  if (!names) sessions.set(client, (names = new Set()));
  return names;
}

/** True when `err` says a prepared statement is gone from its session. */
export function isStalePrepared(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === STALE_PREPARED;
}
