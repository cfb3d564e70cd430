import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An effect decided inside a state change, written in the same transaction and carried out after
 * commit. The row, not the queue, is the truth: a lost enqueue is re-sent by the sweep.
 */
@Entity({ name: 'outbox' })
@Index('outbox_pending_idx', ['createdAt'], { where: 'done_at IS NULL' })
export class OutboxEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'request_id', type: 'uuid', nullable: true })
  requestId: string | null;

  @Column({ type: 'text' })
  job: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** A delayed effect (a deadline's alarm): handed to the queue at once, to run at this time. */
  @Column({ name: 'run_at', type: 'timestamptz', nullable: true })
  runAt?: Date | null;

  @Column({ name: 'dispatched_at', type: 'timestamptz', nullable: true })
  dispatchedAt: Date | null;

  /** A relay holds the row until then (renewed while it works); past it, another relay may take it. */
  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil?: Date | null;

  /** The queue has the job: from here BullMQ's retries and stall checks look after it. */
  @Column({ name: 'enqueued_at', type: 'timestamptz', nullable: true })
  enqueuedAt?: Date | null;

  @Column({ name: 'dispatch_count', type: 'integer', default: 0 })
  dispatchCount: number;

  @Column({ name: 'done_at', type: 'timestamptz', nullable: true })
  doneAt: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;
}
