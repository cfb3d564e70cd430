// Who sees the people in a file, decided in one place for the JSON representations, the messages,
// the history and the PDFs (and the pages that show them).
//
// The CRM plan protects vulnerable persons, and the Smuggling of Migrants Protocol (art. 16) and the
// Convention on the Rights of the Child the migrants and children themselves: until a request travels
// through the formal channel, everyone outside the requesting country (the counterpart liaison
// included) sees a protected person by initials only, without birth date, identity document or
// location, and their name masked wherever the prose mentions it. The informal draft is made for
// exactly that audience. The formal channel (TRANSMIT) hands the requested side the whole request.
import type { CountryCode, DocumentKind, Person, RequestFields } from '../request/request.types.js';
import { DOCUMENT_KINDS } from '../request/request.types.js';
import type { Role } from '../request/request.events.js';

export interface DisclosureViewer {
  role: Role;
  country: CountryCode | null;
}

export interface DisclosureStage {
  requestingCountry: CountryCode;
  /** When the request went through the formal channel; null until TRANSMIT. */
  transmittedAt: Date | null;
}

/** `full`: every identity as written; `protected`: protected persons by initials, masked in free text. */
export type PersonsDisclosure = 'full' | 'protected';

export interface Disclosure {
  persons: PersonsDisclosure;
  /** The kinds of document this viewer may list, verify and download at this stage. */
  documentKinds: readonly DocumentKind[];
}

/** Before transmission, the requested side reads only the document made to be shared informally. */
const INFORMAL_KINDS: readonly DocumentKind[] = ['informal_draft'];

// RequestsRepository.list's search states the 'full' condition again in SQL (a title is searched only
// where it is read unmasked): change both together.
export function disclosureFor(viewer: DisclosureViewer, request: DisclosureStage): Disclosure {
  const ownCountry = viewer.country !== null && viewer.country === request.requestingCountry;
  if (ownCountry || request.transmittedAt !== null) return { persons: 'full', documentKinds: DOCUMENT_KINDS };
  return { persons: 'protected', documentKinds: INFORMAL_KINDS };
}

/**
 * Annexes travel with the standardized form: whoever may see that form (the requesting side, and the
 * requested side once the request went through the formal channel) learns of them; the counterpart
 * reading the informal draft does not, nor does anyone who is not signed in (a file's holder, a bank
 * or a suspect among them, must not learn from its hash that a request cites it).
 */
export function annexesDisclosed(viewer: DisclosureViewer, request: DisclosureStage): boolean {
  return disclosureFor(viewer, request).documentKinds.includes('standardized_form');
}

/** What a document of this kind prints of the persons: the informal draft is for the counterpart. */
export function documentDisclosure(kind: DocumentKind): PersonsDisclosure {
  return kind === 'informal_draft' ? 'protected' : 'full';
}

const PROTECTED_ROLES: ReadonlySet<string> = new Set(['victim', 'smuggled_migrant']);
const ADULT_AGE = 18;

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * Whether the person was a minor at `at` (the request's creation: a child when the case began
 * stays protected in it). A partial date counts from its latest possible day, so that doubt
 * protects.
 */
export function isMinor(dateOfBirth: unknown, at: Date): boolean {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(textOf(dateOfBirth).trim());
  if (!match) return false;
  const year = Number(match[1]);
  const month = match[2] ? Number(match[2]) : 12;
  const day = match[3] ? Number(match[3]) : 31;
  const adultFrom = Date.UTC(year + ADULT_AGE, month - 1, day);
  return at.getTime() < adultFrom;
}

/** Victims, smuggled migrants, anyone with a vulnerability, and every minor by date of birth. */
export function isProtectedPerson(person: Partial<Person> & { protected?: boolean }, at: Date): boolean {
  if (person === null || typeof person !== 'object') return false;
  return (
    person.protected === true ||
    PROTECTED_ROLES.has(textOf(person.role)) ||
    (Array.isArray(person.vulnerabilities) && person.vulnerabilities.length > 0) ||
    isMinor(person.dateOfBirth, at)
  );
}

// Particles that are not part of the initials in Spanish, Portuguese, French and Dutch names.
const PARTICLES: ReadonlySet<string> = new Set(['de', 'del', 'la', 'las', 'los', 'y', 'e', 'da', 'das', 'do', 'dos', 'du', 'des', 'le', 'van', 'von', 'der']);

/** "María José Peña de León" -> "M. J. P. L." */
export function initials(fullName: unknown): string {
  const words = textOf(fullName)
    .split(/[\s\p{Pd},]+/u)
    .map((w) => w.replace(/^[^\p{L}]+/u, ''))
    .filter((w) => w !== '' && !PARTICLES.has(w.toLocaleLowerCase('es')));
  const letters = words.map((w) => `${String.fromCodePoint(w.codePointAt(0)!).toLocaleUpperCase('es')}.`);
  return letters.length > 0 ? letters.join(' ') : '—';
}

/**
 * Text folded for matching, whatever the case, the accents, compatibility forms (full-width
 * letters) and invisible format characters (a zero-width space inside a name), with the position in
 * the original of each folded character.
 */
function fold(value: string): { folded: string; origin: number[] } {
  let folded = '';
  const origin: number[] = [];
  let index = 0;
  for (const char of value) {
    const piece = /\p{Cf}/u.test(char) ? '' : char.normalize('NFKD').toLowerCase().replace(/\p{M}/gu, '');
    for (let i = 0; i < piece.length; i++) origin.push(index);
    folded += piece;
    index += char.length;
  }
  origin.push(index);
  return { folded, origin };
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const SEPARATOR = '[\\s\\p{Pd},.]+';

interface Target {
  pattern: RegExp;
  replacement: string;
}

/**
 * A person's name as it may appear in prose: two or more of its parts in any order (the full name,
 * "Muñoz Pérez", "PÉREZ, Josué"), particles allowed between them, or the one name of a person who has
 * only one; the number of their identity
 * document; their location.
 */
function targetsOf(person: Partial<Person>): Target[] {
  const replacement = initials(person.fullName);
  const parts = [
    ...new Set(
      fold(textOf(person.fullName))
        .folded.split(/[\s\p{Pd},.]+/u)
        .filter((w) => w.length >= 2 && !PARTICLES.has(w)),
    ),
  ].sort((a, b) => b.length - a.length);
  const targets: Target[] = [];
  const word = (body: string) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${body})(?![\\p{L}\\p{N}])`, 'gu');
  if (parts.length >= 2) {
    const part = `(?:${parts.map(escapeRegExp).join('|')})`;
    const particle = `(?:${[...PARTICLES].join('|')})`;
    targets.push({ pattern: word(`${part}(?:${SEPARATOR}(?:${particle}${SEPARATOR})*${part})+`), replacement });
  } else if (parts.length === 1 && (parts[0].match(/\p{L}/gu)?.length ?? 0) >= 3) {
    // A person known by one name only (a migrant recorded as "Yeni"): that name is all there is to
    // recognise them by, so it is masked wherever it stands as a word. A single part of a longer name
    // is not: a first name alone names half the region.
    targets.push({ pattern: word(escapeRegExp(parts[0])), replacement });
  }
  // The number of the document ("Partida de nacimiento 0801-2009-11234" -> 0801-2009-11234).
  const number = fold(textOf(person.identityDocument))
    .folded.split(/[\s\p{Pd}.\/]+/u)
    .filter((token) => /\d/.test(token));
  if (number.join('').length >= 4) {
    targets.push({ pattern: word(number.map(escapeRegExp).join('[\\s\\p{Pd}.\\/]*')), replacement: '[…]' });
  }
  // Where they are: the whole location, and its most specific part (the shelter, before the town).
  const place = fold(textOf(person.location)).folded.trim();
  for (const piece of new Set([place, place.split(',')[0].trim()])) {
    if (piece.replace(/[\s\p{P}]/gu, '').length >= 6) {
      targets.push({ pattern: word(piece.split(/[\s\p{Pd},.]+/u).filter(Boolean).map(escapeRegExp).join(SEPARATOR)), replacement: '[…]' });
    }
  }
  return targets;
}

/** Replaces in `value` what the targets match (found on the folded text, replaced in the original). */
function maskWith(targets: readonly Target[], value: string): string {
  let out = value;
  for (const target of targets) {
    const { folded, origin } = fold(out);
    const spans: [number, number][] = [];
    for (const match of folded.matchAll(target.pattern)) spans.push([origin[match.index], origin[match.index + match[0].length]]);
    for (const [start, end] of spans.reverse()) out = out.slice(0, start) + target.replacement + out.slice(end);
  }
  return out;
}

export type TextMasker = (value: string) => string;

/** Masks, in any free text, the names and identity documents of the protected persons among `persons`. */
export function textMasker(persons: unknown, at: Date): TextMasker {
  const targets = (Array.isArray(persons) ? persons : [])
    .filter((p): p is Partial<Person> => p !== null && typeof p === 'object' && isProtectedPerson(p, at))
    .flatMap(targetsOf);
  return targets.length === 0 ? (value) => value : (value) => maskWith(targets, value);
}

/** A protected person as the viewer may see them: initials, role, nationality, vulnerabilities. */
export type ProtectedPersonView = Pick<Person, 'role' | 'nationality' | 'vulnerabilities'> & { fullName: string; protected: true };

function deepMask(value: unknown, mask: TextMasker): unknown {
  if (typeof value === 'string') return mask(value);
  if (Array.isArray(value)) return value.map((v) => deepMask(v, mask));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deepMask(v, mask)]));
  }
  return value;
}

/**
 * The request's fields as `persons` disclosure lets them be seen: under `protected`, each protected
 * person reduced to initials (marked `protected: true`) and every other string masked.
 */
export function discloseFields<T extends RequestFields>(fields: T, disclosure: PersonsDisclosure, at: Date): T {
  if (disclosure === 'full') return fields;
  const mask = textMasker(fields.persons, at);
  const { persons, ...rest } = fields;
  const masked = deepMask(rest, mask) as T;
  if (persons === undefined) return masked;
  return {
    ...masked,
    persons: (Array.isArray(persons) ? persons : []).map((p: Person) =>
      isProtectedPerson(p, at)
        ? ({
            role: p.role,
            fullName: initials(p.fullName),
            ...(p.nationality !== undefined ? { nationality: mask(textOf(p.nationality)) } : {}),
            ...(p.vulnerabilities !== undefined ? { vulnerabilities: p.vulnerabilities } : {}),
            protected: true,
          } satisfies ProtectedPersonView)
        : deepMask(p, mask),
    ),
  };
}

/** A request as the policy needs it: its stage, its persons, and when it was created. */
export interface DisclosedRequest extends DisclosureStage {
  fields: RequestFields;
  createdAt: Date;
}

/** How this viewer reads the free text about this request (messages, history comments). */
export function textMaskerFor(viewer: DisclosureViewer, request: DisclosedRequest): TextMasker {
  return disclosureFor(viewer, request).persons === 'full' ? (value) => value : textMasker(request.fields.persons, request.createdAt);
}
