import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The milestones of a request's way out (issue 13), as columns so that who sees it is one SQL
 * condition: `authorized_at` (its cancillería let it leave: the requesting central authority that
 * transmits between central authorities sees it from then on), `via_cancilleria_at` (the note reached
 * the requested cancillería on the diplomatic channel) and `received_at` (it reached the requested
 * central authority). Until now every transmission went straight to the requested central authority,
 * so a request transmitted before this migration was received when it was transmitted.
 */
export class RouteMilestones1764300001940 implements MigrationInterface {
  name = 'RouteMilestones1764300001940';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE requests
        ADD COLUMN authorized_at timestamptz,
        ADD COLUMN via_cancilleria_at timestamptz,
        ADD COLUMN received_at timestamptz;
      UPDATE requests SET received_at = transmitted_at WHERE transmitted_at IS NOT NULL;
      UPDATE requests r SET authorized_at = h.at
        FROM (SELECT request_id, min(at) AS at FROM request_history WHERE event = 'AUTHORIZE' GROUP BY request_id) h
        WHERE h.request_id = r.id;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE requests DROP COLUMN received_at, DROP COLUMN via_cancilleria_at, DROP COLUMN authorized_at`);
  }
}
