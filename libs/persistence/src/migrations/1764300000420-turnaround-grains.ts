import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every figure from a rollup. The first rollup (stage, pair, transmitted, hours) answered a country's
 * figures by stage, but a figure by pair sorted every (pair, stage, hour) of the country (1.4 s at
 * 100,000 requests on a loaded machine), the region's summed 0.8 million rows, and the figures per
 * measure or over a period read every visit (2.2 s). The rollup now holds each finished visit once per
 * question asked of it, a "grain":
 *   - side 'region': the region (country ''), per measure or all ('');
 *   - side 'requesting': the requesting country, with the requested one as `other` or all ('');
 *   - side 'requested' (once transmitted, the visibility rule): the requested country, with the
 *     requesting one as `other` or all;
 * per measure only where `other` is all; each for all time (month 0), and the three by stage alone
 * also for the month the visit was entered (YYYYMM, UTC), so that a period reads whole months from
 * here and only its partial months from request_stages. (Monthly grains per pair or per measure
 * would hold about one row per visit at a million requests: no gain over request_stages, whose
 * covering indexes answer those.) turnaround_grains() is the one definition of the grains of a
 * visit, used by the runner, the seeder's rebuild and this migration.
 */
export class TurnaroundGrains1764300000420 implements MigrationInterface {
  name = 'TurnaroundGrains1764300000420';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE turnaround_rollup;

      CREATE FUNCTION turnaround_grains(requesting text, requested text, transmitted boolean, measures text[], entered_at timestamptz,
                                        sides text[])
      RETURNS TABLE (side text, country text, other text, measure text, month integer)
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT g.side, g.country, g.other, m.measure, mo.month
        FROM (VALUES ('region', '', ''), ('requesting', requesting, ''), ('requesting', requesting, requested),
                     ('requested', requested, ''), ('requested', requested, requesting)) g (side, country, other)
        CROSS JOIN LATERAL (SELECT '' UNION ALL SELECT unnest(measures) WHERE g.other = '') m (measure)
        CROSS JOIN LATERAL (SELECT 0 UNION ALL
                            SELECT (extract(year FROM entered_at AT TIME ZONE 'UTC') * 100 + extract(month FROM entered_at AT TIME ZONE 'UTC'))::integer
                            WHERE g.other = '' AND m.measure = '') mo (month)
        WHERE g.side = ANY (sides) AND (g.side <> 'requested' OR transmitted)
      $$;

      CREATE TABLE turnaround_rollup (
        side text NOT NULL CHECK (side IN ('region', 'requesting', 'requested')),
        country text NOT NULL,
        other text NOT NULL,
        measure text NOT NULL,
        -- 0: all time; else the month the visits were entered, YYYYMM (UTC).
        month integer NOT NULL,
        stage text NOT NULL,
        -- Whole hours in the stage (a visit of 2 h 59 min counts 2).
        hours integer NOT NULL CHECK (hours >= 0),
        visits integer NOT NULL CHECK (visits > 0),
        -- Of those: first submissions decided by the cancillería, and returned; decisions of the
        -- central authority, and refusals (the returned and refused shares).
        first_decided integer NOT NULL DEFAULT 0,
        first_returned integer NOT NULL DEFAULT 0,
        decided integer NOT NULL DEFAULT 0,
        refused integer NOT NULL DEFAULT 0,
        PRIMARY KEY (side, country, other, measure, month, stage, hours)
      ) WITH (fillfactor = 90);

      INSERT INTO turnaround_rollup (side, country, other, measure, month, stage, hours, visits,
                                     first_decided, first_returned, decided, refused)
      SELECT g.side, g.country, g.other, g.measure, g.month, s.stage,
             floor(date_part('epoch', s.exited_at - s.entered_at) / 3600)::int, count(*),
             count(*) FILTER (WHERE s.visit = 1 AND s.exited_by IN ('AUTHORIZE', 'RETURN', 'REJECT')),
             count(*) FILTER (WHERE s.visit = 1 AND s.exited_by = 'RETURN'),
             count(*) FILTER (WHERE s.exited_by IN ('RECORD_EXECUTION', 'REFUSE')),
             count(*) FILTER (WHERE s.exited_by = 'REFUSE')
      FROM request_stages s
      CROSS JOIN LATERAL turnaround_grains(s.requesting_country, s.requested_country, s.transmitted, s.measure_types, s.entered_at,
                                           ARRAY['region', 'requesting', 'requested']) g
      WHERE s.exited_at IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5, 6, 7;

      -- The partial months of a period and the region's open visits.
      CREATE INDEX request_stages_open_entered_idx ON request_stages (entered_at)
        INCLUDE (stage, due_at, requesting_country, requested_country, measure_types) WHERE exited_at IS NULL;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP INDEX request_stages_open_entered_idx;
      DROP TABLE turnaround_rollup;
      DROP FUNCTION turnaround_grains;
      CREATE TABLE turnaround_rollup (
        stage text NOT NULL,
        requesting_country char(2) NOT NULL,
        requested_country char(2) NOT NULL,
        transmitted boolean NOT NULL,
        hours integer NOT NULL CHECK (hours >= 0),
        visits integer NOT NULL CHECK (visits >= 0),
        first_decided integer NOT NULL DEFAULT 0,
        first_returned integer NOT NULL DEFAULT 0,
        decided integer NOT NULL DEFAULT 0,
        refused integer NOT NULL DEFAULT 0,
        PRIMARY KEY (stage, requesting_country, requested_country, transmitted, hours)
      );
      CREATE INDEX turnaround_rollup_requesting_idx ON turnaround_rollup (requesting_country, stage, hours)
        INCLUDE (requested_country, visits, first_decided, first_returned, decided, refused);
      CREATE INDEX turnaround_rollup_requested_idx ON turnaround_rollup (requested_country, stage, hours)
        INCLUDE (requesting_country, visits, first_decided, first_returned, decided, refused) WHERE transmitted;
      INSERT INTO turnaround_rollup (stage, requesting_country, requested_country, transmitted, hours, visits,
                                     first_decided, first_returned, decided, refused)
      SELECT stage, requesting_country, requested_country, transmitted,
             floor(date_part('epoch', exited_at - entered_at) / 3600)::int, count(*),
             count(*) FILTER (WHERE visit = 1 AND exited_by IN ('AUTHORIZE', 'RETURN', 'REJECT')),
             count(*) FILTER (WHERE visit = 1 AND exited_by = 'RETURN'),
             count(*) FILTER (WHERE exited_by IN ('RECORD_EXECUTION', 'REFUSE')),
             count(*) FILTER (WHERE exited_by = 'REFUSE')
      FROM request_stages WHERE exited_at IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5;
    `);
  }
}
