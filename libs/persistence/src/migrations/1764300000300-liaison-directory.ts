import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The directory of focal points (CRM plan, Axis 1 Action 4: kept current, with prompt notice of
 * changes and removals) keeps its own evidence: every nomination, authorization, revocation and
 * expiry of a liaison, append-only and hash-chained like request_history. And the informal channel
 * between the requesting fiscal and the requested country's liaisons (Axis 2 Action 2).
 */
export class LiaisonDirectory1764300000300 implements MigrationInterface {
  name = 'LiaisonDirectory1764300000300';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE directory_history (
        id bigserial PRIMARY KEY,
        -- One chain for the whole directory: removing every row of one person breaks it too.
        seq integer NOT NULL CONSTRAINT directory_history_seq_key UNIQUE CHECK (seq > 0),
        event text NOT NULL CHECK (event IN ('NOMINATE', 'AUTHORIZE', 'REVOKE', 'EXPIRE')),
        user_id uuid NOT NULL REFERENCES users (id),
        country char(2) NOT NULL REFERENCES countries (code),
        from_status text NOT NULL,
        to_status text NOT NULL CHECK (to_status IN ('nominated', 'authorized', 'revoked', 'expired')),
        valid_until date,
        reason text,
        -- Null for what the platform records by itself (an authorization reaching its end date).
        actor_id uuid REFERENCES users (id),
        actor_role text,
        actor_country char(2),
        at timestamptz NOT NULL,
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL
      );
      CREATE INDEX directory_history_user_idx ON directory_history (user_id, seq);
      -- An authorization expires once: the sweep that records it may run in several processes.
      CREATE UNIQUE INDEX directory_history_expiry_key ON directory_history (user_id, valid_until) WHERE event = 'EXPIRE';

      CREATE FUNCTION directory_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'directory_history is append-only (% refused)', TG_OP;
      END $$;
      CREATE TRIGGER directory_history_append_only
        BEFORE UPDATE OR DELETE ON directory_history
        FOR EACH ROW EXECUTE FUNCTION directory_history_append_only();

      CREATE TABLE request_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL REFERENCES requests (id),
        author_id uuid NOT NULL REFERENCES users (id),
        author_role text NOT NULL,
        author_country char(2) NOT NULL,
        body text NOT NULL CHECK (btrim(body) <> ''),
        created_at timestamptz NOT NULL,
        -- When the message was carried into the request's priorInformalExchanges (at STANDARDIZE or SUBMIT).
        carried_at timestamptz
      );
      CREATE INDEX request_messages_request_idx ON request_messages (request_id, created_at, id);

      -- What was said stays as it was said: only the mark of having been carried into the form changes.
      CREATE FUNCTION request_messages_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' OR NEW.body IS DISTINCT FROM OLD.body OR NEW.author_id IS DISTINCT FROM OLD.author_id
           OR NEW.request_id IS DISTINCT FROM OLD.request_id OR NEW.created_at IS DISTINCT FROM OLD.created_at
           OR NEW.author_role IS DISTINCT FROM OLD.author_role OR NEW.author_country IS DISTINCT FROM OLD.author_country THEN
          RAISE EXCEPTION 'request_messages cannot be changed or removed (% refused)', TG_OP;
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER request_messages_immutable
        BEFORE UPDATE OR DELETE ON request_messages
        FOR EACH ROW EXECUTE FUNCTION request_messages_immutable();
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE request_messages;
      DROP FUNCTION request_messages_immutable();
      DROP TABLE directory_history;
      DROP FUNCTION directory_history_append_only();
    `);
  }
}
