// The language rule. UNTOC art. 18(14) wants a request "in a language acceptable to the requested
// State Party" (Nassau art. 26 and the Central American treaty say the same of a translation, and of
// the documents accompanying the request); requests arriving in the wrong language, or half
// translated, are one of the reasons they come back unexecuted. So a request written in a language
// the requested country does not accept must carry, in one it does, the translation of every free
// text the requested authority reads (TRANSLATABLE_FIELDS: the witness's questions, the offences, the
// procedures and the reasons as well as the facts), or a certified translation annexed, and in both
// cases the translator's attestation (name, qualification, date).
import type { CountryCode, Language, RequestFields, Translation } from '../request/request.types.js';
import { translatableTexts, translatedText, translationPlaceOf } from '../request/translatable-fields.js';
import { acceptedLanguages } from './country-profiles.js';
import type { RuleViolation } from './legal-basis.rules.js';

/**
 * Stable rule codes of translationViolations (never rename one):
 * - `translation_required_<langs>` on `translations`: no translation (nor certified translation
 *   annexed) into any language the requested country accepts; `<langs>` lists them joined by `_or_`,
 *   e.g. `translation_required_en`, `translation_required_en_or_fr` (Canada);
 * - `required` on `translations.<lang>.<place>`: a text of the request left untranslated, where
 *   `<place>` is where its translation goes (`title`, `summaryOfFacts`, `purpose`, `measures[i]` for a
 *   measure's description, `texts.<path of the original>` for every other text, e.g.
 *   `translations.en.texts.measures[1].questions[0]`);
 * - `required` on `translations.<lang>.attestation.translatorName|qualification|date`: the
 *   translator's attestation is missing or incomplete;
 * - `must_match_measures` on `translations.<lang>.measures`: more translated entries than measures.
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

const ATTESTATION = ['translatorName', 'qualification', 'date'] as const;

/**
 * The gaps of one translation: each text of the request it leaves untranslated (none when a certified
 * translation in that language is annexed), and the translator's attestation.
 */
function translationGaps(fields: RequestFields, lang: Language, translation: Partial<Translation> | undefined): RuleViolation[] {
  const prefix = `translations.${lang}`;
  const certified = (fields.certifiedTranslations ?? []).includes(lang);
  const gaps: RuleViolation[] = certified
    ? []
    : translatableTexts(fields)
        .filter((t) => blank(translatedText(translation, t.path)))
        .map((t) => ({ field: `${prefix}.${translationPlaceOf(t.path)}`, rule: TRANSLATION_RULES.required }));
  if (!certified && Array.isArray(translation?.measures) && translation.measures.length > (fields.measures ?? []).length) {
    gaps.push({ field: `${prefix}.measures`, rule: TRANSLATION_RULES.mustMatchMeasures });
  }
  const attestation = (translation?.attestation ?? {}) as Record<string, unknown>;
  for (const key of ATTESTATION) if (blank(attestation[key])) gaps.push({ field: `${prefix}.attestation.${key}`, rule: TRANSLATION_RULES.required });
  return gaps;
}

/** The kind of annex that stands for the translation of the whole request into its language. */
export const CERTIFIED_TRANSLATION_KIND = 'certified_translation';

/** The languages the request's annexes translate it into, each once: what `certifiedTranslations` holds at SUBMIT. */
export function certifiedTranslationLanguages(annexes: readonly { kind: string; language: string }[]): Language[] {
  return [...new Set(annexes.filter((a) => a.kind === CERTIFIED_TRANSLATION_KIND).map((a) => a.language as Language))].sort();
}

/** The languages, in the requested country's order, of a translation supplied or a certified translation annexed. */
function acceptableTranslations(fields: RequestFields, accepted: readonly Language[]): [Language, Partial<Translation> | undefined][] {
  return accepted.flatMap((lang) => {
    const translation = fields.translations?.[lang];
    const certified = (fields.certifiedTranslations ?? []).includes(lang);
    return (translation || certified) && lang !== fields.language ? [[lang, translation] as [Language, Partial<Translation> | undefined]] : [];
  });
}

/** Whether the request needs a translation for its requested country (null while language or country is unknown). */
export function translationNeeded(fields: RequestFields): boolean | null {
  if (!fields.requestedCountry || !fields.language) return null;
  return !acceptedLanguages(fields.requestedCountry).includes(fields.language);
}

/**
 * What keeps the request from reaching the requested country in a language it accepts. Nothing when
 * the requested country or the request's language is not set yet (reported as `missing` elsewhere),
 * or when the requested country accepts the request's language (a translation then is a courtesy
 * and is not checked). The requesting country does not enter the rule; it is taken for symmetry with
 * legalBasisViolations.
 */
export function translationViolations(fields: RequestFields, _requestingCountry: CountryCode): RuleViolation[] {
  if (!translationNeeded(fields)) return [];
  const accepted = acceptedLanguages(fields.requestedCountry!);
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
