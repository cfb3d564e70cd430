import { Injectable } from '@nestjs/common';
import type { CountryCode } from '@enlace/workflows';
import { Database } from '../database.js';
import type { StageFiguresRow, TurnaroundFilter } from './turnaround.repository.js';

/** What a figure answers: TurnaroundFilter without the instant it is measured at. */
export type FiguresQuestion = Omit<TurnaroundFilter, 'now'>;

/** A question's figures as they stood at `asOf`, recomputed by the workers every `refreshMs`. */
export interface FiguresToKeep {
  rows: StageFiguresRow[];
  asOf: Date;
  refreshMs: number;
}

/** Kept figures, and the last time someone read them. */
export interface KeptFigures extends FiguresToKeep {
  readAt: Date;
}

/**
 * The question as JSON (dates as ISO text), its keys in one order: the same question, the same text. Every field of
 * FiguresQuestion has its own (a field left out would let two questions share one answer, two scopes' included), and
 * `rows` the version of the rows' shape and meaning: raised when stageFigures' rows change, so that figures kept by
 * the code before are not read by the code after.
 */
type StoredQuestion = { rows: number } & {
  [K in keyof Required<FiguresQuestion>]: K extends 'from' | 'to' ? string | null : K extends 'requestedCountry' ? CountryCode | null : FiguresQuestion[K];
};
const ROWS_VERSION = 1;

const stored = (q: FiguresQuestion): StoredQuestion => ({
  rows: ROWS_VERSION,
  scope: q.scope.kind === 'region' ? { kind: 'region' } : { kind: 'country', country: q.scope.country, ...(q.scope.side && { side: q.scope.side }) },
  groupBy: q.groupBy,
  from: q.from?.toISOString() ?? null,
  to: q.to?.toISOString() ?? null,
  requestedCountry: q.requestedCountry ?? null,
});

const question = (s: StoredQuestion): FiguresQuestion => ({
  scope: s.scope,
  groupBy: s.groupBy,
  ...(s.from && { from: new Date(s.from) }),
  ...(s.to && { to: new Date(s.to) }),
  ...(s.requestedCountry && { requestedCountry: s.requestedCountry }),
});

/** The key a question's figures are kept under. */
export const figuresKey = (q: FiguresQuestion): string => JSON.stringify(stored(q));

/** The figures kept ready (turnaround_ready): what ReadyFigures reads, keeps, and has the worker recompute. */
@Injectable()
export class ReadyFiguresRepository {
  constructor(private readonly db: Database) {}

  async find(q: FiguresQuestion): Promise<KeptFigures | null> {
    const [row]: KeptFigures[] = await this.db
      .managerOf()
      .query(`SELECT rows, as_of AS "asOf", refresh_ms AS "refreshMs", read_at AS "readAt" FROM turnaround_ready WHERE key = $1`, [figuresKey(q)]);
    return row ?? null;
  }

  /** Someone read them at `at`: the worker keeps them ready a day more. */
  async markRead(q: FiguresQuestion, at: Date): Promise<void> {
    await this.db.managerOf().query(`UPDATE turnaround_ready SET read_at = greatest(read_at, $2) WHERE key = $1`, [figuresKey(q), at]);
  }

  /** Keeps the figures a read computed for `asOf`, unless newer ones are kept already (the later instant stays). */
  async keep(q: FiguresQuestion, figures: FiguresToKeep & { readAt: Date }): Promise<void> {
    await this.db.managerOf().query(
      `INSERT INTO turnaround_ready AS t (key, question, rows, as_of, refresh_ms, read_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (key) DO UPDATE SET rows = EXCLUDED.rows, as_of = EXCLUDED.as_of, refresh_ms = EXCLUDED.refresh_ms,
                                       read_at = greatest(t.read_at, EXCLUDED.read_at)
       WHERE t.as_of < EXCLUDED.as_of`,
      [figuresKey(q), JSON.stringify(stored(q)), JSON.stringify(figures.rows), figures.asOf, Math.round(figures.refreshMs), figures.readAt],
    );
  }

  /**
   * The figures a worker recomputed (claimStale): they replace the kept ones unless those are newer, and the lease
   * ends either way. Figures forgotten meanwhile (unread, or a rebuild of the rollup) stay forgotten.
   */
  async refreshed(q: FiguresQuestion, figures: FiguresToKeep): Promise<void> {
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
   * The oldest kept question due (computed its refresh_ms or more before `now`) and read since `readSince`,
   * leased to the caller until `leaseUntil` (SKIP LOCKED and the lease: several workers each take their own; a worker
   * that died holding one leaves it to the others once the lease lapses).
   */
  async claimStale(claim: { now: Date; readSince: Date; leaseUntil: Date }): Promise<FiguresQuestion | null> {
    const [row]: { question: StoredQuestion }[] = await this.db.managerOf().query(
      `WITH claimed AS (
         UPDATE turnaround_ready SET lease_until = $3
         WHERE key = (SELECT key FROM turnaround_ready
                      WHERE as_of <= $1::timestamptz - refresh_ms * interval '1 millisecond'
                        AND read_at >= $2 AND (lease_until IS NULL OR lease_until < $1)
                      ORDER BY as_of LIMIT 1 FOR UPDATE SKIP LOCKED)
         RETURNING question
       )
       SELECT question FROM claimed`,
      [claim.now, claim.readSince, claim.leaseUntil],
    );
    return row ? question(row.question) : null;
  }

  /** Forgets a question's figures: read live again. */
  async forget(q: FiguresQuestion): Promise<void> {
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
