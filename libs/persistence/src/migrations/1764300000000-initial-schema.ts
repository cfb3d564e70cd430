import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1764300000000 implements MigrationInterface {
  name = 'InitialSchema1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE countries (
        code char(2) PRIMARY KEY,
        name text NOT NULL,
        languages text[] NOT NULL
      );
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL UNIQUE,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('fiscal', 'cancilleria', 'central_authority', 'supervisor', 'admin')),
        country char(2) REFERENCES countries (code),
        office text,
        password_hash text NOT NULL,
        liaison_status text NOT NULL DEFAULT 'none' CHECK (liaison_status IN ('none', 'nominated', 'authorized', 'revoked')),
        liaison_valid_until date,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((role = 'admin') = (country IS NULL))
      );
      CREATE TABLE reference_sequences (
        requesting_country char(2) NOT NULL REFERENCES countries (code),
        year integer NOT NULL,
        last_value integer NOT NULL,
        PRIMARY KEY (requesting_country, year)
      );
      CREATE TABLE requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference text NOT NULL UNIQUE,
        requesting_country char(2) NOT NULL REFERENCES countries (code),
        requested_country char(2) NOT NULL REFERENCES countries (code),
        created_by uuid NOT NULL REFERENCES users (id),
        state text NOT NULL,
        version integer NOT NULL CHECK (version > 0),
        machine_id text NOT NULL,
        machine_version integer NOT NULL,
        snapshot jsonb NOT NULL,
        fields jsonb NOT NULL,
        shared_at timestamptz,
        submitted_at timestamptz,
        transmitted_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CHECK (requesting_country <> requested_country)
      );
      CREATE INDEX requests_created_by_idx ON requests (created_by);
      CREATE INDEX requests_requested_country_state_idx ON requests (requested_country, state);
      CREATE INDEX requests_requesting_country_state_idx ON requests (requesting_country, state);
      CREATE INDEX requests_created_at_idx ON requests (created_at DESC, id);

      CREATE TABLE request_history (
        id bigserial PRIMARY KEY,
        request_id uuid NOT NULL REFERENCES requests (id),
        seq integer NOT NULL,
        event text NOT NULL,
        from_state text,
        to_state text NOT NULL,
        actor_id uuid NOT NULL REFERENCES users (id),
        actor_role text NOT NULL,
        actor_country char(2),
        comment text,
        data jsonb,
        at timestamptz NOT NULL,
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL,
        CONSTRAINT request_history_request_seq_key UNIQUE (request_id, seq)
      );
      CREATE INDEX request_history_to_state_at_idx ON request_history (to_state, at);

      -- The history is evidence: once written, a row is never changed or removed by the platform.
      CREATE FUNCTION request_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'request_history is append-only (% refused)', TG_OP;
      END $$;
      CREATE TRIGGER request_history_append_only
        BEFORE UPDATE OR DELETE ON request_history
        FOR EACH ROW EXECUTE FUNCTION request_history_append_only();

      CREATE TABLE outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid REFERENCES requests (id),
        job text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        dispatched_at timestamptz,
        dispatch_count integer NOT NULL DEFAULT 0,
        done_at timestamptz,
        last_error text
      );
      CREATE INDEX outbox_pending_idx ON outbox (created_at) WHERE done_at IS NULL;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE outbox;
      DROP TABLE request_history;
      DROP FUNCTION request_history_append_only();
      DROP TABLE requests;
      DROP TABLE reference_sequences;
      DROP TABLE users;
      DROP TABLE countries;
    `);
  }
}
