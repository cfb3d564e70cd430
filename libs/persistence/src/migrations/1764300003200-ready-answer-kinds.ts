import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The answers kept ready are of two kinds from here on (the supervisors' figures, and the region's overdue counts), the
 * kind the first field of each key. The figures kept before had keys without it: forgotten, as the rollup's rebuild
 * forgets them (they are computed again on their next read, and kept again if worth it).
 */
export class ReadyAnswerKinds1764300003200 implements MigrationInterface {
  name = 'ReadyAnswerKinds1764300003200';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM turnaround_ready WHERE NOT question ? 'kind'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM turnaround_ready WHERE question ? 'kind'`);
  }
}
