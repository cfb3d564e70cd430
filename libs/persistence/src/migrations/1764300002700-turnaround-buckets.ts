import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The figures without reading every hour. turnaround_rollup holds a row per (grain, stage, whole
 * hour), about as many rows as visits (2.1 million at 100,000 requests), and a figure summed them all
 * to find its median and 90th percentile (a country's dashboard 2-3.6 s). turnaround_buckets counts
 * the same visits per bucket of hours, eight buckets per doubling (0-15 hours one by one, then 16-17,
 * 18-19 ... 30-31, 32-35 ...: the lowest hour of the bucket names it, see turnaround_bucket()), with
 * every other figure's sums and the longest visit: a figure reads at most about a hundred buckets per
 * stage, finds the buckets holding the ranks of its median and 90th percentile, then reads only those
 * buckets' hours from turnaround_rollup. The result is exactly what the hours alone give. The runner
 * writes both tables in the statement that closes a visit (turnaround_rollup's rows first, both in key
 * order).
 */
export class TurnaroundBuckets1764300002700 implements MigrationInterface {
  name = 'TurnaroundBuckets1764300002700';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION turnaround_bucket(hours integer) RETURNS integer
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT (hours >> s) << s FROM (SELECT greatest(0, length(ltrim(hours::bit(32)::text, '0')) - 4) AS s) b
      $$;

      CREATE TABLE turnaround_buckets (
        side text NOT NULL,
        country text NOT NULL,
        other text NOT NULL,
        measure text NOT NULL,
        month integer NOT NULL,
        stage text NOT NULL,
        -- turnaround_bucket(hours) of the visits counted here.
        bucket integer NOT NULL CHECK (bucket >= 0),
        visits integer NOT NULL CHECK (visits > 0),
        first_decided integer NOT NULL DEFAULT 0,
        first_returned integer NOT NULL DEFAULT 0,
        decided integer NOT NULL DEFAULT 0,
        refused integer NOT NULL DEFAULT 0,
        max_hours integer NOT NULL,
        PRIMARY KEY (side, country, other, measure, month, stage, bucket)
      ) WITH (fillfactor = 90);

      INSERT INTO turnaround_buckets (side, country, other, measure, month, stage, bucket, visits,
                                      first_decided, first_returned, decided, refused, max_hours)
      SELECT side, country, other, measure, month, stage, turnaround_bucket(hours), sum(visits), sum(first_decided),
             sum(first_returned), sum(decided), sum(refused), max(hours)
      FROM turnaround_rollup
      GROUP BY 1, 2, 3, 4, 5, 6, 7;
    `);
    // Without statistics the planner takes a grain's buckets for one row until autovacuum comes by.
    await db.query(`ANALYZE turnaround_buckets`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE turnaround_buckets;
      DROP FUNCTION turnaround_bucket;
    `);
  }
}
