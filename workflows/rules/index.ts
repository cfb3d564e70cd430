export {
  COUNTRY_PROFILES,
  COUNTRY_PROFILES_UNCONFIRMED,
  COUNTRY_PROFILES_VERSION,
  COUNTRY_PROFILE_SOURCES,
  INSTRUMENTS,
  INSTRUMENT_KINDS,
  acceptedLanguages,
  countryProfile,
  instrument,
  instrumentName,
  isPartyTo,
  parseCountryProfiles,
  type CountryProfile,
  type CountryProfileTable,
  type DataSource,
  type Institution,
  type Instrument,
  type InstrumentKind,
  type LocalizedName,
  type Sourced,
  type TreatyMembership,
} from './country-profiles.js';
export {
  LEGAL_BASIS_RULES,
  applicableLegalBases,
  bindsPair,
  legalBasisViolations,
  type ApplicableLegalBasis,
  type RuleViolation,
} from './legal-basis.rules.js';
export {
  TRANSLATION_RULES,
  documentLanguages,
  translationRequiredRule,
  translationViolations,
  type DocumentLanguages,
} from './translation.rules.js';
export { DataFileError } from './data-file.reader.js';
