import type { TestApp } from './test-app.js';

/**
 * The plan PostgreSQL would choose for a query at scale: sequential scans are switched off for this one
 * EXPLAIN, as the planner weighs them on a table of millions of rows, so that a test's few rows still show
 * which index a query reads.
 */
export async function planAtScale(t: TestApp, query: string): Promise<string> {
  await t.sql(`CREATE OR REPLACE FUNCTION plan_without_seqscan(q text) RETURNS SETOF text LANGUAGE plpgsql AS $$
    DECLARE line text;
    BEGIN
      PERFORM set_config('enable_seqscan', 'off', true);
      FOR line IN EXECUTE 'EXPLAIN ' || q LOOP RETURN NEXT line; END LOOP;
    END $$`);
  const rows = await t.sql<{ line: string }>('SELECT plan_without_seqscan($1) AS line', [query]);
  return rows.map((r) => r.line).join('\n');
}
