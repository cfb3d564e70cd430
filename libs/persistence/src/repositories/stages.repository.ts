import { Injectable } from '@nestjs/common';
import type { CountryCode } from '@enlace/workflows';
import { Database, type Transaction } from '../database.js';
import { RequestStageEntity } from '../entities/request-stage.entity.js';
import { visibility, type Viewer } from './requests.repository.js';
import type { DecisionEvents } from './turnaround.repository.js';

export interface StageDeadline {
  dueAt: Date;
  responsibleCountry: CountryCode;
  office: string;
  basis: string;
  days: number;
  tightenedByUrgency: boolean;
}

/** A request waiting on an office, as its work queue lists it. */
export interface QueuedVisit {
  requestId: string;
  reference: string;
  title: string | null;
  requestingCountry: CountryCode;
  requestedCountry: CountryCode;
  stage: string;
  enteredAt: Date;
  dueAt: Date | null;
  basis: string | null;
}

/** Oldest deadline first (a desk that decides), or the newest arrival first (an inbox). */
export type QueueOrder = 'due' | 'newest';

export interface NewStageVisit {
  requestId: string;
  stage: string;
  requestingCountry: CountryCode;
  requestedCountry: CountryCode;
  transmitted: boolean;
  measureTypes: string[];
  enteredAt: Date;
  enteredBy: string;
  deadline: StageDeadline | null;
}

const columns = (s: string): string => `${s}.id, ${s}.request_id AS "requestId", ${s}.stage, ${s}.visit,
  ${s}.requesting_country AS "requestingCountry", ${s}.requested_country AS "requestedCountry", ${s}.transmitted,
  ${s}.measure_types AS "measureTypes", ${s}.entered_at AS "enteredAt", ${s}.entered_by AS "enteredBy",
  ${s}.exited_at AS "exitedAt", ${s}.exited_by AS "exitedBy", ${s}.due_at AS "dueAt",
  ${s}.responsible_country AS "responsibleCountry", ${s}.office, ${s}.basis, ${s}.days,
  ${s}.tightened_by_urgency AS "tightenedByUrgency", ${s}.overdue_at AS "overdueAt"`;

/** Whole hours in a stage, as every figure counts them (a visit of 2 h 59 min counts 2). */
export const WHOLE_HOURS = (from: string, to: string): string => `floor(date_part('epoch', ${to} - ${from}) / 3600)::int`;

const decisionParams = (d: DecisionEvents): unknown[] => [d.firstVisit, d.returned, d.any, d.refused];

/** The sides of the rollup a visit counts for (see turnaround_grains in the migrations). */
export const ALL_SIDES = ['region', 'requesting', 'requested'];

/** 16, 32, 64 ... 2^30: the lowest hour of each doubling from the first bucket wider than an hour. */
const DOUBLINGS = `'{${Array.from({ length: 27 }, (_, i) => 2 ** (i + 4)).join(',')}}'::int[]`;

/**
 * The shift that names the bucket of an integer SQL expression `hours` ((hours >> shift) << shift): turnaround_bucket()
 * of the migrations, written inline for the figures' statement, where PostgreSQL would call the function (its body reads
 * FROM, so it is not inlined) once per visit. The doublings reached, counted by a binary search, rather than the
 * function's bit length through text: the same shift (0 below 16 hours, then the bit length less 4) for a tenth of
 * a figure's time over a period, which buckets every visit it reads. The medium test holds the two equal.
 */
export const BUCKET_SHIFT = (hours: string): string => `width_bucket(${hours}, ${DOUBLINGS})`;

/**
 * Common table expressions (to follow a WITH's own) that add the finished visits of `source`
 * (request_stages columns) to turnaround_rollup, once per grain of `sides` (a parameter, $p) they
 * count in, and to the same grains' buckets in turnaround_buckets; the decision events are parameters
 * $p+1..$p+4. `transmitted` overrides the visits' own flag. Visits alike (same stage, countries,
 * measures, month entered and whole hours) are counted together before they are spread over their
 * grains, which makes a rebuild over millions of visits several times cheaper. Rows are written in
 * key order, turnaround_rollup's before turnaround_buckets', so two transactions adding to the same
 * rows wait for each other instead of deadlocking.
 */
export function rollupUpsert(source: string, p: number, transmitted = 's.transmitted'): string {
  return `rollup_grains AS (
          SELECT g.side, g.country, g.other, g.measure, g.month, b.stage, b.hours, sum(b.visits)::int AS visits, sum(b.first_decided)::int AS first_decided,
            sum(b.first_returned)::int AS first_returned, sum(b.decided)::int AS decided, sum(b.refused)::int AS refused
          FROM (
            SELECT s.stage, s.requesting_country, s.requested_country, ${transmitted} AS transmitted, s.measure_types,
              date_trunc('month', s.entered_at, 'UTC') AS entered_month, ${WHOLE_HOURS('s.entered_at', 's.exited_at')} AS hours, count(*) AS visits,
              count(*) FILTER (WHERE s.visit = 1 AND s.exited_by = ANY($${p + 1}::text[])) AS first_decided,
              count(*) FILTER (WHERE s.visit = 1 AND s.exited_by = $${p + 2}) AS first_returned,
              count(*) FILTER (WHERE s.exited_by = ANY($${p + 3}::text[])) AS decided,
              count(*) FILTER (WHERE s.exited_by = $${p + 4}) AS refused
            FROM ${source} s WHERE s.exited_at IS NOT NULL
            GROUP BY 1, 2, 3, 4, 5, 6, 7
          ) b
          CROSS JOIN LATERAL turnaround_grains(b.requesting_country, b.requested_country, b.transmitted, b.measure_types, b.entered_month, $${p}::text[]) g
          GROUP BY 1, 2, 3, 4, 5, 6, 7
        ), rollup_hours AS (
          INSERT INTO turnaround_rollup AS t (side, country, other, measure, month, stage, hours, visits,
            first_decided, first_returned, decided, refused)
          SELECT * FROM rollup_grains ORDER BY 1, 2, 3, 4, 5, 6, 7
          ON CONFLICT (side, country, other, measure, month, stage, hours) DO UPDATE SET
            visits = t.visits + EXCLUDED.visits, first_decided = t.first_decided + EXCLUDED.first_decided,
            first_returned = t.first_returned + EXCLUDED.first_returned, decided = t.decided + EXCLUDED.decided,
            refused = t.refused + EXCLUDED.refused
          RETURNING 1
        ), rollup_buckets AS (
          INSERT INTO turnaround_buckets AS t (side, country, other, measure, month, stage, bucket, visits,
            first_decided, first_returned, decided, refused, max_hours)
          SELECT side, country, other, measure, month, stage, turnaround_bucket(hours), sum(visits), sum(first_decided), sum(first_returned),
            sum(decided), sum(refused), max(hours)
          FROM rollup_grains WHERE (SELECT count(*) FROM rollup_hours) >= 0 -- once turnaround_rollup's rows are written: one lock order
          GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7
          ON CONFLICT (side, country, other, measure, month, stage, bucket) DO UPDATE SET
            visits = t.visits + EXCLUDED.visits, first_decided = t.first_decided + EXCLUDED.first_decided,
            first_returned = t.first_returned + EXCLUDED.first_returned, decided = t.decided + EXCLUDED.decided,
            refused = t.refused + EXCLUDED.refused, max_hours = greatest(t.max_hours, EXCLUDED.max_hours)
        )`;
}

/**
 * Stage visits and their deadlines. A deadline's alarm is an outbox row whose id is the visit's id
 * (so the BullMQ job id is the deadline's id): arming twice is a no-op, and closing the visit marks
 * the alarm done so that the relay never re-sends it.
 */
@Injectable()
export class StagesRepository {
  constructor(private readonly db: Database) {}

  /**
   * Ends the request's open visit, if any: disarms its alarm and counts it in the rollup of finished
   * visits (turnaround_rollup and turnaround_buckets), in the caller's transaction. Returns the visits closed.
   */
  async closeOpen(tx: Transaction, requestId: string, at: Date, event: string, decisions: DecisionEvents): Promise<string[]> {
    const rows: { id: string }[] = await tx.manager.query(
      `WITH closed AS (
         UPDATE request_stages SET exited_at = $2, exited_by = $3
         WHERE request_id = $1 AND exited_at IS NULL
         RETURNING id, due_at, stage, requesting_country, requested_country, transmitted, measure_types, visit, entered_at, exited_at, exited_by
       ), disarmed AS (
         UPDATE outbox SET done_at = $2 WHERE id IN (SELECT id FROM closed WHERE due_at IS NOT NULL) AND done_at IS NULL
       ), ${rollupUpsert('closed', 4)}
       SELECT id FROM closed`,
      [requestId, at, event, ALL_SIDES, ...decisionParams(decisions)],
    );
    return rows.map((r) => r.id);
  }

  /**
   * From the transmission on, every visit of the request counts for the requested side too: the
   * request's finished visits are added to the requested side's grains of the rollup.
   */
  async markTransmitted(tx: Transaction, requestId: string, decisions: DecisionEvents): Promise<void> {
    await tx.manager.query(
      `WITH moved AS (
         UPDATE request_stages SET transmitted = true WHERE request_id = $1 AND NOT transmitted
         RETURNING stage, requesting_country, requested_country, measure_types, visit, entered_at, exited_at, exited_by
       ), ${rollupUpsert('moved', 2, 'true')}
       SELECT 1`,
      [requestId, ['requested'], ...decisionParams(decisions)],
    );
  }

  /** Opens a visit (the caller holds the request's row lock, so the visit number cannot collide). */
  async open(tx: Transaction, visit: NewStageVisit): Promise<RequestStageEntity> {
    const d = visit.deadline;
    const [row]: RequestStageEntity[] = await tx.manager.query(
      `INSERT INTO request_stages (request_id, stage, visit, requesting_country, requested_country, transmitted, measure_types,
         entered_at, entered_by, due_at, responsible_country, office, basis, days, tightened_by_urgency)
       VALUES ($1, $2, (SELECT count(*) + 1 FROM request_stages WHERE request_id = $1 AND stage = $2), $3, $4, $5, $6,
         $7, $8, $9, $10, $11, $12, $13, $14)
       RETURNING ${columns('request_stages')}`,
      [
        visit.requestId,
        visit.stage,
        visit.requestingCountry,
        visit.requestedCountry,
        visit.transmitted,
        visit.measureTypes,
        visit.enteredAt,
        visit.enteredBy,
        d?.dueAt ?? null,
        d?.responsibleCountry ?? null,
        d?.office ?? null,
        d?.basis ?? null,
        d?.days ?? null,
        d?.tightenedByUrgency ?? null,
      ],
    );
    return row;
  }

  /**
   * The requests waiting on one office of one country that `viewer` may see (the request list's own
   * rule: the stage names an office, not a person, and a fiscal's office is every fiscal of the
   * country, each of whom may read only their own requests and those shared with them).
   * A page of them, and how many in all.
   */
  async waitingOn(
    viewer: Viewer,
    office: string,
    country: CountryCode,
    order: QueueOrder,
    page: { limit: number; offset: number },
  ): Promise<{ items: QueuedVisit[]; total: number }> {
    const sort = order === 'due' ? 's.due_at ASC NULLS LAST, s.entered_at ASC' : 's.entered_at DESC';
    const scope = visibility(viewer, 'r');
    const n = scope.params.length;
    const rows: (QueuedVisit & { total: number })[] = await this.db.managerOf().query(
      `SELECT s.request_id AS "requestId", r.reference, r.fields->>'title' AS title, s.requesting_country AS "requestingCountry",
         s.requested_country AS "requestedCountry", s.stage, s.entered_at AS "enteredAt", s.due_at AS "dueAt", s.basis,
         count(*) OVER ()::int AS total
       FROM request_stages s JOIN requests r ON r.id = s.request_id
       WHERE s.exited_at IS NULL AND s.office = $${n + 1} AND s.responsible_country = $${n + 2} AND ${scope.sql}
       ORDER BY ${sort}, s.id LIMIT $${n + 3} OFFSET $${n + 4}`,
      [...scope.params, office, country, page.limit, page.offset],
    );
    return { items: rows.map(({ total: _total, ...item }) => item), total: rows[0]?.total ?? 0 };
  }

  /** The due date of each request's current stage, for those of `requestIds` whose stage has a service level. */
  async openDueDates(requestIds: readonly string[]): Promise<{ requestId: string; dueAt: Date }[]> {
    if (requestIds.length === 0) return [];
    return this.db.managerOf().query(
      `SELECT request_id AS "requestId", due_at AS "dueAt" FROM request_stages
       WHERE request_id = ANY($1::uuid[]) AND exited_at IS NULL AND due_at IS NOT NULL`,
      [requestIds],
    );
  }

  /** The request's open visit (the stage it waits in now), read in the caller's transaction. */
  async openVisit(tx: Transaction, requestId: string): Promise<RequestStageEntity | null> {
    const [row]: RequestStageEntity[] = await tx.manager.query(`SELECT ${columns('s')} FROM request_stages s WHERE s.request_id = $1 AND s.exited_at IS NULL`, [requestId]);
    return row ?? null;
  }

  /**
   * Brings the open visit's deadline forward to `deadline` when it has none or a later one (an urgent
   * advance copy to be confirmed by then), and its alarm with it. Returns the visit when it changed.
   */
  async tightenOpen(tx: Transaction, requestId: string, deadline: StageDeadline): Promise<RequestStageEntity | null> {
    const [row]: RequestStageEntity[] = await tx.manager.query(
      `WITH tightened AS (
         UPDATE request_stages s SET due_at = $2, responsible_country = $3, office = $4, basis = $5, days = $6
         WHERE s.request_id = $1 AND s.exited_at IS NULL AND s.overdue_at IS NULL AND (s.due_at IS NULL OR s.due_at > $2)
         RETURNING ${columns('s')}
       ) SELECT * FROM tightened`,
      [requestId, deadline.dueAt, deadline.responsibleCountry, deadline.office, deadline.basis, deadline.days],
    );
    if (!row) return null;
    await tx.manager.query('UPDATE outbox SET run_at = $2 WHERE id = $1 AND done_at IS NULL', [row.id, deadline.dueAt]);
    return row;
  }

  /** Writes the alarm of a visit's deadline: an outbox row to run at the due time. */
  async armAlarm(tx: Transaction, job: string, visit: Pick<RequestStageEntity, 'id' | 'requestId' | 'dueAt'>, at: Date): Promise<void> {
    await tx.manager.query(
      `INSERT INTO outbox (id, request_id, job, payload, created_at, run_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
      [visit.id, visit.requestId, job, JSON.stringify({ stageId: visit.id }), at, visit.dueAt],
    );
  }

  /** Arms every pending deadline that has no alarm yet (rows written by a migration or a seeder). */
  async armMissingAlarms(job: string, at: Date): Promise<number> {
    const rows: unknown[] = await this.db.managerOf().query(
      `INSERT INTO outbox (id, request_id, job, payload, created_at, run_at)
       SELECT s.id, s.request_id, $1, jsonb_build_object('stageId', s.id::text), $2, s.due_at
       FROM request_stages s
       WHERE s.exited_at IS NULL AND s.due_at IS NOT NULL AND s.overdue_at IS NULL
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [job, at],
    );
    return rows.length;
  }

  /** Open visits of stages with a service level whose deadline was never computed (e.g. migrated ones). */
  openWithoutDeadline(stages: readonly string[], limit: number): Promise<(RequestStageEntity & { urgency: unknown })[]> {
    return this.db.managerOf().query(
      `SELECT ${columns('s')}, r.fields->'urgency' AS urgency
       FROM request_stages s JOIN requests r ON r.id = s.request_id
       WHERE s.exited_at IS NULL AND s.due_at IS NULL AND s.stage = ANY($1) LIMIT $2`,
      [stages, limit],
    );
  }

  async setDeadline(id: string, deadline: StageDeadline): Promise<void> {
    await this.db.managerOf().query(
      `UPDATE request_stages SET due_at = $2, responsible_country = $3, office = $4, basis = $5, days = $6, tightened_by_urgency = $7
       WHERE id = $1 AND due_at IS NULL`,
      [id, deadline.dueAt, deadline.responsibleCountry, deadline.office, deadline.basis, deadline.days, deadline.tightenedByUrgency],
    );
  }

  /** Deadlines passed by `now` that have not fired yet, oldest first. */
  async dueBy(now: Date, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.db.managerOf().query(
      `SELECT id FROM request_stages WHERE exited_at IS NULL AND due_at IS NOT NULL AND overdue_at IS NULL AND due_at <= $1
       ORDER BY due_at LIMIT $2`,
      [now, limit],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Locks a visit for its overdue processing: the request's row first, then the visit's, in the
   * runner's order, so that a change of state and the alarm never deadlock and never overlap.
   * Returns null when there is no such visit.
   */
  async lockVisit(tx: Transaction, id: string): Promise<RequestStageEntity | null> {
    const [ref]: { requestId: string }[] = await tx.manager.query('SELECT request_id AS "requestId" FROM request_stages WHERE id = $1', [id]);
    if (!ref) return null;
    await tx.manager.query('SELECT 1 FROM requests WHERE id = $1 FOR UPDATE', [ref.requestId]);
    const [row]: RequestStageEntity[] = await tx.manager.query(`SELECT ${columns('s')} FROM request_stages s WHERE s.id = $1 FOR UPDATE`, [id]);
    return row ?? null;
  }

  /** The once-flag: true only for the call that marked it, and the alarm is done with. */
  async markOverdue(tx: Transaction, id: string, at: Date): Promise<boolean> {
    const rows: unknown[] = await tx.manager.query(
      `WITH marked AS (
         UPDATE request_stages SET overdue_at = $2 WHERE id = $1 AND overdue_at IS NULL AND exited_at IS NULL AND due_at IS NOT NULL
         RETURNING id
       ), disarmed AS (
         UPDATE outbox SET done_at = $2 WHERE id IN (SELECT id FROM marked) AND done_at IS NULL
       )
       SELECT id FROM marked`,
      [id, at],
    );
    return rows.length === 1;
  }

  /** Stage visits past their deadline with the request still there (the open-due index covers it). */
  async countOverdueOpen(): Promise<number> {
    const [row]: { count: number }[] = await this.db
      .managerOf()
      .query('SELECT count(*)::int AS count FROM request_stages WHERE exited_at IS NULL AND due_at IS NOT NULL AND overdue_at IS NOT NULL');
    return row.count;
  }

  findById(id: string, tx?: Transaction): Promise<RequestStageEntity | null> {
    return this.db.managerOf(tx).getRepository(RequestStageEntity).findOneBy({ id });
  }

  listForRequest(requestId: string): Promise<RequestStageEntity[]> {
    return this.db
      .managerOf()
      .getRepository(RequestStageEntity)
      .find({ where: { requestId }, order: { enteredAt: 'ASC', visit: 'ASC' } });
  }
}
