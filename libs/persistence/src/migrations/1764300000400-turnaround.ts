import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Turnaround (issue 5): one row per visit of a request to a stage, with the stage's deadline when it
 * has a service level. The 2013 review found requests to the United States took about ten months and
 * several states could not say how many of theirs were pending: this table answers "where is every
 * request waiting, since when, and is it late" with indexed SQL instead of replaying histories.
 *
 * The runner writes it in the same transaction as the history row of each change, so it never
 * disagrees with the history; this migration rebuilds it from the history already recorded.
 */
export class Turnaround1764300000400 implements MigrationInterface {
  name = 'Turnaround1764300000400';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      -- A delayed effect (a deadline's alarm) is handed to the queue at once with a delay, and is not
      -- "lost" before its time has come: the relay's re-send rule counts from run_at.
      ALTER TABLE outbox ADD COLUMN run_at timestamptz;

      CREATE TABLE request_stages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL REFERENCES requests (id),
        stage text NOT NULL,
        -- 1 the first time the request is in this stage, 2 after a RETURN brought it back, ...
        visit smallint NOT NULL CHECK (visit > 0),
        requesting_country char(2) NOT NULL,
        requested_country char(2) NOT NULL,
        -- The request has reached the requested country's central authority (requests.transmitted_at):
        -- from then on the requested side's supervisor counts it, as it sees it (same rule as reads).
        transmitted boolean NOT NULL,
        -- The kinds of measure sought when the stage was entered, for figures per measure.
        measure_types text[] NOT NULL DEFAULT '{}',
        entered_at timestamptz NOT NULL,
        entered_by text NOT NULL,
        exited_at timestamptz,
        exited_by text,
        -- The deadline of this visit (workflows/calendar/service-levels.json), when the stage has one.
        due_at timestamptz,
        responsible_country char(2),
        office text CHECK (office IN ('cancilleria', 'central_authority', 'fiscal')),
        basis text CHECK (basis IN ('working_days', 'calendar_days')),
        days integer,
        tightened_by_urgency boolean,
        -- Set once, when the deadline passed with the request still here: the notice went out then.
        overdue_at timestamptz,
        CHECK (exited_at IS NULL OR exited_at >= entered_at),
        CHECK ((exited_at IS NULL) = (exited_by IS NULL)),
        CHECK ((due_at IS NULL) = (office IS NULL)),
        CHECK (overdue_at IS NULL OR due_at IS NOT NULL)
      );
      -- A request waits in one place at a time.
      CREATE UNIQUE INDEX request_stages_open_key ON request_stages (request_id) WHERE exited_at IS NULL;
      CREATE INDEX request_stages_request_idx ON request_stages (request_id, entered_at);

      -- Deadlines still to fire (the sweep and the re-arm at start read only these).
      CREATE INDEX request_stages_pending_deadline_idx ON request_stages (due_at)
        WHERE exited_at IS NULL AND due_at IS NOT NULL AND overdue_at IS NULL;
      -- Open deadlines of the region, and of a country as requesting or (once transmitted) requested
      -- party: the overdue list.
      CREATE INDEX request_stages_open_due_idx ON request_stages (due_at)
        INCLUDE (stage, requesting_country, requested_country) WHERE exited_at IS NULL AND due_at IS NOT NULL;
      CREATE INDEX request_stages_open_due_requesting_idx ON request_stages (requesting_country, due_at)
        INCLUDE (stage, requested_country) WHERE exited_at IS NULL AND due_at IS NOT NULL;
      CREATE INDEX request_stages_open_due_requested_idx ON request_stages (requested_country, due_at)
        INCLUDE (stage, requesting_country) WHERE exited_at IS NULL AND due_at IS NOT NULL AND transmitted;

      -- The figures: covering indexes so that a country's (or the region's) visits in a period are
      -- read from the index alone (index-only scans), never from the wide request rows.
      CREATE INDEX request_stages_requesting_entered_idx ON request_stages (requesting_country, entered_at)
        INCLUDE (stage, visit, exited_at, exited_by, due_at, requested_country);
      CREATE INDEX request_stages_requested_entered_idx ON request_stages (requested_country, entered_at)
        INCLUDE (stage, visit, exited_at, exited_by, due_at, requesting_country) WHERE transmitted;
      CREATE INDEX request_stages_entered_idx ON request_stages (entered_at)
        INCLUDE (stage, visit, exited_at, exited_by, due_at, requesting_country, requested_country);

      -- The visits already in the history. Their deadlines are computed at the next start (the
      -- working-day calendars live in workflows/calendar, not in SQL), see DeadlineSweeper.
      INSERT INTO request_stages (request_id, stage, visit, requesting_country, requested_country, transmitted,
                                  measure_types, entered_at, entered_by, exited_at, exited_by)
      SELECT v.request_id, v.to_state,
             row_number() OVER (PARTITION BY v.request_id, v.to_state ORDER BY v.seq),
             r.requesting_country, r.requested_country, r.transmitted_at IS NOT NULL,
             COALESCE((SELECT array_agg(DISTINCT m->>'type' ORDER BY m->>'type')
                       FROM jsonb_array_elements(CASE WHEN jsonb_typeof(r.fields->'measures') = 'array'
                                                      THEN r.fields->'measures' ELSE '[]'::jsonb END) m), '{}'),
             v.at, v.event, v.next_at, v.next_event
      FROM (
        SELECT h.request_id, h.seq, h.to_state, h.event, h.at,
               lead(h.at) OVER w AS next_at, lead(h.event) OVER w AS next_event
        FROM request_history h
        WHERE h.from_state IS DISTINCT FROM h.to_state
        WINDOW w AS (PARTITION BY h.request_id ORDER BY h.seq)
      ) v
      JOIN requests r ON r.id = v.request_id
      WHERE v.to_state NOT IN ('closed', 'rejected', 'refused', 'withdrawn');
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE request_stages;
      ALTER TABLE outbox DROP COLUMN run_at;
    `);
  }
}
