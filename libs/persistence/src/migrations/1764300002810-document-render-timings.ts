import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where a document's time went between its step's commit and its `ready`: the attempt that rendered it
 * records when it began and how long it spent building its view model, rendering (and how much of that
 * was the renderer's own work and CPU), sealing and storing. Issue 15 asks for the commit-to-ready p95
 * within 2 s; these say which part keeps it above, per document and per kind.
 */
export class DocumentRenderTimings1764300002810 implements MigrationInterface {
  name = 'DocumentRenderTimings1764300002810';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE documents ADD COLUMN render_timings jsonb`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE documents DROP COLUMN IF EXISTS render_timings`);
  }
}
