import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The fiscal's search finds a word anywhere in a request's reference or title (ILIKE '%...%'): with a
 * leading wildcard no B-tree helps, and at 100,000 requests every search read every request's fields
 * (268 ms). Trigram indexes (pg_trgm, shipped with PostgreSQL and trusted: the database's owner may
 * create it, no superuser needed; present in the embedded PostgreSQL 18 and in Debian's 15) answer
 * the same ILIKE from the few requests holding all its trigrams.
 */
export class TitleSearchIndex1764300002610 implements MigrationInterface {
  name = 'TitleSearchIndex1764300002610';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await db.query(`CREATE INDEX requests_reference_trgm_idx ON requests USING gin (reference gin_trgm_ops)`);
    await db.query(`CREATE INDEX requests_title_trgm_idx ON requests USING gin ((fields ->> 'title') gin_trgm_ops)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS requests_title_trgm_idx`);
    await db.query(`DROP INDEX IF EXISTS requests_reference_trgm_idx`);
  }
}
