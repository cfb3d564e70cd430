import type { SignInThrottlePolicy } from '@enlace/config';
import type { ThrottleRow } from '@enlace/persistence';

export type ThrottleKind = 'account' | 'address';

/** Why a sign-in must wait, and how long: the longest of the brakes that hold. */
export interface Refusal {
  retryAfterSeconds: number;
  locked: boolean;
}

/**
 * The row as it stands at `now`: failures are forgotten a window after the first of them, or a
 * window after the last brake ended, whichever is later (waiting out a delay does not wipe the count:
 * the next failure waits longer).
 */
export function current(row: ThrottleRow, now: Date, policy: SignInThrottlePolicy): ThrottleRow {
  const since = Math.max(row.windowStartedAt.getTime(), row.blockedUntil?.getTime() ?? 0);
  const forgotten = now.getTime() - since >= policy.windowSeconds * 1000;
  return forgotten ? { ...row, failures: 0, windowStartedAt: now, blockedUntil: null, locked: false } : row;
}

/** The brakes that hold at `now`, or null: the attempt may go on. */
export function refusalOf(rows: ThrottleRow[], now: Date): Refusal | null {
  const holding = rows.filter((r) => r.blockedUntil !== null && r.blockedUntil > now);
  if (holding.length === 0) return null;
  const until = Math.max(...holding.map((r) => r.blockedUntil!.getTime()));
  return { retryAfterSeconds: Math.max(1, Math.ceil((until - now.getTime()) / 1000)), locked: holding.some((r) => r.locked) };
}

/**
 * One more failure (counted before the password is checked, so that a burst of parallel guesses
 * cannot all pass the brake; a success gives it back): from the free allowance on, the next attempt
 * waits, twice as long with each further failure; an e-mail that reaches the lock threshold is
 * locked. A client address is never locked, only slowed: many honest people share one (a ministry's NAT).
 */
export function withFailure(row: ThrottleRow, kind: ThrottleKind, now: Date, policy: SignInThrottlePolicy): ThrottleRow {
  const failures = row.failures + 1;
  const free = kind === 'account' ? policy.accountFreeFailures : policy.addressFreeFailures;
  if (kind === 'account' && failures >= policy.lockAfterFailures) {
    return { ...row, failures, blockedUntil: new Date(now.getTime() + policy.lockSeconds * 1000), locked: true };
  }
  if (failures < free) return { ...row, failures };
  const delay = Math.min(policy.firstDelaySeconds * 2 ** (failures - free), policy.lockSeconds);
  return { ...row, failures, blockedUntil: new Date(now.getTime() + delay * 1000), locked: false };
}

/** A sign-in that succeeded gives back what it reserved: the e-mail starts afresh, the address its one failure. */
export function withSuccess(row: ThrottleRow, kind: ThrottleKind, now: Date, policy: SignInThrottlePolicy): ThrottleRow {
  if (kind === 'account') return { ...row, failures: 0, windowStartedAt: now, blockedUntil: null, locked: false };
  const failures = Math.max(0, row.failures - 1);
  return failures < policy.addressFreeFailures ? { ...row, failures, blockedUntil: null } : { ...row, failures };
}
