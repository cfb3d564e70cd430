import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Documents1764300000200 implements MigrationInterface {
  name = 'Documents1764300000200';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL REFERENCES requests (id),
        kind text NOT NULL,
        revision integer NOT NULL CHECK (revision > 0),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'ready', 'failed')),
        -- What the document shows, fixed when the step happened: later edits never change it.
        source jsonb NOT NULL,
        issued_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL,
        sha256 char(64),
        content_hash char(64),
        storage_key text,
        size_bytes integer,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        ready_at timestamptz,
        -- One document per step and revision, however often its job runs.
        CONSTRAINT documents_request_kind_revision_key UNIQUE (request_id, kind, revision),
        CHECK ((status = 'ready') = (sha256 IS NOT NULL AND storage_key IS NOT NULL))
      );
      CREATE INDEX documents_request_idx ON documents (request_id, created_at);
      CREATE INDEX documents_sha256_idx ON documents (sha256);
      CREATE INDEX documents_content_hash_idx ON documents (content_hash);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE documents');
  }
}
