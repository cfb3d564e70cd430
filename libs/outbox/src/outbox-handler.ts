import type { OutboxEntity } from '@enlace/persistence';
import type { JobName } from '@enlace/queue';

/** Carries out one kind of outbox effect. Must be idempotent: a job can run more than once. */
export interface OutboxHandler {
  readonly job: JobName;
  handle(row: OutboxEntity): Promise<void>;
  /** Called once when the last attempt has failed. */
  exhausted?(row: OutboxEntity, error: Error): Promise<void>;
}

export const OUTBOX_HANDLERS = Symbol('OUTBOX_HANDLERS');
