import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1764300000100 implements MigrationInterface {
  name = 'Notifications1764300000100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id),
        kind text NOT NULL,
        request_id uuid REFERENCES requests (id),
        message text NOT NULL,
        data jsonb NOT NULL DEFAULT '{}',
        -- The outbox row (or other cause) that produced it: a job run twice notifies once.
        cause_key text NOT NULL,
        created_at timestamptz NOT NULL,
        read_at timestamptz,
        CONSTRAINT notifications_cause_user_key UNIQUE (cause_key, user_id)
      );
      CREATE INDEX notifications_user_created_idx ON notifications (user_id, created_at DESC);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE notifications');
  }
}
