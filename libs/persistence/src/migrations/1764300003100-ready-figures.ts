import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The figures kept ready: a question's answer (the rows TurnaroundRepository.stageFigures gave) as it stood at `as_of`,
 * kept where computing it cost enough to keep (ReadyFigures), recomputed by the worker while someone reads it. Read as
 * it stands, the figure says the instant it was computed for (the report's asOf). Each row is one scope's aggregate
 * figures, the same as the API answers that scope: no case is named in them.
 */
export class ReadyFigures1764300003100 implements MigrationInterface {
  name = 'ReadyFigures1764300003100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE turnaround_ready (
        -- The question (scope, grouping, period, requested country) as canonical JSON text.
        key text PRIMARY KEY,
        question jsonb NOT NULL,
        rows jsonb NOT NULL,
        -- The instant the figures are measured up to (open visits and overdue as of then).
        as_of timestamptz NOT NULL,
        -- How often the workers recompute them (ReadyFigures: every refresh, or longer for a figure slow to compute).
        refresh_ms integer NOT NULL CHECK (refresh_ms > 0),
        -- The last time someone read them: the worker keeps ready only what is read.
        read_at timestamptz NOT NULL,
        -- A worker recomputing them until then (another one leaves them alone).
        lease_until timestamptz
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE turnaround_ready`);
  }
}
