import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Annexes: the files a fiscal attaches to a request (court order, text of the law, evidence,
 * certified translation), each stored once by its SHA-256 and listed by it in the standardized form
 * and the transmission note. A request holds a file once.
 */
export class Annexes1764300002410 implements MigrationInterface {
  name = 'Annexes1764300002410';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE annexes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL REFERENCES requests (id),
        kind text NOT NULL CHECK (kind IN ('court_order', 'law_text', 'evidence', 'certified_translation', 'other')),
        language char(2) NOT NULL,
        description text NOT NULL,
        filename text NOT NULL,
        media_type text NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
        sha256 char(64) NOT NULL,
        size_bytes integer NOT NULL CHECK (size_bytes > 0),
        storage_key text NOT NULL,
        uploaded_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL,
        CONSTRAINT annexes_request_sha256_key UNIQUE (request_id, sha256)
      );
      CREATE INDEX annexes_request_idx ON annexes (request_id, created_at);
      CREATE INDEX annexes_sha256_idx ON annexes (sha256);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE annexes');
  }
}
