import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cases: the requests of one investigation to several countries (a smuggling route GT -> MX -> US is
 * one case, one request to each country asked). A request belongs to at most one case (the primary
 * key of the membership); the case belongs to the requesting country and the office of the fiscal
 * who opened it.
 */
export class Cases1764300002600 implements MigrationInterface {
  name = 'Cases1764300002600';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE cases (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        investigation_reference text NOT NULL,
        requesting_country char(2) NOT NULL,
        office text,
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL
      );
      CREATE TABLE case_requests (
        request_id uuid PRIMARY KEY REFERENCES requests (id),
        case_id uuid NOT NULL REFERENCES cases (id),
        added_at timestamptz NOT NULL
      );
      CREATE INDEX case_requests_case_idx ON case_requests (case_id, added_at);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE case_requests; DROP TABLE cases');
  }
}
