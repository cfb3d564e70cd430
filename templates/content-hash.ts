// The content hash identifies what a document says independently of its bytes: a PDF cannot carry
// its own SHA-256, so each page prints the hash of the view model it was rendered from, and the
// verification endpoint accepts either hash.
import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every level, so equal view models give equal strings whatever
 * order their properties were built in. Follows JSON.stringify for everything else (undefined
 * properties dropped, undefined array items and non-finite numbers as null).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const json = (value as { toJSON?: () => unknown }).toJSON;
    if (typeof json === 'function') return sortKeys(json.call(value));
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
    }
    return sorted;
  }
  return value;
}

/** SHA-256 (hex) of the canonical JSON of a view model. */
export function contentHash(viewModel: unknown): string {
  return createHash('sha256').update(canonicalJson(viewModel), 'utf8').digest('hex');
}
