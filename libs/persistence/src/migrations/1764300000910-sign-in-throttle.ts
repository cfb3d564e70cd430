import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The brakes on guessing passwords, in PostgreSQL so that every API process counts the same
 * failures. One row per e-mail address typed and per client address, keyed by a SHA-256 of it (an
 * attempted e-mail is not stored in the clear: people type passwords into the e-mail field).
 */
export class SignInThrottle1764300000910 implements MigrationInterface {
  name = 'SignInThrottle1764300000910';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE sign_in_throttle (
        key text PRIMARY KEY,
        failures integer NOT NULL DEFAULT 0,
        window_started_at timestamptz NOT NULL,
        blocked_until timestamptz,
        locked boolean NOT NULL DEFAULT false
      );
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE sign_in_throttle');
  }
}
