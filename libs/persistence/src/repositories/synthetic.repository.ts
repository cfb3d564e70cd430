import { readFile, statfs } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { spokenDuration } from '@enlace/core';
import type { CountryCode } from '@enlace/workflows';
import { Database, type Transaction } from '../database.js';
import { GENESIS_HASH } from '../hash-chain.js';
import { TurnaroundRepository, type DecisionEvents } from './turnaround.repository.js';

/** One step of a scenario, with the machine's persisted snapshot after it. */
export interface SyntheticScenarioStep {
  scenario: number;
  step: number;
  event: string;
  fromState: string | null;
  toState: string;
  actorRole: string;
  actorSide: 'requesting' | 'requested';
  comment: string | null;
  data: Record<string, unknown> | null;
  /** canonicalJson(data), as the history hash covers it. */
  dataCanonical: string;
  snapshot: unknown;
}

/** What the SQL needs to write a synthetic data set (see apps/api/src/cli/synthetic-plan.ts). */
export interface SyntheticPlan {
  count: number;
  now: Date;
  /** Requests are created uniformly over this many days before `now`. */
  days: number;
  machine: { id: string; version: number };
  countries: string[];
  /** The states with a stage row (the non-final ones). */
  stages: string[];
  scenarioWeights: number[];
  steps: SyntheticScenarioStep[];
  durations: { stage: string; medianHours: number; sigma: number; side: 'requesting' | 'requested' }[];
  factors: { country: string; side: 'requesting' | 'requested'; factor: number }[];
  measureSets: string[][];
  fields: { country: string; measureSet: number; fields: object }[];
  levels: { stage: string; requesting: string; requested: string; basis: string; days: number; office: string; responsible: string }[];
  calendar: { country: string; day: string; working: boolean }[];
  /** Each country's offices' clock (IANA zone): deadlines are counted on its days. */
  timeZones: { country: string; zone: string }[];
  /** How the figures classify exits, for the rollup of finished visits. */
  decisions: DecisionEvents;
}

export interface SyntheticUser {
  id: string;
  role: string;
  country: CountryCode;
}

export interface SyntheticResult {
  requests: number;
  historyRows: number;
  stageRows: number;
  openStages: number;
  overdueOpen: number;
}

// The canonical JSON of a history row (canonicalJson of HistoryRepository's historyHash: keys sorted,
// no spaces), built in SQL so that the hash chain of every synthetic request verifies.
const CANONICAL_ROW = `'{"actorCountry":' || to_json(u.country::text)::text
  || ',"actorId":' || to_json(u.id::text)::text
  || ',"actorRole":' || to_json(e.actor_role)::text
  || ',"at":"' || to_char(e.at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"'
  || ',"comment":' || COALESCE(to_json(e.comment)::text, 'null')
  || ',"data":' || e.data_canonical
  || ',"event":' || to_json(e.event)::text
  || ',"fromState":' || COALESCE(to_json(e.from_state)::text, 'null')
  || ',"prevHash":"' || c.hash || '"'
  || ',"requestId":"' || e.request_id::text || '"'
  || ',"seq":' || (e.step + 1)::text
  || ',"toState":' || to_json(e.to_state)::text || '}'`;

/** The steps of a seeding, in order, as its progress lines name them. */
const STEPS = [
  'setting the indexes aside',
  'planning the requests',
  'timing their steps',
  'writing the requests',
  'writing their history',
  'writing the stage visits',
  'counting the turnaround rollup',
  'rebuilding the indexes',
  'vacuum and analyze',
] as const;

/** How often a step still running says so: a step takes minutes per million requests, one statement each. */
const HEARTBEAT_MS = 30_000;

/**
 * A seeding's progress, a line each: every step when it is done (and how long since the start), every
 * 30 s while it runs, and the parts of the steps that have parts (the history's levels, the indexes).
 */
class SeedProgress {
  private readonly started = Date.now();

  constructor(private readonly log: (line: string) => void) {}

  async step<T>(name: (typeof STEPS)[number], work: () => Promise<T>): Promise<T> {
    const said = `step ${STEPS.indexOf(name) + 1} of ${STEPS.length}, ${name}`;
    const began = Date.now();
    const beat = setInterval(() => this.log(`${said}: ${spokenDuration(Date.now() - began)} so far`), HEARTBEAT_MS);
    beat.unref();
    try {
      const value = await work();
      this.log(`${said}: done in ${spokenDuration(Date.now() - began)} (${spokenDuration(Date.now() - this.started)} since the start)`);
      return value;
    } finally {
      clearInterval(beat);
    }
  }

  /** A part of the step running, done in `ms`. */
  part(what: string, ms: number): void {
    this.log(`  ${what} in ${spokenDuration(ms)}`);
  }
}

/**
 * Writes N synthetic requests with set-based SQL (generate_series, window functions, one INSERT per
 * table and one per history level for the hash chains), fast enough for a million. Every row is one
 * the application could have written: a restorable machine snapshot, a hash-chained history that
 * audit:verify accepts, stage visits with the deadlines the service levels give. Only for measuring:
 * notifications and documents are not produced, and a deadline passed is marked overdue as of its
 * due time (as if its alarm had fired then).
 */
@Injectable()
export class SyntheticDataRepository {
  constructor(
    private readonly db: Database,
    private readonly figures: TurnaroundRepository,
  ) {}

  async seed(plan: SyntheticPlan, users: SyntheticUser[], log: (line: string) => void = () => {}): Promise<SyntheticResult> {
    const progress = new SeedProgress(log);
    const result = await this.db.transaction(async (tx) => {
      const q = (sql: string, params: unknown[] = []) => tx.manager.query(sql, params);
      await q(`SET LOCAL TIME ZONE 'UTC'`);
      await q(`SET LOCAL work_mem = '256MB'`);
      await q(`SET LOCAL synchronous_commit = off`);
      await q(`SET LOCAL maintenance_work_mem = '512MB'`);
      // A superuser may skip the per-row foreign-key triggers for this transaction (they cost half
      // the time): every reference written here comes from a join on rows written by the same
      // statements. Anyone else gets the checks, only slower.
      const [{ superuser }] = await q('SELECT usesuper AS superuser FROM pg_user WHERE usename = current_user');
      if (superuser) await q(`SET LOCAL session_replication_role = replica`);
      else log('foreign keys checked row by row (not a superuser): slower');
      await this.loadPlan(tx, plan, users);
      // Building an index once over sorted rows is several times faster than maintaining it row by
      // row; the tables are locked until commit anyway. Constraints (and their indexes) stay.
      const rebuild = await progress.step('setting the indexes aside', () => this.dropIndexes(tx, ['requests', 'request_history', 'request_stages', 'turnaround_rollup']));

      await progress.step('planning the requests', () =>
        q(
          `CREATE TEMP TABLE syn_request ON COMMIT DROP AS
           SELECT x.n, gen_random_uuid() AS id, ($1::text[])[1 + x.a] AS requesting, ($1::text[])[1 + (x.a + 1 + x.b) % 11] AS requested,
                  width_bucket(x.r, $2::float8[]) - 1 AS scenario,
                  date_trunc('milliseconds', $3::timestamptz - x.t * make_interval(days => $4)) AS created_at
           FROM (SELECT n, floor(random() * 11)::int AS a, floor(random() * 10)::int AS b, random() AS r, random() AS t
                 FROM generate_series(1, $5::int) n) x`,
          [plan.countries, cumulative(plan.scenarioWeights), plan.now, plan.days, plan.count],
        ),
      );

      // Each step comes a log-normal time after the previous one; what "now" has not reached is cut. Then each
      // request's last step and first dates (part of this step: a minute at 3,000,000, not to pass unsaid).
      await progress.step('timing their steps', async () => {
        await q(
          `CREATE TEMP TABLE syn_event ON COMMIT DROP AS
           SELECT * FROM (
             SELECT r.id AS request_id, r.n, r.requesting, r.requested, s.step, s.event, s.from_state, s.to_state, s.actor_role,
                    s.actor_side, s.comment, s.data, s.data_canonical,
                    date_trunc('milliseconds', r.created_at + make_interval(secs => sum(
                      CASE WHEN s.step = 0 THEN 0
                           ELSE 3600 * LEAST(9600, GREATEST(0.05, d.median_hours * COALESCE(f.factor, 1)
                                * exp(d.sigma * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())))) END
                    ) OVER (PARTITION BY r.id ORDER BY s.step))) AS at
             FROM syn_request r
             JOIN syn_step s ON s.scenario = r.scenario
             LEFT JOIN syn_duration d ON d.stage = s.from_state
             LEFT JOIN syn_factor f ON f.side = d.side AND f.country = CASE d.side WHEN 'requested' THEN r.requested ELSE r.requesting END
           ) e WHERE e.at <= $1`,
          [plan.now],
        );
        await q('CREATE INDEX ON syn_event (step)');
        await q(
          `CREATE TEMP TABLE syn_last ON COMMIT DROP AS
           SELECT DISTINCT ON (e.request_id) e.request_id, e.step, e.to_state, e.at,
                  min(e.at) FILTER (WHERE e.event = 'SUBMIT') OVER w AS submitted_at,
                  min(e.at) FILTER (WHERE e.event = 'AUTHORIZE') OVER w AS authorized_at,
                  min(e.at) FILTER (WHERE e.event = 'TRANSMIT') OVER w AS transmitted_at
           FROM syn_event e WINDOW w AS (PARTITION BY e.request_id)
           ORDER BY e.request_id, e.step DESC`,
        );
        await q('CREATE UNIQUE INDEX ON syn_last (request_id)');
      });

      const requests = await progress.step('writing the requests', () =>
        q(
          `WITH numbered AS (
             SELECT r.*, extract(year FROM r.created_at)::int AS year,
                    COALESCE(rs.last_value, 0) + row_number() OVER (PARTITION BY r.requesting, extract(year FROM r.created_at) ORDER BY r.created_at, r.n) AS sequence
             FROM syn_request r
             LEFT JOIN reference_sequences rs ON rs.requesting_country = r.requesting AND rs.year = extract(year FROM r.created_at)::int
           ), written AS (
             INSERT INTO requests (id, reference, requesting_country, requested_country, created_by, state, version, machine_id, machine_version,
                                   snapshot, fields, shared_at, submitted_at, transmitted_at, created_at, updated_at,
                                   authorized_at, received_at)
             SELECT r.id, format('%s-%s-%s-%s', r.requesting, r.requested, r.year, lpad(r.sequence::text, 6, '0')), r.requesting, r.requested,
                    u.id, l.to_state, l.step + 1, $1, $2,
                    jsonb_set(jsonb_set(jsonb_set(s.snapshot, '{context,createdById}', to_jsonb(u.id::text)),
                      '{context,requestingCountry}', to_jsonb(r.requesting)),
                      '{context,milestones}', jsonb_strip_nulls(jsonb_build_object(
                        'submittedAt', to_char(l.submitted_at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                        'authorizedAt', to_char(l.authorized_at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                        'transmittedAt', to_char(l.transmitted_at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                        'receivedAt', to_char(l.transmitted_at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))),
                    jsonb_set(jsonb_set(fs.fields, '{title}', to_jsonb('Solicitud sintética ' || r.n)),
                      '{caseReference}', to_jsonb('SINT-' || r.n)),
                    NULL, l.submitted_at, l.transmitted_at, r.created_at, l.at,
                    l.authorized_at, l.transmitted_at
             FROM numbered r
             JOIN syn_last l ON l.request_id = r.id
             JOIN syn_step s ON s.scenario = r.scenario AND s.step = l.step
             JOIN syn_user u ON u.role = 'fiscal' AND u.country = r.requesting
             JOIN syn_fields fs ON fs.country = r.requesting AND fs.measure_set = r.n % $3
             RETURNING requesting_country, created_at, reference
           ), sequences AS (
             INSERT INTO reference_sequences (requesting_country, year, last_value)
             SELECT requesting_country, extract(year FROM created_at)::int, max(right(reference, 6)::int) FROM written GROUP BY 1, 2
             ON CONFLICT (requesting_country, year) DO UPDATE SET last_value = GREATEST(reference_sequences.last_value, EXCLUDED.last_value)
           )
           SELECT count(*)::int AS n FROM written`,
          [plan.machine.id, plan.machine.version, plan.measureSets.length],
        ),
      );

      // The hash chains, one level (seq) at a time: each row's hash covers the one before it, read back
      // through the (request_id, seq) key.
      const [{ levels }] = await q('SELECT COALESCE(max(step), -1) + 1 AS levels FROM syn_event');
      let historyRows = 0;
      await progress.step('writing their history', async () => {
        for (let step = 0; step < levels; step++) {
          const began = Date.now();
          const [{ n }] = await q(
            `WITH written AS (
               INSERT INTO request_history (request_id, seq, event, from_state, to_state, actor_id, actor_role, actor_country, comment, data, at, prev_hash, hash)
               SELECT e.request_id, e.step + 1, e.event, e.from_state, e.to_state, u.id, e.actor_role, u.country, e.comment, e.data, e.at, c.hash,
                      encode(sha256(convert_to(${CANONICAL_ROW}, 'UTF8')), 'hex')
               FROM syn_event e
               ${step === 0 ? `CROSS JOIN (SELECT $2::text AS hash) c` : 'JOIN request_history c ON c.request_id = e.request_id AND c.seq = e.step'}
               JOIN syn_user u ON u.role = e.actor_role AND u.country = CASE e.actor_side WHEN 'requested' THEN e.requested ELSE e.requesting END
               WHERE e.step = $1
               RETURNING 1
             )
             SELECT count(*)::int AS n FROM written`,
            step === 0 ? [step, GENESIS_HASH] : [step],
          );
          historyRows += n;
          progress.part(`level ${step + 1} of ${levels}: ${n.toLocaleString('en')} rows`, Date.now() - began);
        }
      });

      // Stage visits, and the deadline of each on the responsible office's calendar.
      const [stages] = await progress.step('writing the stage visits', () =>
        q(
          `WITH visits AS (
             SELECT v.*, lv.basis, lv.days, lv.office,
                    CASE lv.responsible WHEN 'requested' THEN v.requested ELSE v.requesting END AS responsible_country
             FROM (
               SELECT e.request_id, e.n, e.to_state AS stage, e.requesting, e.requested, e.at AS entered_at, e.event AS entered_by,
                      row_number() OVER (PARTITION BY e.request_id, e.to_state ORDER BY e.step) AS visit,
                      lead(e.at) OVER w AS exited_at, lead(e.event) OVER w AS exited_by
               FROM syn_event e WINDOW w AS (PARTITION BY e.request_id ORDER BY e.step)
             ) v
             LEFT JOIN syn_level lv ON lv.stage = v.stage AND lv.requesting = v.requesting AND lv.requested = v.requested
             WHERE v.stage = ANY($1::text[])
           ), due AS (
             SELECT v.*,
                    CASE v.basis
                      WHEN 'calendar_days' THEN ((v.entered_at AT TIME ZONE z.zone) + make_interval(days => v.days)) AT TIME ZONE z.zone
                      WHEN 'working_days' THEN (wd.day + ((v.entered_at AT TIME ZONE z.zone) - (v.entered_at AT TIME ZONE z.zone)::date)) AT TIME ZONE z.zone
                    END AS due_at
             FROM visits v
             -- On the responsible office's clock (deadlineFor): its day, and the time of day kept.
             LEFT JOIN json_to_recordset($4::json) AS z(country text, zone text) ON z.country = v.responsible_country
             LEFT JOIN syn_next nx ON v.basis = 'working_days' AND nx.country = v.responsible_country AND nx.day = (v.entered_at AT TIME ZONE z.zone)::date
             LEFT JOIN syn_workday wd ON wd.country = v.responsible_country AND wd.ord = nx.ord + v.days
           ), written AS (
             INSERT INTO request_stages (request_id, stage, visit, requesting_country, requested_country, transmitted, measure_types,
                                         entered_at, entered_by, exited_at, exited_by, due_at, responsible_country, office, basis, days,
                                         tightened_by_urgency, overdue_at)
             SELECT d.request_id, d.stage, d.visit, d.requesting, d.requested, l.transmitted_at IS NOT NULL, ms.types,
                    d.entered_at, d.entered_by, d.exited_at, d.exited_by, d.due_at,
                    CASE WHEN d.due_at IS NOT NULL THEN d.responsible_country END, CASE WHEN d.due_at IS NOT NULL THEN d.office END,
                    CASE WHEN d.due_at IS NOT NULL THEN d.basis END, CASE WHEN d.due_at IS NOT NULL THEN d.days END,
                    CASE WHEN d.due_at IS NOT NULL THEN false END,
                    CASE WHEN d.due_at < COALESCE(d.exited_at, $2) THEN d.due_at END
             FROM due d
             JOIN syn_last l ON l.request_id = d.request_id
             JOIN syn_measure_set ms ON ms.measure_set = d.n % $3
             -- In the order a live platform writes them, each visit as it is entered: the table's physical order, which
             -- the planner reads in the index correlations, is then a live platform's, not one request after another.
             ORDER BY d.entered_at
             RETURNING exited_at, due_at
           )
           SELECT count(*)::int AS rows, (count(*) - count(exited_at))::int AS open,
                  count(*) FILTER (WHERE exited_at IS NULL AND due_at < $2)::int AS overdue
           FROM written`,
          [plan.stages, plan.now, plan.measureSets.length, JSON.stringify(plan.timeZones)],
        ),
      );
      await progress.step('counting the turnaround rollup', () => this.figures.rebuildRollup(plan.decisions, tx));
      await progress.step('rebuilding the indexes', async () => {
        for (const [i, definition] of rebuild.entries()) {
          const began = Date.now();
          await q(definition);
          progress.part(`index ${i + 1} of ${rebuild.length} (${/INDEX (\S+)/.exec(definition)?.[1] ?? definition})`, Date.now() - began);
        }
      });
      return { requests: requests[0].n as number, historyRows, stageRows: stages.rows, openStages: stages.open, overdueOpen: stages.overdue };
    });
    // The figures read the covering indexes alone once the visibility map is set.
    await progress.step('vacuum and analyze', () =>
      this.db.managerOf().query('VACUUM ANALYZE requests, request_history, request_stages, turnaround_rollup, turnaround_buckets, turnaround_open, turnaround_open_changes'),
    );
    return result;
  }

  /**
   * The free space on the disk of the database's files, where this process can tell it: the role may read
   * data_directory (a superuser, the embedded mode's) and that directory here is the server's own, its postmaster.pid
   * giving the server's start time (a loopback address proves nothing: a tunnel, a port forward, a socket mounted
   * from a container). The database's files, and the sort files of its statements unless temp_tablespaces names
   * others, are in its default tablespace: the data directory, or a tablespace's directory elsewhere (a disk of its
   * own; the write-ahead log stays in the data directory, bounded by max_wal_size). Null otherwise: a server
   * elsewhere has its own disk.
   */
  async databaseDisk(): Promise<{ dir: string; freeBytes: number } | null> {
    const [row]: { dir: string | null; tablespace: string | null; started: number }[] = await this.db.managerOf().query(
      `SELECT (SELECT setting FROM pg_settings WHERE name = 'data_directory') AS dir,
              (SELECT pg_tablespace_location(dattablespace) FROM pg_database WHERE datname = current_database()) AS tablespace,
              extract(epoch FROM pg_postmaster_start_time())::float8 AS started`,
    );
    if (!row?.dir) return null;
    try {
      // postmaster.pid: the postmaster's pid, the data directory, its start time (seconds since 1970), ...
      const pidFile = (await readFile(join(row.dir, 'postmaster.pid'), 'utf8')).split('\n');
      // Both read the clock as the postmaster starts, a moment apart.
      if (pidFile[1] !== row.dir || Math.abs(Number(pidFile[2]) - row.started) > 2) return null;
      // A tablespace made in place (allow_in_place_tablespaces) is named relative to the data directory.
      const dir = !row.tablespace ? row.dir : isAbsolute(row.tablespace) ? row.tablespace : join(row.dir, row.tablespace);
      const disk = await statfs(dir);
      return { dir, freeBytes: disk.bavail * disk.bsize };
    } catch {
      return null;
    }
  }

  /** Drops the indexes of `tables` that back no constraint; returns the statements that recreate them. */
  private async dropIndexes(tx: Transaction, tables: string[]): Promise<string[]> {
    const indexes: { name: string; definition: string }[] = await tx.manager.query(
      `SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
       WHERE i.schemaname = current_schema() AND i.tablename = ANY($1)
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)`,
      [tables],
    );
    for (const index of indexes) await tx.manager.query(`DROP INDEX ${index.name}`);
    return indexes.map((i) => i.definition);
  }

  private async loadPlan(tx: Transaction, plan: SyntheticPlan, users: SyntheticUser[]): Promise<void> {
    const q = (sql: string, params: unknown[] = []) => tx.manager.query(sql, params);
    const json = (value: unknown) => JSON.stringify(value);
    await q(
      `CREATE TEMP TABLE syn_step ON COMMIT DROP AS SELECT * FROM jsonb_to_recordset($1::jsonb)
         AS x(scenario int, step int, event text, "fromState" text, "toState" text, "actorRole" text, "actorSide" text,
              comment text, data jsonb, "dataCanonical" text, snapshot jsonb)`,
      [json(plan.steps)],
    );
    await q(`ALTER TABLE syn_step RENAME "fromState" TO from_state`);
    await q(`ALTER TABLE syn_step RENAME "toState" TO to_state`);
    await q(`ALTER TABLE syn_step RENAME "actorRole" TO actor_role`);
    await q(`ALTER TABLE syn_step RENAME "actorSide" TO actor_side`);
    await q(`ALTER TABLE syn_step RENAME "dataCanonical" TO data_canonical`);
    await q(
      `CREATE TEMP TABLE syn_duration ON COMMIT DROP AS
       SELECT stage, "medianHours" AS median_hours, sigma, side FROM jsonb_to_recordset($1::jsonb) AS x(stage text, "medianHours" float8, sigma float8, side text)`,
      [json(plan.durations)],
    );
    await q(
      `CREATE TEMP TABLE syn_factor ON COMMIT DROP AS SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(country text, side text, factor float8)`,
      [json(plan.factors)],
    );
    await q(
      `CREATE TEMP TABLE syn_measure_set ON COMMIT DROP AS
       SELECT (ordinality - 1)::int AS measure_set, ARRAY(SELECT jsonb_array_elements_text(types) ORDER BY 1) AS types
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x(types, ordinality)`,
      [json(plan.measureSets)],
    );
    await q(
      `CREATE TEMP TABLE syn_fields ON COMMIT DROP AS
       SELECT country, "measureSet" AS measure_set, fields FROM jsonb_to_recordset($1::jsonb) AS x(country text, "measureSet" int, fields jsonb)`,
      [json(plan.fields)],
    );
    await q(
      `CREATE TEMP TABLE syn_level ON COMMIT DROP AS
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(stage text, requesting text, requested text, basis text, days int, office text, responsible text)`,
      [json(plan.levels)],
    );
    await q(
      `CREATE TEMP TABLE syn_user ON COMMIT DROP AS SELECT id::uuid AS id, role, country::char(2) AS country
       FROM jsonb_to_recordset($1::jsonb) AS x(id text, role text, country text)`,
      [json(users)],
    );
    // Working days numbered per country; for every day, the number of the first working day from it on.
    await q(
      `CREATE TEMP TABLE syn_day ON COMMIT DROP AS
       SELECT country, day::date AS day, working FROM jsonb_to_recordset($1::jsonb) AS x(country text, day text, working boolean)`,
      [json(plan.calendar)],
    );
    await q(
      `CREATE TEMP TABLE syn_workday ON COMMIT DROP AS
       SELECT country, day, row_number() OVER (PARTITION BY country ORDER BY day)::int AS ord FROM syn_day WHERE working`,
    );
    await q(
      `CREATE TEMP TABLE syn_next ON COMMIT DROP AS
       SELECT d.country, d.day, (SELECT min(w.ord) FROM syn_workday w WHERE w.country = d.country AND w.day >= d.day) AS ord FROM syn_day d`,
    );
    await q('CREATE INDEX ON syn_workday (country, ord)');
    await q('CREATE INDEX ON syn_next (country, day)');
    await q('ANALYZE syn_step, syn_duration, syn_factor, syn_measure_set, syn_fields, syn_level, syn_user, syn_workday, syn_next');
  }
}

/** The lower bound of each scenario's share of [0, 1), for width_bucket. */
function cumulative(weights: number[]): number[] {
  const bounds = [0];
  for (const w of weights.slice(0, -1)) bounds.push(bounds[bounds.length - 1] + w);
  return bounds;
}
