// Reading the reviewed data files (country profiles, holidays, service levels). They are edited by
// people, not generated, so a typo must stop the process at load with the file and the path of the
// bad value, instead of surfacing later as a wrong deadline or a legal basis silently refused.
import { readFileSync } from 'node:fs';

/** Where a fact comes from: a treaty status page, a law, or the project's own brief. */
export interface DataSource {
  readonly id: string;
  readonly title: string;
  readonly url?: string;
  readonly citation?: string;
}

/** Every fact names its source; `unconfirmed` says what could not be confirmed from it. */
export interface Sourced {
  readonly source: string;
  readonly unconfirmed?: string;
}

export class DataFileError extends Error {
  constructor(
    readonly file: string,
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${file}: ${path || '(root)'}: ${problem}`);
    this.name = 'DataFileError';
  }
}

/** Reads and parses a JSON file shipped next to the compiled code (the build copies it there). */
export function readJsonFile(url: URL): unknown {
  const file = url.pathname.split('/').pop() ?? url.pathname;
  let text: string;
  try {
    text = readFileSync(url, 'utf8');
  } catch (error) {
    throw new DataFileError(file, '', `cannot be read (${(error as Error).message})`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new DataFileError(file, '', `is not valid JSON (${(error as Error).message})`);
  }
}

const describe = (value: unknown): string =>
  value === undefined ? 'nothing' : Array.isArray(value) ? 'an array' : value === null ? 'null' : JSON.stringify(value);

/** Typed, path-aware checks over parsed JSON; every failure names the file and the JSON path. */
export class DataReader {
  constructor(readonly file: string) {}

  fail(path: string, problem: string): never {
    throw new DataFileError(this.file, path, problem);
  }

  /** An object carrying only the listed keys: an unknown key is most often a misspelt one. */
  object(value: unknown, path: string, required: readonly string[], optional: readonly string[] = []): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(path, `expected an object, got ${describe(value)}`);
    const record = value as Record<string, unknown>;
    for (const key of required) if (!(key in record)) this.fail(path, `missing "${key}"`);
    for (const key of Object.keys(record)) {
      if (!required.includes(key) && !optional.includes(key)) this.fail(path, `unknown key "${key}"`);
    }
    return record;
  }

  /** An object used as a map (keys are data, e.g. "GT-MX"). */
  map(value: unknown, path: string): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(path, `expected an object, got ${describe(value)}`);
    return value as Record<string, unknown>;
  }

  string(value: unknown, path: string): string {
    if (typeof value !== 'string' || value.trim() === '') this.fail(path, `expected a non-empty string, got ${describe(value)}`);
    return value;
  }

  optionalString(value: unknown, path: string): string | undefined {
    return value === undefined ? undefined : this.string(value, path);
  }

  boolean(value: unknown, path: string): boolean {
    if (typeof value !== 'boolean') this.fail(path, `expected true or false, got ${describe(value)}`);
    return value;
  }

  integer(value: unknown, path: string, min: number): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
      this.fail(path, `expected an integer >= ${min}, got ${describe(value)}`);
    }
    return value;
  }

  array(value: unknown, path: string, { nonEmpty = false } = {}): unknown[] {
    if (!Array.isArray(value)) this.fail(path, `expected an array, got ${describe(value)}`);
    if (nonEmpty && value.length === 0) this.fail(path, 'expected at least one entry');
    return value;
  }

  oneOf<T extends string>(value: unknown, allowed: readonly T[], path: string): T {
    if (typeof value !== 'string' || !allowed.includes(value as T)) {
      this.fail(path, `expected one of ${allowed.join(', ')}, got ${describe(value)}`);
    }
    return value as T;
  }

  /** A calendar date written YYYY-MM-DD that exists (no 2026-02-30). */
  isoDate(value: unknown, path: string): string {
    const text = this.string(value, path);
    if (!isIsoDate(text)) this.fail(path, `expected a real date as YYYY-MM-DD, got ${describe(value)}`);
    return text;
  }

  /** The `sources` list of a data file: unique ids, each with a url or a citation to check it by. */
  sources(value: unknown, path: string): DataSource[] {
    const sources = this.array(value, path, { nonEmpty: true }).map((entry, i): DataSource => {
      const at = `${path}[${i}]`;
      const s = this.object(entry, at, ['id', 'title'], ['url', 'citation']);
      const source = {
        id: this.string(s.id, `${at}.id`),
        title: this.string(s.title, `${at}.title`),
        ...(s.url !== undefined && { url: this.string(s.url, `${at}.url`) }),
        ...(s.citation !== undefined && { citation: this.string(s.citation, `${at}.citation`) }),
      };
      if (!source.url && !source.citation) this.fail(at, 'a source needs a url or a citation');
      return source;
    });
    this.unique(sources.map((s) => s.id), path, 'source id');
    return sources;
  }

  /** A fact's `source` (one of the file's sources) and, where it is not settled, its `unconfirmed` note. */
  sourced(value: Record<string, unknown>, path: string, sources: readonly DataSource[]): Sourced {
    const unconfirmed = this.optionalString(value.unconfirmed, `${path}.unconfirmed`);
    return {
      source: this.oneOf(value.source, sources.map((s) => s.id), `${path}.source`),
      ...(unconfirmed !== undefined && { unconfirmed }),
    };
  }

  /** Refuses a second entry with the same key, e.g. two profiles for one country. */
  unique(keys: readonly string[], path: string, what: string): void {
    const seen = new Set<string>();
    keys.forEach((key, i) => {
      if (seen.has(key)) this.fail(`${path}[${i}]`, `duplicate ${what} "${key}"`);
      seen.add(key);
    });
  }
}

export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** Freezes parsed data all the way down, so no caller can edit the shared table by accident. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
