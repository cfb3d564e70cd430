import { Injectable } from '@nestjs/common';
import { Database } from '../database.js';
import type { OverdueCountRow, OverdueFilter, StageFiguresRow, TurnaroundFilter } from './turnaround.repository.js';

/** What a figure answers: TurnaroundFilter without the instant it is measured at. */
export type FiguresQuestion = Omit<TurnaroundFilter, 'now'>;

/** What the overdue counts answer: OverdueFilter without the instant they are counted at. */
export type OverdueQuestion = Omit<OverdueFilter, 'now'>;

/** The answers kept ready, by kind: the question each answers and its rows. */
export interface KeptAnswers {
  /** TurnaroundRepository.stageFigures */
  stages: { question: FiguresQuestion; rows: StageFiguresRow[] };
  /** TurnaroundRepository.overdueCounts */
  overdue: { question: OverdueQuestion; rows: OverdueCountRow[] };
}
export type KeptKind = keyof KeptAnswers;

/** A question of one kind (of each kind apart where K is several: a kind never goes with another's question). */
export type KeptQuestionOf<K extends KeptKind> = K extends KeptKind ? { kind: K; question: KeptAnswers[K]['question'] } : never;
export type KeptQuestion = KeptQuestionOf<KeptKind>;

/** A question's answer as it stood at `asOf`, recomputed by the workers every `refreshMs`. */
export interface FiguresToKeep<K extends KeptKind = KeptKind> {
  rows: KeptAnswers[K]['rows'];
  asOf: Date;
  refreshMs: number;
}

/** A kept answer, and the last time someone read it. */
export interface KeptFigures<K extends KeptKind = KeptKind> extends FiguresToKeep<K> {
  readAt: Date;
}

/**
 * A question as JSON (dates as ISO text, a field not given as null): every field of the question has its own (a field
 * left out would let two questions share one answer, two scopes' included).
 */
type StoredFields<Q> = {
  [F in keyof Required<Q>]: NonNullable<Q[F]> extends Date ? string | null : undefined extends Q[F] ? NonNullable<Q[F]> | null : Q[F];
};

/**
 * The question as stored, its keys in one order (the same question, the same text): its kind, `rows` the version of
 * that kind's rows (their shape and meaning: raised when they change, so that answers kept by the code before are not
 * read by the code after), then its fields.
 */
type StoredQuestion = { [K in KeptKind]: { kind: K; rows: number } & StoredFields<KeptAnswers[K]['question']> }[KeptKind];
const ROWS_VERSION: Record<KeptKind, number> = { stages: 1, overdue: 1 };

const storedScope = (scope: FiguresQuestion['scope']): FiguresQuestion['scope'] =>
  scope.kind === 'region' ? { kind: 'region' } : { kind: 'country', country: scope.country, ...(scope.side && { side: scope.side }) };

function stored(k: KeptQuestion): StoredQuestion {
  const rows = ROWS_VERSION[k.kind];
  if (k.kind === 'overdue') {
    const q = k.question;
    return { kind: k.kind, rows, scope: storedScope(q.scope), requestedCountry: q.requestedCountry ?? null, stage: q.stage ?? null };
  }
  const q = k.question;
  return {
    kind: k.kind,
    rows,
    scope: storedScope(q.scope),
    groupBy: q.groupBy,
    from: q.from?.toISOString() ?? null,
    to: q.to?.toISOString() ?? null,
    requestedCountry: q.requestedCountry ?? null,
  };
}

function question(s: StoredQuestion): KeptQuestion {
  if (s.kind === 'overdue') {
    return { kind: s.kind, question: { scope: s.scope, ...(s.requestedCountry && { requestedCountry: s.requestedCountry }), ...(s.stage && { stage: s.stage }) } };
  }
  return {
    kind: s.kind,
    question: {
      scope: s.scope,
      groupBy: s.groupBy,
      ...(s.from && { from: new Date(s.from) }),
      ...(s.to && { to: new Date(s.to) }),
      ...(s.requestedCountry && { requestedCountry: s.requestedCountry }),
    },
  };
}

/** The key a question's answer is kept under. */
export const figuresKey = <K extends KeptKind>(k: KeptQuestionOf<K>): string => JSON.stringify(stored(k));

/**
 * The answers kept ready (turnaround_ready: the supervisors' figures, the region's overdue counts): what ReadyFigures
 * reads, keeps, and has the worker recompute.
 */
@Injectable()
export class ReadyFiguresRepository {
  constructor(private readonly db: Database) {}

  async find<K extends KeptKind>(q: KeptQuestionOf<K>): Promise<KeptFigures<K> | null> {
    const [row]: KeptFigures<K>[] = await this.db
      .managerOf()
      .query(`SELECT rows, as_of AS "asOf", refresh_ms AS "refreshMs", read_at AS "readAt" FROM turnaround_ready WHERE key = $1`, [figuresKey(q)]);
    return row ?? null;
  }

  /** Someone read them at `at`: the worker keeps them ready a day more. */
  async markRead<K extends KeptKind>(q: KeptQuestionOf<K>, at: Date): Promise<void> {
    await this.db.managerOf().query(`UPDATE turnaround_ready SET read_at = greatest(read_at, $2) WHERE key = $1`, [figuresKey(q), at]);
  }

  /** Keeps the figures a read computed for `asOf`, unless newer ones are kept already (the later instant stays). */
  async keep<K extends KeptKind>(q: KeptQuestionOf<K>, figures: FiguresToKeep<K> & { readAt: Date }): Promise<void> {
    // The key is the question's JSON text: its column keeps it as jsonb, to be read back (claimStale).
    const key = figuresKey(q);
    await this.db.managerOf().query(
      `INSERT INTO turnaround_ready AS t (key, question, rows, as_of, refresh_ms, read_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (key) DO UPDATE SET rows = EXCLUDED.rows, as_of = EXCLUDED.as_of, refresh_ms = EXCLUDED.refresh_ms,
                                       read_at = greatest(t.read_at, EXCLUDED.read_at)
       WHERE t.as_of < EXCLUDED.as_of`,
      [key, key, JSON.stringify(figures.rows), figures.asOf, Math.round(figures.refreshMs), figures.readAt],
    );
  }

  /**
   * The figures a worker recomputed (claimStale): they replace the kept ones unless those are newer, and the lease
   * ends either way. Figures forgotten meanwhile (unread, or a rebuild of the rollup) stay forgotten.
   */
  async refreshed<K extends KeptKind>(q: KeptQuestionOf<K>, figures: FiguresToKeep<K>): Promise<void> {
    await this.db.managerOf().query(
      `UPDATE turnaround_ready SET lease_until = NULL,
         rows = CASE WHEN as_of < $2 THEN $3::jsonb ELSE rows END,
         refresh_ms = CASE WHEN as_of < $2 THEN $4 ELSE refresh_ms END,
         as_of = greatest(as_of, $2)
       WHERE key = $1`,
      [figuresKey(q), figures.asOf, JSON.stringify(figures.rows), Math.round(figures.refreshMs)],
    );
  }

  /**
   * The oldest kept question due (computed its refresh_ms or more before `now`) and read since `readSince`, of a kind
   * and rows' version this code computes (another version's, kept by other code while both run, is left to it),
   * leased to the caller until `leaseUntil` (SKIP LOCKED and the lease: several workers each take their own; a worker
   * that died holding one leaves it to the others once the lease lapses).
   */
  async claimStale(claim: { now: Date; readSince: Date; leaseUntil: Date }): Promise<KeptQuestion | null> {
    const [row]: { question: StoredQuestion }[] = await this.db.managerOf().query(
      `WITH claimed AS (
         UPDATE turnaround_ready SET lease_until = $3
         WHERE key = (SELECT key FROM turnaround_ready
                      WHERE as_of <= $1::timestamptz - refresh_ms * interval '1 millisecond'
                        AND read_at >= $2 AND (lease_until IS NULL OR lease_until < $1)
                        AND (question->>'kind', (question->>'rows')::int) IN (SELECT * FROM unnest($4::text[], $5::int[]))
                      ORDER BY as_of LIMIT 1 FOR UPDATE SKIP LOCKED)
         RETURNING question
       )
       SELECT question FROM claimed`,
      [claim.now, claim.readSince, claim.leaseUntil, Object.keys(ROWS_VERSION), Object.values(ROWS_VERSION)],
    );
    return row ? question(row.question) : null;
  }

  /** Forgets a question's figures: read live again. */
  async forget<K extends KeptKind>(q: KeptQuestionOf<K>): Promise<void> {
    await this.db.managerOf().query(`DELETE FROM turnaround_ready WHERE key = $1`, [figuresKey(q)]);
  }

  /** Forgets the figures nobody has read since `before`; returns how many. */
  async forgetUnread(before: Date): Promise<number> {
    const [{ forgotten }]: { forgotten: number }[] = await this.db
      .managerOf()
      .query(`WITH gone AS (DELETE FROM turnaround_ready WHERE read_at < $1 RETURNING 1) SELECT count(*)::int AS forgotten FROM gone`, [before]);
    return forgotten;
  }
}
