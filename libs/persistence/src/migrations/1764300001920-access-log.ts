import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who looked: every read of a request (its representation, history, messages, documents, each PDF
 * downloaded), every refused attempt on one, and every sign-in, succeeded or not. Append-only and
 * one hash chain for the whole table, so that a row edited or removed by hand is named by
 * `npm run audit:verify`. No foreign keys: an attempt on an id that does not exist is recorded too.
 */
export class AccessLog1764300001920 implements MigrationInterface {
  name = 'AccessLog1764300001920';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE access_log (
        id bigserial PRIMARY KEY,
        seq bigint NOT NULL CONSTRAINT access_log_seq_key UNIQUE CHECK (seq > 0),
        at timestamptz NOT NULL,
        -- Null when nobody could be named (a sign-in with an e-mail no account has).
        actor_id uuid,
        actor_role text,
        actor_country char(2),
        action text NOT NULL,
        request_id uuid,
        document_id uuid,
        outcome text NOT NULL CHECK (outcome IN ('allowed', 'refused', 'failed')),
        status integer NOT NULL,
        address text,
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL
      );
      CREATE INDEX access_log_request_idx ON access_log (request_id, seq) WHERE request_id IS NOT NULL;
      CREATE INDEX access_log_at_idx ON access_log (at);

      CREATE FUNCTION access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'access_log is append-only (% refused)', TG_OP;
      END $$;
      CREATE TRIGGER access_log_append_only
        BEFORE UPDATE OR DELETE ON access_log
        FOR EACH ROW EXECUTE FUNCTION access_log_append_only();
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE access_log; DROP FUNCTION access_log_append_only();');
  }
}
