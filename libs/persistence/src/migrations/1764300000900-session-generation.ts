import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions that end. Every access token carries the user's session generation; a token of an older
 * generation is refused at once. The generation rises with a logout, and here, in the database
 * itself, with every change that must end the sessions already open whatever path made it (an admin
 * route, a script, SQL by hand): a new password, a disable, a new role or country.
 */
export class SessionGeneration1764300000900 implements MigrationInterface {
  name = 'SessionGeneration1764300000900';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE users
        ADD COLUMN session_generation integer NOT NULL DEFAULT 1,
        ADD COLUMN disabled_at timestamptz;
      CREATE FUNCTION users_end_sessions() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.password_hash IS DISTINCT FROM OLD.password_hash
           OR NEW.role IS DISTINCT FROM OLD.role
           OR NEW.country IS DISTINCT FROM OLD.country
           OR NEW.disabled_at IS DISTINCT FROM OLD.disabled_at THEN
          NEW.session_generation := GREATEST(NEW.session_generation, OLD.session_generation + 1);
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER users_end_sessions BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION users_end_sessions();
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TRIGGER users_end_sessions ON users;
      DROP FUNCTION users_end_sessions();
      ALTER TABLE users DROP COLUMN session_generation, DROP COLUMN disabled_at;
    `);
  }
}
