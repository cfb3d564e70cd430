/**
 * The hash chains that make a history tamper-evident (a request's history, the liaison directory's):
 * each row carries the hash of the row before it and a hash over its own fields and that link.
 */
export const GENESIS_HASH = '0'.repeat(64);

export type ChainProblem = 'hash_mismatch' | 'prev_hash_mismatch' | 'seq_gap';

export interface Link {
  seq: number;
  prevHash: string;
  hash: string;
}

/** The next link after `last` (null for the first row), hashed by `hashOf`. */
export function nextLink<T extends object>(
  entry: T,
  last: { seq: number; hash: string } | undefined,
  hashOf: (row: T & Omit<Link, 'hash'>) => string,
): T & Link {
  const linked = { ...entry, seq: (last?.seq ?? 0) + 1, prevHash: last?.hash ?? GENESIS_HASH };
  return { ...linked, hash: hashOf(linked) };
}

/** What is wrong with `row` as the successor of `previous` (null: the start of a chain), if anything. */
export function chainProblem(row: Link, previous: { seq: number; hash: string } | null, recomputedHash: string): ChainProblem | null {
  if (row.seq !== (previous?.seq ?? 0) + 1) return 'seq_gap';
  if (row.prevHash !== (previous?.hash ?? GENESIS_HASH)) return 'prev_hash_mismatch';
  return recomputedHash !== row.hash ? 'hash_mismatch' : null;
}
