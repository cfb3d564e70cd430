import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The fiscal's list (issue 12's page bench at 100,000 requests): a fiscal who is an authorized liaison
 * sees its own requests OR the drafts shared with its country (`requested_country = $2 AND shared_at
 * IS NOT NULL`). Without an index on that second arm PostgreSQL read every request to the fiscal's
 * country (about N / 11) from the heap only to drop the unshared ones: twice the heap pages of the
 * fiscal's own requests for the count, and a sequential scan for a deep page. A partial index holds
 * only the shared ones (drafts shared before submission: few), so that arm costs next to nothing.
 */
export class SharedRequestsIndex1764300002500 implements MigrationInterface {
  name = 'SharedRequestsIndex1764300002500';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX IF NOT EXISTS requests_shared_requested_country_idx ON requests (requested_country) WHERE shared_at IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS requests_shared_requested_country_idx`);
  }
}
