import { readFileSync } from 'node:fs';
import { COUNTRY_CODES, type CountryCode, type LegalBasis } from '../request/request.types.js';
import { CHANNEL_TABLE, Channels, deriveRoute, parseChannels, type Route } from './channels.js';
import { isPartyTo } from './country-profiles.js';
import { DataFileError } from './data-file.reader.js';
import { applicableLegalBases } from './legal-basis.rules.js';

const RAW = JSON.parse(readFileSync(new URL('./channels.json', import.meta.url), 'utf8')) as Record<string, unknown[]>;
const clone = (): Record<string, Record<string, unknown>[]> => structuredClone(RAW) as never;

const PAIRS = COUNTRY_CODES.flatMap((from) => COUNTRY_CODES.filter((to) => to !== from).map((to) => [from, to] as const));

// Written out independently of channels.json: which instrument's channel governs when several are
// invoked (the special treaty first), each protocol standing with its convention.
const FAMILY: Record<LegalBasis, LegalBasis> = {
  BILATERAL: 'BILATERAL',
  CA_TREATY_1993: 'CA_TREATY_1993',
  NASSAU_1992: 'NASSAU_1992',
  NASSAU_OP_1993: 'NASSAU_1992',
  UNTOC_ART18: 'UNTOC_ART18',
  SOM_PROTOCOL: 'UNTOC_ART18',
  RECIPROCITY: 'RECIPROCITY',
};
const PRECEDENCE: LegalBasis[] = ['BILATERAL', 'CA_TREATY_1993', 'NASSAU_1992', 'UNTOC_ART18', 'RECIPROCITY'];

function subsets<T>(items: T[]): T[][] {
  return items.reduce<T[][]>((all, item) => [...all, ...all.map((s) => [...s, item])], [[]]).filter((s) => s.length > 0);
}

describe('the route of a request', () => {
  it('covers every ordered pair of the eleven members', () => expect(PAIRS).toHaveLength(110));

  it.each(PAIRS)('%s -> %s: every combination of the applicable instruments travels the channel of the governing one', (from, to) => {
    const applicable = applicableLegalBases(from, to);
    const treaty = applicable.find((a) => a.basis === 'BILATERAL')?.treaties?.[0]?.id;
    for (const bases of subsets(applicable.map((a) => a.basis))) {
      const route = deriveRoute({ requestedCountry: to, legalBasis: bases, ...(treaty && { bilateralTreaty: treaty }) }, from)!;
      const families = new Set(bases.map((b) => FAMILY[b]));
      const governing = PRECEDENCE.find((p) => families.has(p))!;
      const diplomatic = governing === 'RECIPROCITY';
      expect(route).toMatchObject({ from, to, basis: governing, channel: diplomatic ? 'diplomatic' : 'central_authority' });
      // Letters rogatory go cancillería to cancillería; a treaty request central authority to central authority.
      expect(route.transmitter).toMatchObject({ side: 'requesting', role: diplomatic ? 'cancilleria' : 'central_authority', country: from });
      expect(route.via).toEqual(diplomatic ? [{ side: 'requested', role: 'cancilleria', country: to }] : []);
      expect(route.receiver).toMatchObject({ side: 'requested', role: 'central_authority', country: to });
      expect(route.treaty).toBe(governing === 'BILATERAL' ? treaty : undefined);
      // One limited-use provision per instrument invoked, the governing one first.
      expect(route.limitedUse).toHaveLength(families.size);
      expect(route.advanceCopy !== null).toBe(families.has('UNTOC_ART18'));
      expect(route.sources.length).toBeGreaterThan(0);
    }
  });

  it('has no route without a requested country or a basis binding the pair', () => {
    expect(deriveRoute({ legalBasis: ['UNTOC_ART18'] }, 'GT')).toBeNull();
    expect(deriveRoute({ requestedCountry: 'MX', legalBasis: [] }, 'GT')).toBeNull();
    expect(deriveRoute({ requestedCountry: 'BZ', legalBasis: ['NASSAU_1992'] }, 'GT')).toBeNull();
    expect(deriveRoute({ requestedCountry: 'US', legalBasis: ['BILATERAL'], bilateralTreaty: 'GT-MX' }, 'GT')).toBeNull();
  });

  it('GT -> MX under Nassau goes from the Ministerio Público to the FGR citing Nassau art. 25; GT -> US with no treaty through the cancillerías', () => {
    const nassau = deriveRoute({ requestedCountry: 'MX', legalBasis: ['NASSAU_1992'] }, 'GT') as Route;
    expect(nassau.transmitter.office?.es).toBe('Ministerio Público');
    expect(nassau.limitedUse.map((l) => l.en)).toEqual(['Nassau Convention art. 25']);
    const comity = deriveRoute({ requestedCountry: 'US', legalBasis: ['RECIPROCITY'] }, 'GT') as Route;
    expect(comity.channel).toBe('diplomatic');
    const untoc = deriveRoute({ requestedCountry: 'US', legalBasis: ['UNTOC_ART18', 'SOM_PROTOCOL'] }, 'GT') as Route;
    expect(untoc.limitedUse.map((l) => l.en)).toEqual(['UNTOC art. 18(19)']);
    expect(untoc.advanceCopy?.channels).toEqual(['interpol', 'oral']);
  });
});

describe('every sourced fact of channels.json is read from the file', () => {
  const designations = CHANNEL_TABLE.designations.map((d, i) => [d.country, d.basis, i] as const);

  it.each(designations)('%s under %s: its office and channel decide the route', (country, basis, index) => {
    const from = COUNTRY_CODES.find((c) => c !== country && (basis === 'RECIPROCITY' || isPartyTo(c, basis)))! as CountryCode;
    const fields = { requestedCountry: country, legalBasis: [basis] };
    const before = new Channels(CHANNEL_TABLE).route(fields, from)!;
    expect(before.sources).toContain(CHANNEL_TABLE.designations[index].source);
    const data = clone();
    Object.assign(data.designations[index], { office: { en: 'Edited office' }, channel: 'diplomatic', languages: ['fr'] });
    const after = new Channels(parseChannels(data)).route(fields, from)!;
    expect(after.receiver.office).toEqual({ en: 'Edited office' });
    expect(after.channel).toBe('diplomatic');
    expect(after.languages).toEqual(['fr']);
  });

  const treaties = CHANNEL_TABLE.treaties.filter((t) => t.status === 'in_force').map((t, i) => [t.id, i] as const);

  it.each(treaties)('treaty %s: in force only as long as the register says so', (id) => {
    const treaty = CHANNEL_TABLE.treaties.find((t) => t.id === id)!;
    const [from, to] = treaty.parties;
    const fields = { requestedCountry: to, legalBasis: ['BILATERAL'] as LegalBasis[], bilateralTreaty: id };
    expect(new Channels(CHANNEL_TABLE).route(fields, from)).toMatchObject({ basis: 'BILATERAL', treaty: id });
    const data = clone();
    const entry = data.treaties.find((t) => t.id === id)!;
    Object.assign(entry, { status: 'unconfirmed', unconfirmed: 'edited' });
    delete entry.inForce;
    expect(new Channels(parseChannels(data)).route(fields, from)).toBeNull();
  });

  it.each(CHANNEL_TABLE.instruments.filter((i) => i.limitedUse).map((i) => [i.basis] as const))(
    '%s: its limited-use provision and channel come from the file',
    (basis) => {
      const [from, to] = basis === 'BILATERAL' ? (['GT', 'MX'] as const) : (PAIRS.find(([a, b]) => basis === 'RECIPROCITY' || (isPartyTo(a, basis) && isPartyTo(b, basis)))!);
      const fields = { requestedCountry: to, legalBasis: [basis], ...(basis === 'BILATERAL' && { bilateralTreaty: 'GT-MX' }) };
      const data = clone();
      const entry = data.instruments.find((i) => i.basis === basis)!;
      Object.assign(entry, { limitedUse: { es: 'art. X', en: 'art. X', fr: 'art. X' }, channel: 'diplomatic' });
      const route = new Channels(parseChannels(data)).route(fields, from)!;
      expect(route.limitedUse).toEqual([{ es: 'art. X', en: 'art. X', fr: 'art. X' }]);
      expect(route.channel).toBe('diplomatic');
    },
  );

  it('the advance copy and its confirmation delay come from the file', () => {
    const data = clone();
    Object.assign(data.instruments.find((i) => i.basis === 'UNTOC_ART18')!.advanceCopy as object, { confirmWithinDays: 3, channels: ['email'] });
    const route = new Channels(parseChannels(data)).route({ requestedCountry: 'MX', legalBasis: ['UNTOC_ART18'] }, 'GT')!;
    expect(route.advanceCopy).toMatchObject({ confirmWithinDays: 3, channels: ['email'] });
  });
});

describe('parseChannels refuses a malformed file, naming the place', () => {
  it('a party to an instrument without its designation', () => {
    const data = clone();
    data.designations = data.designations.filter((d) => !(d.country === 'MX' && d.basis === 'NASSAU_1992'));
    expect(() => parseChannels(data)).toThrow(new DataFileError('channels.json', 'designations', "missing MX's designation under NASSAU_1992"));
  });

  it('a designation for a country that is no party', () => {
    const data = clone();
    data.designations.push({ country: 'BZ', basis: 'NASSAU_1992', office: { en: 'x' }, languages: ['en'], channel: 'central_authority', source: 'editorial' });
    expect(() => parseChannels(data)).toThrow(/BZ is not a party to NASSAU_1992/);
  });

  it('a treaty not in force that does not say what is unknown of it, or an unknown source', () => {
    const data = clone();
    const entry = data.treaties.find((t) => t.status === 'unconfirmed')!;
    delete entry.unconfirmed;
    expect(() => parseChannels(data)).toThrow(/say in "unconfirmed"/);
    const other = clone();
    other.treaties[0].source = 'nowhere';
    expect(() => parseChannels(other)).toThrow(/treaties\[0\]\.source: expected one of/);
  });
});
