// The reviewed country profiles and legal-basis catalogue (workflows/rules/country-profiles.json) as
// the API shows them: every fact with the source it comes from, and what could not be confirmed.
// Pure: read from the loaded data file, no database (the countries table is synced from the same file).
import {
  COUNTRY_PROFILES,
  COUNTRY_PROFILES_UNCONFIRMED,
  COUNTRY_PROFILES_VERSION,
  COUNTRY_PROFILE_SOURCES,
  CHANNEL_TABLE,
  applicableLegalBases,
  instrument,
  type CountryCode,
  type CountryProfile,
  type DataSource,
  type Institution,
  type InstrumentKind,
  type Language,
  type LegalBasis,
  type LocalizedName,
  type Sourced,
} from '@enlace/workflows';

export interface SourcedView {
  source: DataSource;
  unconfirmed?: string;
}

export interface InstitutionView extends SourcedView {
  name: Partial<Record<Language, string>>;
}

export interface TreatyView extends SourcedView {
  basis: LegalBasis;
  name: LocalizedName;
}

export interface CountryProfileView {
  code: CountryCode;
  name: { es: string; en: string } & SourcedView;
  languages: { accepted: Language[] } & SourcedView;
  centralAuthority: InstitutionView;
  cancilleria: InstitutionView;
  treaties: TreatyView[];
}

export interface LegalBasisView extends SourcedView {
  basis: LegalBasis;
  kind: InstrumentKind;
  name: LocalizedName;
  requiresNamedTreaty: boolean;
  /** For BILATERAL: the register's treaties in force for the pair; `bilateralTreaty` names one by id. */
  treaties?: BilateralTreatyView[];
}

export interface BilateralTreatyView extends SourcedView {
  id: string;
  parties: CountryCode[];
  name: LocalizedName;
  signed?: string;
  inForce?: string;
}

export interface ProfileSourcesView {
  version: string;
  sources: DataSource[];
  unconfirmed: string[];
}

const SOURCES = new Map([...CHANNEL_TABLE.sources, ...COUNTRY_PROFILE_SOURCES].map((s) => [s.id, s]));

function sourced(fact: Sourced): SourcedView {
  const source = { ...SOURCES.get(fact.source)! };
  return fact.unconfirmed ? { source, unconfirmed: fact.unconfirmed } : { source };
}

const institution = (office: Institution): InstitutionView => ({ name: { ...office.name }, ...sourced(office) });

export function countryProfileView(profile: CountryProfile): CountryProfileView {
  return {
    code: profile.code,
    name: { es: profile.name.es, en: profile.name.en, ...sourced(profile.name) },
    languages: { accepted: [...profile.languages.accepted], ...sourced(profile.languages) },
    centralAuthority: institution(profile.centralAuthority),
    cancilleria: institution(profile.cancilleria),
    treaties: profile.treaties.map((t) => ({ basis: t.basis, name: { ...instrument(t.basis).name }, ...sourced(t) })),
  };
}

export const countryProfileViews = (): CountryProfileView[] => COUNTRY_PROFILES.map(countryProfileView);

export const profileSourcesView = (): ProfileSourcesView => ({
  version: COUNTRY_PROFILES_VERSION,
  sources: COUNTRY_PROFILE_SOURCES.map((s) => ({ ...s })),
  unconfirmed: [...COUNTRY_PROFILES_UNCONFIRMED],
});

/** The instruments that can ground a request from `from` to `to`, in the order of LEGAL_BASES. */
export function legalBasisViews(from: CountryCode, to: CountryCode): LegalBasisView[] {
  return applicableLegalBases(from, to).map((applicable) => {
    const found = instrument(applicable.basis);
    return {
      basis: applicable.basis,
      kind: found.kind,
      name: { ...applicable.name },
      requiresNamedTreaty: applicable.requiresNamedTreaty,
      ...(applicable.treaties && {
        treaties: applicable.treaties.map((t) => ({
          id: t.id,
          parties: [...t.parties],
          name: { ...t.name },
          ...(t.signed && { signed: t.signed }),
          ...(t.inForce && { inForce: t.inForce }),
          ...sourced(t),
        })),
      }),
      ...sourced(found),
    };
  });
}
