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

/**
 * Thrown by a handler whose work waits on another's (a document that cites one not rendered yet): the
 * job is tried again after `delayMs` without spending one of its attempts, which are kept for real
 * failures. A wait longer than the worker's bound counts as a failure after all. A quarter of a second:
 * what it waits for is a render of a few hundred milliseconds, and a second's wait was the larger part
 * of an authorization's commit-to-ready at a person's pace (0.65-0.75 s mean against 0.12-0.27 s for
 * documents that cite nothing, issue 15); a try that finds it still pending costs a few reads.
 */
export class WaitForPrerequisiteError extends Error {
  constructor(
    message: string,
    readonly delayMs = 250,
  ) {
    super(message);
  }
}
