import type { MigrationInterface, QueryRunner } from 'typeorm';
import { rebuildOpenIndexes } from './1764300002900-open-visits-measures.js';

/** The rows of the open visit `v` (request_stages columns): turnaround_open_keys() of its columns. */
const KEYS = (v: string): string =>
  `turnaround_open_keys(${v}.stage, ${v}.requesting_country, ${v}.requested_country, ${v}.transmitted, ${v}.measure_types, ${v}.entered_at, ${v}.overdue_at IS NOT NULL)`;
/** Counts every open visit into turnaround_open (empty): the migration's first count, and a rebuild's. */
export const COUNT_OPEN_VISITS = `INSERT INTO turnaround_open
  SELECT k.*, count(*) FROM request_stages v CROSS JOIN LATERAL ${KEYS('v')} k
  WHERE v.exited_at IS NULL GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7`;
/** What an open visit's rows depend on. */
const ROW = (v: string): string =>
  `(${v}.stage, ${v}.requesting_country, ${v}.requested_country, ${v}.transmitted, ${v}.measure_types, ${v}.entered_at, ${v}.overdue_at IS NULL)`;

/**
 * The open visits counted per hour entered, as the finished ones are per hour spent. Every figure read its open
 * visits one by one (at a million requests the region has 130,000: a plain count of them took 62 ms, and they grow
 * with the years); counted per (grain, stage, hour entered, overdue or not), the region's are 12,000 rows, and the
 * rows grow with the hours, not with the visits. An open visit's whole hours are those since the hour it entered, or
 * one less when it entered later in its hour than now is in the current one: the figures read the visits of that one
 * hour where the rank of a percentile falls in it (TurnaroundRepository).
 *
 * turnaround_open holds the counts; turnaround_open_changes what changed since they were last folded in (+1 a visit
 * opened, -1 one that left, both when it became overdue), written by a trigger on request_stages, so that every writer
 * (the runner, the deadline alarms, the seeder, a fix made by hand) keeps them right. Written as changes, not as
 * counts: every transition of an hour would otherwise update the same rows (the region's row of the stage entered),
 * one after the other, and a SUBMIT and a RETURN at once could deadlock. The worker folds the changes into the counts
 * (OpenVisitsFolder); a figure reads both, so what it says does not wait for the fold.
 *
 * Overdue is `overdue_at` (set by the deadline's alarm); the figures add the visits due before now whose alarm has not
 * fired yet (request_stages_pending_deadline_idx) and take out those marked but due after now (a clock set back:
 * request_stages_open_marked_idx), so that overdue still means "due before now".
 */
export class OpenVisitsRollup1764300003000 implements MigrationInterface {
  name = 'OpenVisitsRollup1764300003000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE turnaround_open (
        side text NOT NULL CHECK (side IN ('region', 'requesting', 'requested')),
        country text NOT NULL,
        other text NOT NULL,
        measure text NOT NULL,
        stage text NOT NULL,
        -- Hours since 1970-01-01 00:00 UTC when the visits entered the stage.
        entered_hour integer NOT NULL,
        overdue boolean NOT NULL,
        visits integer NOT NULL,
        PRIMARY KEY (side, country, other, measure, stage, entered_hour, overdue)
      ) WITH (fillfactor = 90)`);
    await db.query(`
      CREATE TABLE turnaround_open_changes (
        side text NOT NULL,
        country text NOT NULL,
        other text NOT NULL,
        measure text NOT NULL,
        stage text NOT NULL,
        entered_hour integer NOT NULL,
        overdue boolean NOT NULL,
        visits integer NOT NULL
      ) WITH (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000, autovacuum_vacuum_insert_threshold = 5000)`);
    // Every row is deleted by a fold seconds after it is written, and every figure reads the table whole (a few hundred
    // rows): vacuumed every 5,000 dead rows (a few hundred transitions) rather than at a fifth of its size, so that a
    // figure does not read the fold's dead rows.
    // The one definition of the rows an open visit counts in: the all-time grains of turnaround_grains().
    await db.query(`
      CREATE FUNCTION turnaround_open_keys(visit_stage text, requesting text, requested text, transmitted boolean, measures text[],
                                           entered timestamptz, is_overdue boolean)
      RETURNS TABLE (side text, country text, other text, measure text, stage text, entered_hour integer, overdue boolean)
      LANGUAGE sql STABLE AS $$
        SELECT g.side, g.country, g.other, g.measure, visit_stage, floor(date_part('epoch', entered) / 3600)::int, is_overdue
        FROM turnaround_grains(requesting, requested, transmitted, measures, entered, ARRAY['region', 'requesting', 'requested']) g
        WHERE g.month = 0
      $$`);
    await db.query(`
      CREATE FUNCTION turnaround_open_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO turnaround_open_changes
          SELECT k.*, count(*) FROM new_rows v CROSS JOIN LATERAL ${KEYS('v')} k WHERE v.exited_at IS NULL GROUP BY 1, 2, 3, 4, 5, 6, 7;
        ELSIF TG_OP = 'DELETE' THEN
          INSERT INTO turnaround_open_changes
          SELECT k.*, -count(*) FROM old_rows v CROSS JOIN LATERAL ${KEYS('v')} k WHERE v.exited_at IS NULL GROUP BY 1, 2, 3, 4, 5, 6, 7;
        ELSE
          -- Only the visits whose rows change (a visit leaving its stage, or becoming overdue): every other update of
          -- request_stages (a deadline set or brought forward, finished visits marked transmitted) writes nothing.
          INSERT INTO turnaround_open_changes
          SELECT k.*, sum(v.n) FROM (
            SELECT o.*, -1 AS n FROM old_rows o JOIN new_rows c ON c.id = o.id
            WHERE o.exited_at IS NULL AND (c.exited_at IS NOT NULL OR ${ROW('o')} IS DISTINCT FROM ${ROW('c')})
            UNION ALL
            SELECT c.*, 1 FROM new_rows c JOIN old_rows o ON o.id = c.id
            WHERE c.exited_at IS NULL AND (o.exited_at IS NOT NULL OR ${ROW('o')} IS DISTINCT FROM ${ROW('c')})
          ) v CROSS JOIN LATERAL ${KEYS('v')} k
          GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(v.n) <> 0;
        END IF;
        RETURN NULL;
      END
      $$`);
    await db.query(`CREATE TRIGGER turnaround_open_inserted AFTER INSERT ON request_stages REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION turnaround_open_changed()`);
    await db.query(`CREATE TRIGGER turnaround_open_updated AFTER UPDATE ON request_stages REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION turnaround_open_changed()`);
    await db.query(`CREATE TRIGGER turnaround_open_deleted AFTER DELETE ON request_stages REFERENCING OLD TABLE AS old_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION turnaround_open_changed()`);
    // No visit left, none counted (a truncation fires no delete trigger).
    await db.query(`CREATE FUNCTION turnaround_open_emptied() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN DELETE FROM turnaround_open_changes; DELETE FROM turnaround_open; RETURN NULL; END $$`);
    await db.query(`CREATE TRIGGER turnaround_open_truncated AFTER TRUNCATE ON request_stages FOR EACH STATEMENT EXECUTE FUNCTION turnaround_open_emptied()`);
    await db.query(COUNT_OPEN_VISITS);
    await db.query(`ANALYZE turnaround_open`);
    // Visits marked overdue that are not (yet) due: none but where a clock was set back.
    await db.query(`CREATE INDEX request_stages_open_marked_idx ON request_stages (due_at) WHERE exited_at IS NULL AND overdue_at IS NOT NULL`);
    // A country's open visits of one stage entered in one hour: a range of its index.
    await rebuildOpenIndexes(db, true, true);
  }

  async down(db: QueryRunner): Promise<void> {
    await rebuildOpenIndexes(db, true);
    await db.query(`DROP INDEX request_stages_open_marked_idx`);
    await db.query(`DROP TRIGGER turnaround_open_inserted ON request_stages`);
    await db.query(`DROP TRIGGER turnaround_open_updated ON request_stages`);
    await db.query(`DROP TRIGGER turnaround_open_deleted ON request_stages`);
    await db.query(`DROP TRIGGER turnaround_open_truncated ON request_stages`);
    await db.query(`DROP FUNCTION turnaround_open_emptied()`);
    await db.query(`DROP FUNCTION turnaround_open_changed()`);
    await db.query(`DROP FUNCTION turnaround_open_keys`);
    await db.query(`DROP TABLE turnaround_open_changes`);
    await db.query(`DROP TABLE turnaround_open`);
  }
}
