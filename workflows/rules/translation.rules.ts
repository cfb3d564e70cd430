// The language rule. UNTOC art. 18(14) wants a request "in a language acceptable to the requested
// State Party" (Nassau art. 26 and the Central American treaty say the same of a translation);
// requests arriving in the wrong language are one of the reasons they come back unexecuted. So a
// request written in a language the requested country does not accept must carry a complete
// translation of what the requested authority acts on: title, facts, purpose and every measure.
import type { CountryCode, Language, RequestFields, Translation } from '../request/request.types.js';
import { acceptedLanguages } from './country-profiles.js';
import type { RuleViolation } from './legal-basis.rules.js';

/**
 * Stable rule codes of translationViolations (never rename one):
 * - `translation_required_<langs>` on `translations`: no translation into any language the requested
 *   country accepts; `<langs>` lists them joined by `_or_`, e.g. `translation_required_en`,
 *   `translation_required_en_or_fr` (Canada);
 * - `required` on `translations.<lang>.title|summaryOfFacts|purpose|measures[i]`: a supplied
 *   translation leaves that text empty;
 * - `must_match_measures` on `translations.<lang>.measures`: not one translated entry per measure
 *   (a measure left untranslated is a measure the requested side cannot execute).
 * When several acceptable translations are supplied and none is complete, the gaps of each are
 * listed: completing any one of them satisfies the rule.
 */
export const TRANSLATION_RULES = {
  required: 'required',
  mustMatchMeasures: 'must_match_measures',
} as const;

export function translationRequiredRule(languages: readonly Language[]): string {
  return `translation_required_${languages.join('_or_')}`;
}

const blank = (value: unknown): boolean => typeof value !== 'string' || value.trim() === '';

const TRANSLATED_TEXTS = ['title', 'summaryOfFacts', 'purpose'] as const satisfies readonly (keyof Translation)[];

/** The gaps of one supplied translation; empty when it covers everything the requested side acts on. */
function translationGaps(fields: RequestFields, lang: Language, translation: Translation): RuleViolation[] {
  const prefix = `translations.${lang}`;
  const gaps: RuleViolation[] = TRANSLATED_TEXTS.filter((key) => blank(translation[key])).map((key) => ({
    field: `${prefix}.${key}`,
    rule: TRANSLATION_RULES.required,
  }));
  const measures: unknown[] = Array.isArray(translation.measures) ? translation.measures : [];
  if (measures.length !== (fields.measures ?? []).length) {
    gaps.push({ field: `${prefix}.measures`, rule: TRANSLATION_RULES.mustMatchMeasures });
  }
  measures.forEach((text, i) => {
    if (blank(text)) gaps.push({ field: `${prefix}.measures[${i}]`, rule: TRANSLATION_RULES.required });
  });
  return gaps;
}

/** Translations supplied in languages the requested country accepts, in its order of preference. */
function acceptableTranslations(fields: RequestFields, accepted: readonly Language[]): [Language, Translation][] {
  return accepted.flatMap((lang) => {
    const translation = fields.translations?.[lang];
    return translation && lang !== fields.language ? [[lang, translation] as [Language, Translation]] : [];
  });
}

/**
 * What keeps the request from reaching the requested country in a language it accepts. Nothing when
 * the requested country or the request's language is not set yet (reported as `missing` elsewhere),
 * or when the requested country accepts the request's language (a translation then is a courtesy
 * and is not checked). The requesting country does not enter the rule; it is taken for symmetry with
 * legalBasisViolations.
 */
export function translationViolations(fields: RequestFields, _requestingCountry: CountryCode): RuleViolation[] {
  if (!fields.requestedCountry || !fields.language) return [];
  const accepted = acceptedLanguages(fields.requestedCountry);
  if (accepted.includes(fields.language)) return [];

  const supplied = acceptableTranslations(fields, accepted);
  if (supplied.length === 0) return [{ field: 'translations', rule: translationRequiredRule(accepted) }];
  const gapsByTranslation = supplied.map(([lang, translation]) => translationGaps(fields, lang, translation));
  return gapsByTranslation.some((gaps) => gaps.length === 0) ? [] : gapsByTranslation.flat();
}

export interface DocumentLanguages {
  primary: Language;
  secondary?: Language;
}

/**
 * The language(s) a document's labels are printed in: the request's own language, and, when the
 * requested country does not accept it, side by side with one it does, so that both the requesting
 * and the requested officials read the form. The second language is that of a supplied translation
 * (a complete one first), else the requested country's first accepted language. Without a language
 * set yet (an early draft), the requested country's first accepted language, else Spanish, the
 * working language of most CRM members, is used.
 */
export function documentLanguages(fields: RequestFields): DocumentLanguages {
  const accepted = fields.requestedCountry ? acceptedLanguages(fields.requestedCountry) : [];
  const primary: Language = fields.language ?? accepted[0] ?? 'es';
  if (accepted.length === 0 || accepted.includes(primary)) return { primary };

  const supplied = acceptableTranslations(fields, accepted);
  const complete = supplied.find(([lang, translation]) => translationGaps(fields, lang, translation).length === 0);
  const secondary = complete?.[0] ?? supplied[0]?.[0] ?? accepted[0];
  return { primary, secondary };
}
