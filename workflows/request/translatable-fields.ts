// Where each translated text goes within a translation, and how to read it back. The list of what
// must be translated is FREE_TEXT_FIELDS (free-text-fields.ts), the one list of the request's free
// texts: the SUBMIT rule (rules/translation.rules.ts), the translation form of the request page
// (templates/pages/request-form.ts), the API's validation of `translations.<lang>.texts` and the PDFs
// (templates/request-sections.ts) all read it through this file.
import type { Translation, RequestFields } from './request.types.js';
import { FREE_TEXT_FIELDS, freeTextEntries, type FreeTextField } from './free-text-fields.js';

/** The free texts a translation carries: FREE_TEXT_FIELDS, under the name the translation step knows them by. */
export const TRANSLATABLE_FIELDS = FREE_TEXT_FIELDS;
export type TranslatableField = FreeTextField;

/**
 * Where the contract (../shared/contract/http-api.md) already puts four of them in a translation:
 * `title`, `summaryOfFacts`, `purpose` at its top and one string per measure in `measures`. Every other
 * translated text sits in `texts`, under the concrete path of its original (`offenses[0].name`,
 * `measures[1].questions[2]`).
 */
const CONTRACT_PLACES: Readonly<Partial<Record<TranslatableField, 'title' | 'summaryOfFacts' | 'purpose' | 'measures'>>> = {
  title: 'title',
  summaryOfFacts: 'summaryOfFacts',
  purpose: 'purpose',
  'measures[].description': 'measures',
};

/** One text of a request that needs translating: its concrete path, the field it is an instance of, the original. */
export interface TranslatableText {
  /** `offenses[0].name`, `measures[1].questions[2]`, `title`. */
  path: string;
  field: TranslatableField;
  original: string;
}

/** Every free text the request holds now (non-blank), in the order of FREE_TEXT_FIELDS and of the lists. */
export function translatableTexts(fields: RequestFields): TranslatableText[] {
  return freeTextEntries(fields).map((e) => ({ path: e.path, field: e.field, original: e.value }));
}

/** The field a concrete path is an instance of (`measures[1].questions[0]` -> `measures[].questions[]`), or null. */
export function translatableFieldOf(path: string): TranslatableField | null {
  const pattern = path.replace(/\[\d+\]/g, '[]');
  return (TRANSLATABLE_FIELDS as readonly string[]).includes(pattern) ? (pattern as TranslatableField) : null;
}

/** Where a text's translation is kept within a translation: `measures[1]` for a description, `texts` else. */
export function translationPlaceOf(path: string): string {
  const field = translatableFieldOf(path);
  const place = field ? CONTRACT_PLACES[field] : undefined;
  if (place === 'measures') return `measures[${/^measures\[(\d+)\]/.exec(path)![1]}]`;
  return place ?? `texts.${path}`;
}

/** The translation of one text (by the concrete path of its original), or '' when there is none. */
export function translatedText(translation: Partial<Translation> | undefined, path: string): string {
  if (!translation) return '';
  const field = translatableFieldOf(path);
  const place = field ? CONTRACT_PLACES[field] : undefined;
  let value: unknown;
  if (place === 'measures') value = Array.isArray(translation.measures) ? translation.measures[Number(/^measures\[(\d+)\]/.exec(path)![1])] : undefined;
  else if (place) value = translation[place];
  else value = translation.texts && typeof translation.texts === 'object' ? (translation.texts as Record<string, unknown>)[path] : undefined;
  return typeof value === 'string' ? value : '';
}

/** Whether `path` names a text of TRANSLATABLE_FIELDS kept in `texts` (the API refuses any other key). */
export const isTextsKey = (path: string): boolean => {
  const field = translatableFieldOf(path);
  return field !== null && CONTRACT_PLACES[field] === undefined;
};
