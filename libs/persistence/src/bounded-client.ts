import pg from 'pg';
import type { DatabaseBounds } from '@enlace/config';
import { DATABASE_TIMEOUT } from '@enlace/core';

/**
 * A connection gets this long beyond the statement timeout before it is given up: PostgreSQL cancels
 * a slow statement itself (57014) and the connection stays usable; only a server that answers nothing
 * at all (frozen, or a network that drops packets) reaches our own deadline.
 */
const GRACE_MS = 250;

/**
 * A pg Client whose every query has a deadline. A query PostgreSQL has not answered by then loses its
 * connection: every query on it fails at once with DATABASE_TIMEOUT, and the pool drops the client,
 * so that a rollback or the next request never queues behind a statement that may never return.
 */
export function boundedClient(answerWithinMs: number): typeof pg.Client {
  class BoundedClient extends pg.Client {}
  const query = pg.Client.prototype.query as (this: pg.Client, ...args: unknown[]) => unknown;
  BoundedClient.prototype.query = function boundedQuery(this: pg.Client, ...args: unknown[]) {
    const result = query.apply(this, args);
    if (!result || typeof (result as Promise<unknown>).then !== 'function') return result;
    const timer = setTimeout(() => {
      const error = Object.assign(new Error(`PostgreSQL did not answer within ${answerWithinMs} ms`), { code: DATABASE_TIMEOUT });
      (this as unknown as { connection: { stream: { destroy(error: Error): void } } }).connection.stream.destroy(error);
    }, answerWithinMs);
    timer.unref();
    return (result as Promise<unknown>).finally(() => clearTimeout(timer));
  } as typeof pg.Client.prototype.query;
  return BoundedClient;
}

/** The node-postgres pool settings that bound every wait on PostgreSQL (both ours and BullMQ's). */
export function boundedPoolOptions(bounds: DatabaseBounds): Record<string, unknown> {
  return {
    connectionTimeoutMillis: bounds.connectTimeoutMs,
    statement_timeout: bounds.statementTimeoutMs,
    idle_in_transaction_session_timeout: bounds.idleInTransactionTimeoutMs,
    keepAlive: true,
    Client: boundedClient(bounds.statementTimeoutMs + GRACE_MS),
  };
}
