// The CRM plan protects vulnerable persons, and the Smuggling of Migrants Protocol (art. 16) the
// migrants themselves: outside the formal channel (the informal draft shared between liaisons) a
// victim, a smuggled migrant or a person with any vulnerability appears by initials only, and the
// data that would identify them anyway (birth date, identity document, location) is left out.
import type { Person } from '../workflows/request/request.types.js';
import { list, text } from './layout.js';

const PROTECTED_ROLES: ReadonlySet<string> = new Set(['victim', 'smuggled_migrant']);

// Particles that are not part of the initials in Spanish, Portuguese, French and Dutch names.
const PARTICLES: ReadonlySet<string> = new Set(['de', 'del', 'la', 'las', 'los', 'y', 'e', 'da', 'das', 'do', 'dos', 'du', 'des', 'le', 'van', 'von', 'der']);

export function isProtectedPerson(person: Person): boolean {
  return PROTECTED_ROLES.has(text(person.role)) || list(person.vulnerabilities).length > 0;
}

/** "María José Peña de León" -> "M. J. P. L." */
export function initials(fullName: unknown): string {
  const words = text(fullName)
    .split(/[\s\-‐–]+/u)
    .map((w) => w.replace(/^[^\p{L}]+/u, ''))
    .filter((w) => w !== '' && !PARTICLES.has(w.toLocaleLowerCase('es')));
  const letters = words.map((w) => `${(w.codePointAt(0) === undefined ? '' : String.fromCodePoint(w.codePointAt(0)!)).toLocaleUpperCase('es')}.`);
  return letters.length > 0 ? letters.join(' ') : '—';
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Replaces, in free text, the full names of the protected persons with their initials. The free
 * text is the fiscal's prose and may still describe a person; this catches the obvious leak of a
 * name written out in the summary of facts or a question.
 */
export function nameRedactor(persons: readonly Person[]): (value: unknown) => string {
  const names = persons
    .filter(isProtectedPerson)
    .map((p) => ({ name: text(p.fullName).trim().replace(/\s+/g, ' '), initials: initials(p.fullName) }))
    .filter((p) => p.name.length >= 3)
    // Longest first, so "Ana Peña López" is replaced before "Ana Peña".
    .sort((a, b) => b.name.length - a.name.length);
  if (names.length === 0) return text;
  const pattern = new RegExp(names.map((n) => escapeRegExp(n.name).replace(/ /g, '\\s+')).join('|'), 'giu');
  const byName = new Map(names.map((n) => [n.name.toLocaleLowerCase('es'), n.initials]));
  return (value) =>
    text(value).replace(pattern, (match) => byName.get(match.replace(/\s+/g, ' ').toLocaleLowerCase('es')) ?? initials(match));
}
