import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys: the first answer of a change, kept 24 h under (user, key), so that a client that
 * never heard it retries and gets it again instead of a second change or a 409. Written in the
 * transaction of the change: a key is there if and only if the change is.
 *
 * Outbox leases: a relay that claims rows holds them until `lease_until` (renewed while it works);
 * a relay that died leaves them to the next sweep within seconds, not after a fixed minute.
 * `enqueued_at`: the queue has the job, and BullMQ's own stall checks look after it from there.
 */
export class IdempotencyAndLeases1764300000520 implements MigrationInterface {
  name = 'IdempotencyAndLeases1764300000520';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE idempotency_keys (
        principal_id uuid NOT NULL,
        key text NOT NULL,
        -- SHA-256 of the route and the canonical body: the same key with another body is refused.
        fingerprint char(64) NOT NULL,
        -- json, not jsonb: the answer is replayed byte for byte, keys in their first order.
        response json NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (principal_id, key)
      );
      CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
      ALTER TABLE outbox ADD COLUMN lease_until timestamptz, ADD COLUMN enqueued_at timestamptz;
      UPDATE outbox SET enqueued_at = dispatched_at WHERE dispatched_at IS NOT NULL AND done_at IS NULL;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE idempotency_keys; ALTER TABLE outbox DROP COLUMN lease_until, DROP COLUMN enqueued_at;');
  }
}
