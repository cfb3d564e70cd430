// The figures read through buckets of hours give the median, 90th percentile and maximum the hours
// alone give (percentile_cont's interpolation), on random stages: ties, hours on the edges of buckets,
// visits split between the rollup and the hours counted one by one (open visits, partial months).
import { bucketEnd, bucketsToRead, emptyFrequencies, percentile, percentilesOf } from './turnaround-frequencies.js';
import { turnaroundBucket } from './stages.repository.js';

/** percentile_cont over every value, as PostgreSQL computes it. */
function plain(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = fraction * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (position - low) * (sorted[high]! - sorted[low]!);
}

/** A seeded generator, so that a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

describe('buckets of hours', () => {
  it('name each hour by the lowest hour of its bucket, eight buckets per doubling from 16 hours on', () => {
    expect([0, 1, 15, 16, 17, 18, 31, 32, 35, 36, 100, 4000, 9600].map(turnaroundBucket)).toEqual([0, 1, 15, 16, 16, 18, 30, 32, 32, 36, 96, 3840, 9216]);
    for (let hours = 0; hours < 70_000; hours++) {
      const bucket = turnaroundBucket(hours);
      if (!(bucket <= hours && hours < bucketEnd(bucket) && turnaroundBucket(bucketEnd(bucket)) === bucketEnd(bucket))) throw new Error(`hour ${hours}`);
    }
  });

  it('give exactly the median, 90th percentile and maximum of the hours, reading only the buckets that hold their ranks', () => {
    const next = random(12);
    let bucketsRead = 0;
    let bucketsHeld = 0;
    for (let trial = 0; trial < 1500; trial++) {
      // Few visits or many; hours from a narrow range (ties) or a wide one; some on bucket edges.
      const visits = 1 + Math.floor(next() ** 2 * (trial % 10 === 0 ? 5000 : 300));
      const spread = [3, 40, 700, 20_000][trial % 4]!;
      const values: number[] = [];
      for (let i = 0; i < visits; i++) {
        const hours = Math.floor(next() * spread);
        const edge = next();
        values.push(edge < 0.2 ? turnaroundBucket(hours) : edge < 0.4 ? bucketEnd(turnaroundBucket(hours)) - 1 : hours);
      }
      // Some visits counted hour by hour (open, partial months), the rest in the rollup.
      const exactShare = [0, 0.1, 0.5, 1][trial % 7 % 4]!;
      const frequencies = emptyFrequencies();
      const rollup = new Map<number, number>();
      for (const hours of values) {
        if (next() < exactShare) frequencies.hours.set(hours, (frequencies.hours.get(hours) ?? 0) + 1);
        else {
          rollup.set(hours, (rollup.get(hours) ?? 0) + 1);
          const bucket = frequencies.buckets.get(turnaroundBucket(hours)) ?? { visits: 0, maxHours: 0 };
          frequencies.buckets.set(turnaroundBucket(hours), { visits: bucket.visits + 1, maxHours: Math.max(bucket.maxHours, hours) });
        }
      }
      const wanted = bucketsToRead(frequencies);
      const read = new Map(wanted.map((bucket) => [bucket, new Map([...rollup].filter(([hours]) => turnaroundBucket(hours) === bucket))]));
      bucketsRead += wanted.length;
      bucketsHeld += frequencies.buckets.size;
      const figures = percentilesOf(frequencies, read);
      const expected = { medianHours: plain(values, 0.5), p90Hours: plain(values, 0.9), maxHours: Math.max(...values) };
      const close = (a: number | null, b: number) => a !== null && Math.abs(a - b) < 1e-9;
      if (!(close(figures.medianHours, expected.medianHours) && close(figures.p90Hours, expected.p90Hours) && figures.maxHours === expected.maxHours)) {
        expect({ trial, values: [...values].sort((a, b) => a - b), figures }).toEqual({ trial, values: [...values].sort((a, b) => a - b), figures: expected });
      }
      expect(wanted.length).toBeLessThanOrEqual(4);
    }
    // The point of the buckets: most are never read hour by hour.
    expect(bucketsRead).toBeLessThan(bucketsHeld / 4);
  });

  it('interpolate as percentile_cont does on a frequency table', () => {
    expect(percentile(50, [1, 2], [1, 1], 2)).toBe(1.5);
    expect(percentile(90, [0, 10], [9, 1], 10)).toBeCloseTo(1, 9);
    expect(percentile(50, [], [], 0)).toBeNull();
  });
});
