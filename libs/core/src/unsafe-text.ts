// Characters no text of a request may hold, whichever door it came in by (a JSON body, a page's
// form, a query string): NUL (PostgreSQL cannot store it in text, nor take it as a parameter), and
// the bidirectional controls that make a text read differently from what it holds
// (CVE-2021-42574, "Trojan Source"): a reference or a name that displays as another.
import { DomainError, ErrorCode } from './domain-error.js';

const FORBIDDEN = /[\u0000\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

export type TextProblem = 'nul_or_bidi_control' | 'lone_surrogate';

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function textProblem(value: string): TextProblem | null {
  if (LONE_SURROGATE.test(value)) return 'lone_surrogate';
  return FORBIDDEN.test(value) ? 'nul_or_bidi_control' : null;
}

/** The first string (value or key) of a parsed input that may not be stored, with its path. */
export function findUnsafeText(value: unknown, path = ''): { field: string; rule: TextProblem } | null {
  if (typeof value === 'string') {
    const rule = textProblem(value);
    return rule ? { field: path || 'body', rule } : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnsafeText(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const field = path ? `${path}.${key}` : key;
      const rule = textProblem(key);
      if (rule) return { field, rule };
      const found = findUnsafeText(child, field);
      if (found) return found;
    }
  }
  return null;
}

const FORBIDDEN_ALL = new RegExp(FORBIDDEN.source, 'gu');
const LONE_SURROGATE_ALL = new RegExp(LONE_SURROGATE.source, 'g');

/**
 * A form's fields without the characters no text may hold, to show a refused form again: they are
 * invisible, so a person could not find them to delete; the form says they were taken out.
 */
export function withoutUnsafeText<T>(value: T): T {
  if (typeof value === 'string') return value.replace(LONE_SURROGATE_ALL, '').replace(FORBIDDEN_ALL, '') as T;
  if (Array.isArray(value)) return value.map(withoutUnsafeText) as T;
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [withoutUnsafeText(k), withoutUnsafeText(v)])) as T;
  return value;
}

/** Whether a refusal's field was refused for a character no text may hold (the rule unsafeTextRefusal names). */
export const isUnsafeTextRule = (rule: unknown): boolean => rule === 'nul_or_bidi_control' || rule === 'lone_surrogate';

/** The refusal of a text that may not be stored or searched for, naming its field. */
export function unsafeTextRefusal(unsafe: { field: string; rule: TextProblem }): DomainError {
  const what = unsafe.rule === 'lone_surrogate' ? 'an unpaired surrogate' : 'a NUL or bidirectional control character';
  const message = `${unsafe.field} contains ${what}`;
  return new DomainError(ErrorCode.ValidationFailed, message, { fields: [{ field: unsafe.field, rule: unsafe.rule, message }] });
}
