import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts over the API: one-time password links (the token itself is never stored, only its
 * SHA-256; used once, within its time), and the second factor (TOTP, RFC 6238) with its recovery
 * codes (keyed SHA-256 hashes of 50 random bits each, each used once).
 */
export class Accounts1764300001930 implements MigrationInterface {
  name = 'Accounts1764300001930';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE password_resets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id),
        token_hash char(64) NOT NULL CONSTRAINT password_resets_token_key UNIQUE,
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      );
      CREATE INDEX password_resets_user_idx ON password_resets (user_id) WHERE used_at IS NULL;
      ALTER TABLE users
        ADD COLUMN totp_secret text,
        ADD COLUMN totp_enabled_at timestamptz,
        ADD COLUMN totp_last_step bigint,
        ADD COLUMN recovery_codes text[] NOT NULL DEFAULT '{}';
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE password_resets;
      ALTER TABLE users DROP COLUMN totp_secret, DROP COLUMN totp_enabled_at, DROP COLUMN totp_last_step, DROP COLUMN recovery_codes;
    `);
  }
}
