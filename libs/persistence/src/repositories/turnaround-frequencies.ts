// The median, 90th percentile and maximum of a stage's whole hours from frequencies, reading the hours
// only where they matter: turnaround_buckets counts the rollup's visits per bucket of hours, and only
// the buckets holding the ranks a percentile interpolates between are read hour by hour. Pure
// functions, so that a test can hold them against the plain computation on random hours.
import { bucketEnd, turnaroundBucket } from './stages.repository.js';

/** percentile_cont(percent / 100) of a frequency table sorted by hours, exactly as PostgreSQL interpolates it. */
export function percentile(percent: number, hours: number[], counts: number[], total: number): number | null {
  if (total === 0) return null;
  // The value at 0-based rank k is the least `hours` whose running count exceeds k.
  const position = percent * (total - 1);
  const low = Math.floor(position / 100);
  const high = Math.ceil(position / 100);
  let upto = 0;
  let atLow: number | null = null;
  for (let i = 0; i < hours.length; i++) {
    upto += counts[i]!;
    if (atLow === null && upto > low) atLow = hours[i]!;
    if (upto > high) return atLow! + ((position % 100) / 100) * (hours[i]! - atLow!);
  }
  return null;
}

/** The percentiles every figure gives. */
const PERCENTS = [50, 90];

/**
 * One stage's visits in one group: `hours` counted one by one (open visits, the partial months of a
 * period) and `buckets` from turnaround_buckets (visits of the rollup per bucket, with the longest).
 */
export interface Frequencies {
  hours: Map<number, number>;
  buckets: Map<number, { visits: number; maxHours: number }>;
}

export const emptyFrequencies = (): Frequencies => ({ hours: new Map(), buckets: new Map() });

/** Visits per bucket, exact hours and the rollup's together, in bucket order. */
function perBucket(f: Frequencies): [number, number][] {
  const visits = new Map<number, number>();
  for (const [bucket, b] of f.buckets) visits.set(bucket, b.visits);
  for (const [hours, n] of f.hours) {
    const bucket = turnaroundBucket(hours);
    visits.set(bucket, (visits.get(bucket) ?? 0) + n);
  }
  return [...visits].sort((a, b) => a[0] - b[0]);
}

/**
 * The buckets of the rollup whose hours the percentiles need: those holding the ranks each percentile
 * interpolates between (at most four, mostly two). A bucket without rollup visits needs no reading.
 */
export function bucketsToRead(f: Frequencies): number[] {
  if (f.buckets.size === 0) return [];
  const buckets = perBucket(f);
  const total = buckets.reduce((sum, [, n]) => sum + n, 0);
  const ranks = PERCENTS.flatMap((percent) => [Math.floor((percent * (total - 1)) / 100), Math.ceil((percent * (total - 1)) / 100)]);
  const needed = new Set<number>();
  let upto = 0;
  for (const [bucket, n] of buckets) {
    const from = upto;
    upto += n;
    if (f.buckets.has(bucket) && ranks.some((rank) => rank >= from && rank < upto)) needed.add(bucket);
  }
  return [...needed];
}

/**
 * The median, 90th percentile and maximum: each bucket of `bucketsToRead` spelled out hour by hour
 * (`read`: its rollup hours, to which the exact hours in it are added), every other bucket counted as
 * one entry. The ranks of the percentiles fall in spelled-out buckets, so the result is the one the
 * hours alone give.
 */
export function percentilesOf(f: Frequencies, read: Map<number, Map<number, number>>): { medianHours: number | null; p90Hours: number | null; maxHours: number | null } {
  const table = new Map<number, number>();
  for (const [bucket, b] of f.buckets) {
    const hours = read.get(bucket);
    if (hours) for (const [h, n] of hours) table.set(h, (table.get(h) ?? 0) + n);
    else table.set(bucket, (table.get(bucket) ?? 0) + b.visits);
  }
  let maxHours: number | null = null;
  for (const b of f.buckets.values()) maxHours = Math.max(maxHours ?? 0, b.maxHours);
  for (const [h, n] of f.hours) {
    table.set(h, (table.get(h) ?? 0) + n);
    maxHours = Math.max(maxHours ?? 0, h);
  }
  const sorted = [...table].sort((a, b) => a[0] - b[0]);
  const hours = sorted.map(([h]) => h);
  const counts = sorted.map(([, n]) => n);
  const total = counts.reduce((sum, n) => sum + n, 0);
  const [medianHours, p90Hours] = PERCENTS.map((percent) => percentile(percent, hours, counts, total));
  return { medianHours: medianHours!, p90Hours: p90Hours!, maxHours };
}

export { bucketEnd };
