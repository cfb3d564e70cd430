// The channels a formal request travels, as reviewed data (channels.json): per instrument the channel
// it prescribes and its limited-use, refusal and urgent-copy provisions; per instrument and country the
// office designated under it; and the register of bilateral treaties per pair. Every fact names its
// source, and what could not be confirmed says so. This module loads and checks the file and derives
// from it the route of a request: who transmits, through which offices, who receives.
import {
  COUNTRY_CODES,
  LANGUAGES,
  LEGAL_BASES,
  type CountryCode,
  type Language,
  type LegalBasis,
  type RequestFields,
} from '../request/request.types.js';
import { isPartyTo, type LocalizedName, type Sourced } from './country-profiles.js';
import { DataReader, deepFreeze, readJsonFile, type DataSource } from './data-file.reader.js';

/**
 * How a request travels under an instrument:
 * - `central_authority`: from the requesting central authority straight to the requested one
 *   (UNTOC art. 18(13), Nassau art. 3, the bilateral treaties);
 * - `diplomatic`: requesting cancillería -> requested cancillería -> requested central authority;
 * - `either`: the requested State takes both (the route prefers the central authorities).
 */
export const CHANNELS = ['central_authority', 'diplomatic', 'either'] as const;
export type Channel = (typeof CHANNELS)[number];
export type RouteChannel = Exclude<Channel, 'either'>;

export const ADVANCE_COPY_CHANNELS = ['interpol', 'oral', 'email', 'fax'] as const;
export type AdvanceCopyChannel = (typeof ADVANCE_COPY_CHANNELS)[number];

export const TREATY_STATUSES = ['in_force', 'signed', 'unconfirmed'] as const;
export type TreatyStatus = (typeof TREATY_STATUSES)[number];

export interface AdvanceCopyRule {
  readonly channels: readonly AdvanceCopyChannel[];
  /** Days within which the formal request must follow the advance copy. */
  readonly confirmWithinDays: number;
  readonly article: LocalizedName;
}

/** What an instrument prescribes; a protocol that applies its parent convention names it in `appliesWith`. */
export interface InstrumentChannel extends Sourced {
  readonly basis: LegalBasis;
  readonly appliesWith?: LegalBasis;
  readonly channel?: Channel;
  readonly channelArticle?: LocalizedName;
  readonly limitedUse?: LocalizedName;
  readonly advanceCopy?: AdvanceCopyRule;
  readonly refusalGrounds?: readonly string[];
}

/** The office a country designated under an instrument (UNTOC art. 18(13), Nassau art. 3 ...). */
export interface Designation extends Sourced {
  readonly country: CountryCode;
  readonly basis: LegalBasis;
  readonly office: Readonly<Partial<Record<Language, string>>>;
  readonly languages: readonly Language[];
  readonly channel: Channel;
}

export interface BilateralTreaty extends Sourced {
  readonly id: string;
  readonly parties: readonly [CountryCode, CountryCode];
  readonly name: LocalizedName;
  readonly signed?: string;
  readonly inForce?: string;
  /** Only `in_force` grounds a request; an `unconfirmed` entry is recorded so nobody re-adds it as fact. */
  readonly status: TreatyStatus;
}

export interface ChannelTable {
  readonly version: string;
  readonly sources: readonly DataSource[];
  readonly instruments: readonly InstrumentChannel[];
  readonly designations: readonly Designation[];
  readonly treaties: readonly BilateralTreaty[];
  readonly unconfirmed: readonly string[];
}

/** Validates a channels file: shapes, source ids, and that every instrument and party is covered. */
export function parseChannels(raw: unknown, file = 'channels.json'): ChannelTable {
  const r = new DataReader(file);
  const root = r.object(raw, '', ['version', 'sources', 'instruments', 'designations', 'treaties', 'unconfirmed'], ['review']);
  const version = r.isoDate(root.version, 'version');
  const sources = r.sources(root.sources, 'sources');
  const sourced = (value: Record<string, unknown>, path: string): Sourced => r.sourced(value, path, sources);
  const localized = (value: unknown, path: string): LocalizedName => {
    const n = r.object(value, path, LANGUAGES);
    return Object.fromEntries(LANGUAGES.map((l) => [l, r.string(n[l], `${path}.${l}`)])) as LocalizedName;
  };
  const languages = (value: unknown, path: string): Language[] => {
    const list = r.array(value, path, { nonEmpty: true }).map((l, i) => r.oneOf(l, LANGUAGES, `${path}[${i}]`));
    r.unique(list, path, 'language');
    return list;
  };

  const instruments = r.array(root.instruments, 'instruments').map((value, i): InstrumentChannel => {
    const path = `instruments[${i}]`;
    const o = r.object(value, path, ['basis', 'source'], ['appliesWith', 'channel', 'channelArticle', 'limitedUse', 'advanceCopy', 'refusalGrounds', 'unconfirmed']);
    const basis = r.oneOf(o.basis, LEGAL_BASES, `${path}.basis`);
    if (o.appliesWith !== undefined) {
      return { basis, appliesWith: r.oneOf(o.appliesWith, LEGAL_BASES, `${path}.appliesWith`), ...sourced(o, path) };
    }
    for (const key of ['channel', 'channelArticle', 'limitedUse', 'refusalGrounds']) if (o[key] === undefined) r.fail(path, `missing "${key}"`);
    let advanceCopy: AdvanceCopyRule | undefined;
    if (o.advanceCopy !== undefined) {
      const a = r.object(o.advanceCopy, `${path}.advanceCopy`, ['channels', 'confirmWithinDays', 'article']);
      advanceCopy = {
        channels: r.array(a.channels, `${path}.advanceCopy.channels`, { nonEmpty: true }).map((c, j) => r.oneOf(c, ADVANCE_COPY_CHANNELS, `${path}.advanceCopy.channels[${j}]`)),
        confirmWithinDays: r.integer(a.confirmWithinDays, `${path}.advanceCopy.confirmWithinDays`, 1),
        article: localized(a.article, `${path}.advanceCopy.article`),
      };
    }
    return {
      basis,
      channel: r.oneOf(o.channel, CHANNELS, `${path}.channel`),
      channelArticle: localized(o.channelArticle, `${path}.channelArticle`),
      limitedUse: localized(o.limitedUse, `${path}.limitedUse`),
      ...(advanceCopy && { advanceCopy }),
      refusalGrounds: r.array(o.refusalGrounds, `${path}.refusalGrounds`, { nonEmpty: true }).map((g, j) => r.string(g, `${path}.refusalGrounds[${j}]`)),
      ...sourced(o, path),
    };
  });
  r.unique(instruments.map((i) => i.basis), 'instruments', 'legal basis');
  for (const basis of LEGAL_BASES) if (!instruments.some((i) => i.basis === basis)) r.fail('instruments', `missing the legal basis ${basis}`);
  instruments.forEach((i, n) => {
    const parent = i.appliesWith && instruments.find((p) => p.basis === i.appliesWith);
    if (i.appliesWith && (!parent || parent.appliesWith)) r.fail(`instruments[${n}].appliesWith`, `${i.appliesWith} must be an instrument with its own channel`);
  });

  const designations = r.array(root.designations, 'designations').map((value, i): Designation => {
    const path = `designations[${i}]`;
    const o = r.object(value, path, ['country', 'basis', 'office', 'languages', 'channel', 'source'], ['unconfirmed']);
    const office = r.object(o.office, `${path}.office`, [], LANGUAGES);
    if (Object.keys(office).length === 0) r.fail(`${path}.office`, 'give the name in at least one language');
    return {
      country: r.oneOf(o.country, COUNTRY_CODES, `${path}.country`),
      basis: r.oneOf(o.basis, LEGAL_BASES, `${path}.basis`),
      office: Object.fromEntries(Object.keys(office).map((l) => [l, r.string(office[l], `${path}.office.${l}`)])),
      languages: languages(o.languages, `${path}.languages`),
      channel: r.oneOf(o.channel, CHANNELS, `${path}.channel`),
      ...sourced(o, path),
    };
  });
  r.unique(designations.map((d) => `${d.country}/${d.basis}`), 'designations', 'designation');
  // Every party to a multilateral instrument with its own channel, and every country for reciprocity,
  // has its designation: a route never falls back on a guess.
  for (const i of instruments.filter((i) => !i.appliesWith && i.basis !== 'BILATERAL')) {
    for (const code of COUNTRY_CODES) {
      const needed = i.basis === 'RECIPROCITY' || isPartyTo(code, i.basis);
      const has = designations.some((d) => d.country === code && d.basis === i.basis);
      if (needed && !has) r.fail('designations', `missing ${code}'s designation under ${i.basis}`);
      if (!needed && has) r.fail('designations', `${code} is not a party to ${i.basis}`);
    }
  }

  const treaties = r.array(root.treaties, 'treaties').map((value, i): BilateralTreaty => {
    const path = `treaties[${i}]`;
    const o = r.object(value, path, ['id', 'parties', 'name', 'status', 'source'], ['signed', 'inForce', 'unconfirmed']);
    const parties = r.array(o.parties, `${path}.parties`).map((c, j) => r.oneOf(c, COUNTRY_CODES, `${path}.parties[${j}]`));
    if (parties.length !== 2 || parties[0] === parties[1]) r.fail(`${path}.parties`, 'a bilateral treaty has two different parties');
    const status = r.oneOf(o.status, TREATY_STATUSES, `${path}.status`);
    const treaty: BilateralTreaty = {
      id: r.string(o.id, `${path}.id`),
      parties: [parties[0], parties[1]],
      name: localized(o.name, `${path}.name`),
      ...(o.signed !== undefined && { signed: r.isoDate(o.signed, `${path}.signed`) }),
      ...(o.inForce !== undefined && { inForce: r.isoDate(o.inForce, `${path}.inForce`) }),
      status,
      ...sourced(o, path),
    };
    if (status !== 'in_force' && treaty.inForce) r.fail(`${path}.inForce`, `a treaty with status ${status} has no date in force`);
    if (status !== 'in_force' && !treaty.unconfirmed) r.fail(path, 'say in "unconfirmed" what is not known of it');
    return treaty;
  });
  r.unique(treaties.map((t) => t.id), 'treaties', 'treaty id');

  const unconfirmed = r.array(root.unconfirmed, 'unconfirmed').map((note, i) => r.string(note, `unconfirmed[${i}]`));
  return deepFreeze({ version, sources, instruments, designations, treaties, unconfirmed });
}

/** An office on a request's way. */
export interface RouteOffice {
  readonly side: 'requesting' | 'requested';
  readonly role: 'cancilleria' | 'central_authority';
  readonly country: CountryCode;
  /** The designated office's name, when the route names one (the cancillerías are the country profile's). */
  readonly office?: Readonly<Partial<Record<Language, string>>>;
}

/** The way a request goes once its cancillería authorizes it, derived at SUBMIT from its bases and pair. */
export interface Route {
  readonly from: CountryCode;
  readonly to: CountryCode;
  readonly channel: RouteChannel;
  /** The instrument whose channel governs (a bilateral treaty over Nassau over UNTOC; comity last). */
  readonly basis: LegalBasis;
  readonly treaty?: string;
  readonly channelArticle: LocalizedName;
  /** Who sends the request after authorization. */
  readonly transmitter: RouteOffice;
  /** The offices it passes through (the requested cancillería on the diplomatic channel). */
  readonly via: readonly RouteOffice[];
  /** The requested central authority, who acts on it. */
  readonly receiver: RouteOffice;
  /** Languages the receiving office accepts under the governing instrument. */
  readonly languages: readonly Language[];
  /** The limited-use provision of each instrument invoked (UNTOC 18(19), Nassau art. 25, the treaty's). */
  readonly limitedUse: readonly LocalizedName[];
  readonly refusalGrounds: readonly string[];
  /** Whether an urgent advance copy may precede the formal request, and how. */
  readonly advanceCopy: AdvanceCopyRule | null;
  /** The source ids the route rests on, and what of it is unconfirmed. */
  readonly sources: readonly string[];
  readonly unconfirmed: readonly string[];
}

/** Precedence of the instrument whose channel governs: the special treaty before the general ones. */
const GOVERNING_ORDER: readonly LegalBasis[] = ['BILATERAL', 'CA_TREATY_1993', 'NASSAU_1992', 'UNTOC_ART18', 'RECIPROCITY'];

export class Channels {
  constructor(readonly table: ChannelTable) {}

  instrument(basis: LegalBasis): InstrumentChannel {
    const found = this.table.instruments.find((i) => i.basis === basis);
    if (!found) throw new RangeError(`No channel data for ${basis}`);
    return found.appliesWith ? this.instrument(found.appliesWith) : found;
  }

  /** The treaties of the register between the two countries, in force or not. */
  treatiesBetween(a: CountryCode, b: CountryCode): BilateralTreaty[] {
    return this.table.treaties.filter((t) => t.parties.includes(a) && t.parties.includes(b));
  }

  treatyInForce(id: string, a: CountryCode, b: CountryCode): BilateralTreaty | undefined {
    return this.treatiesBetween(a, b).find((t) => t.id === id && t.status === 'in_force');
  }

  hasTreatyInForce(a: CountryCode, b: CountryCode): boolean {
    return this.treatiesBetween(a, b).some((t) => t.status === 'in_force');
  }

  /** The office `country` designated under `basis` (a protocol's is its convention's). */
  designation(country: CountryCode, basis: LegalBasis): Designation | undefined {
    const own = this.instrument(basis).basis;
    // A bilateral treaty's central authority is, as far as this register knows, the one the country
    // designated under UNTOC; the treaty's own designation is recorded as unconfirmed on the route.
    const lookup = own === 'BILATERAL' ? 'UNTOC_ART18' : own;
    return this.table.designations.find((d) => d.country === country && d.basis === lookup);
  }

  /**
   * The route of a request from `from` under its legal bases, or null while it has no requested
   * country or no basis to travel under. Bases that do not bind the pair are ignored here (they are
   * reported as violations by the legal-basis rules).
   */
  route(fields: Pick<RequestFields, 'requestedCountry' | 'legalBasis' | 'bilateralTreaty'>, from: CountryCode): Route | null {
    const to = fields.requestedCountry;
    if (!to || to === from) return null;
    const invoked = [...new Set(fields.legalBasis ?? [])].filter((b) => LEGAL_BASES.includes(b));
    const treaty = fields.bilateralTreaty ? this.treatyInForce(fields.bilateralTreaty, from, to) : undefined;
    const usable = invoked.filter((b) =>
      b === 'BILATERAL' ? treaty !== undefined : b === 'RECIPROCITY' || (isPartyTo(from, b) && isPartyTo(to, b)),
    );
    const basis = GOVERNING_ORDER.find((g) => usable.some((b) => this.instrument(b).basis === g));
    if (!basis) return null;
    const governing = this.instrument(basis);
    const receiving = this.designation(to, basis)!;
    const sending = this.designation(from, basis);
    const channel: RouteChannel = (receiving.channel === 'diplomatic' ? 'diplomatic' : governing.channel === 'diplomatic' ? 'diplomatic' : 'central_authority');
    const receiver: RouteOffice = { side: 'requested', role: 'central_authority', country: to, office: receiving.office };
    const transmitter: RouteOffice =
      channel === 'diplomatic'
        ? { side: 'requesting', role: 'cancilleria', country: from }
        : { side: 'requesting', role: 'central_authority', country: from, ...(sending && { office: sending.office }) };
    const via: RouteOffice[] = channel === 'diplomatic' ? [{ side: 'requested', role: 'cancilleria', country: to }] : [];
    const instruments = [...new Set(usable.map((b) => this.instrument(b)))];
    const advance = instruments.find((i) => i.advanceCopy)?.advanceCopy ?? null;
    const facts: Sourced[] = [governing, receiving, ...(sending ? [sending] : []), ...(treaty ? [treaty] : [])];
    if (basis === 'BILATERAL' && treaty) {
      facts.push({ source: treaty.source, unconfirmed: `The central authorities designated under ${treaty.id} were not read; the offices are those designated under UNTOC.` });
    }
    return {
      from,
      to,
      channel,
      basis,
      ...(treaty && basis === 'BILATERAL' && { treaty: treaty.id }),
      channelArticle: governing.channelArticle!,
      transmitter,
      via,
      receiver,
      languages: receiving.languages,
      limitedUse: GOVERNING_ORDER.flatMap((g) => instruments.filter((i) => i.basis === g).map((i) => i.limitedUse!)),
      refusalGrounds: instruments.flatMap((i) => i.refusalGrounds ?? []),
      advanceCopy: advance,
      sources: [...new Set(facts.map((f) => f.source))],
      unconfirmed: [...new Set(facts.flatMap((f) => (f.unconfirmed ? [f.unconfirmed] : [])))],
    };
  }
}

export const CHANNEL_TABLE: ChannelTable = parseChannels(readJsonFile(new URL('./channels.json', import.meta.url)));
/** The channels of this release, read once from channels.json. */
export const CHANNELS_DATA = new Channels(CHANNEL_TABLE);

export const deriveRoute = (fields: Parameters<Channels['route']>[0], from: CountryCode): Route | null => CHANNELS_DATA.route(fields, from);

/** Every refusal ground of every instrument, as channels.json lists them. */
export const ALL_REFUSAL_GROUNDS: readonly string[] = [...new Set(CHANNEL_TABLE.instruments.flatMap((i) => i.refusalGrounds ?? []))];

/**
 * The grounds a refusal may cite: those of the instruments of the request's route; a request that
 * has no route (authorized before routes existed) may cite any instrument's.
 */
export const refusalGroundsOf = (route: Pick<Route, 'refusalGrounds'> | undefined | null): readonly string[] =>
  route && route.refusalGrounds.length > 0 ? route.refusalGrounds : ALL_REFUSAL_GROUNDS;
