import { SMUGGLED_MINOR, SUSPECT, buildRequestFields } from '../../templates/testing/request.factory.js';
import { disclosureFor, discloseFields, isMinor, isProtectedPerson, textMasker } from './disclosure.policy.js';

const CREATED = new Date('2026-03-01T12:00:00Z');
const TRANSMITTED = new Date('2026-04-01T12:00:00Z');

describe('who sees what of the persons', () => {
  const stage = (transmittedAt: Date | null) => ({ requestingCountry: 'GT' as const, transmittedAt });

  it('before transmission: the requesting country in full, everyone else protected and the informal draft only', () => {
    expect(disclosureFor({ role: 'fiscal', country: 'GT' }, stage(null)).persons).toBe('full');
    expect(disclosureFor({ role: 'supervisor', country: 'GT' }, stage(null)).documentKinds).toContain('standardized_form');
    for (const viewer of [{ role: 'fiscal', country: 'MX' }, { role: 'central_authority', country: 'MX' }, { role: 'fiscal', country: 'HN' }, { role: 'admin', country: null }] as const) {
      expect(disclosureFor(viewer, stage(null))).toEqual({ persons: 'protected', documentKinds: ['informal_draft'] });
    }
  });

  it('from transmission on: the requested side in full, every document', () => {
    const d = disclosureFor({ role: 'central_authority', country: 'MX' }, stage(TRANSMITTED));
    expect(d.persons).toBe('full');
    expect(d.documentKinds).toEqual(expect.arrayContaining(['standardized_form', 'authorization', 'transmission_note']));
  });
});

describe('protected persons', () => {
  it('victims, smuggled migrants, the vulnerable and minors by date of birth; not an adult suspect', () => {
    expect(isProtectedPerson(SMUGGLED_MINOR, CREATED)).toBe(true);
    expect(isProtectedPerson({ role: 'witness', fullName: 'Ana Toj', dateOfBirth: '2010-05-01' }, CREATED)).toBe(true);
    expect(isProtectedPerson({ role: 'witness', fullName: 'Ana Toj', vulnerabilities: ['older_adult'] }, CREATED)).toBe(true);
    expect(isProtectedPerson({ role: 'victim', fullName: 'Ana Toj' }, CREATED)).toBe(true);
    expect(isProtectedPerson(SUSPECT, CREATED)).toBe(false);
  });

  it('a minor until the day before the 18th birthday; a partial date protects in doubt', () => {
    expect(isMinor('2008-03-02', CREATED)).toBe(true);
    expect(isMinor('2008-03-01', CREATED)).toBe(false);
    expect(isMinor('2008', CREATED)).toBe(true);
    expect(isMinor('not a date', CREATED)).toBe(false);
  });
});

describe('masking names in free text', () => {
  const mask = textMasker([SUSPECT, SMUGGLED_MINOR], CREATED);

  it.each([
    ['al adolescente Josué Andrés Muñoz Pérez, de 16 años', 'al adolescente J. A. M. P., de 16 años'],
    ['el menor MUÑOZ PÉREZ declaró', 'el menor J. A. M. P. declaró'],
    ['josue munoz fue hallado', 'J. A. M. P. fue hallado'],
    ['Pérez, Josué (16)', 'J. A. M. P. (16)'],
    ['Andrés   Pérez', 'J. A. M. P.'],
    ['Jo\u200bsué Muñoz', 'J. A. M. P.'],
    ['Ｊｏｓｕé Muñoz', 'J. A. M. P.'],
    ['partida 0801-2009-11234 del registro', 'partida […] del registro'],
  ])('%s', (input, expected) => {
    expect(mask(input)).toBe(expected);
  });

  it('leaves a single part, words that merely contain a part, and unprotected persons alone', () => {
    expect(mask('Josué viajaba solo; los Pereztorres no')).toBe('Josué viajaba solo; los Pereztorres no');
    expect(mask('Juan Carlos Peña Ibáñez dirigía la red')).toBe('Juan Carlos Peña Ibáñez dirigía la red');
  });
});

describe('masking a one-word name', () => {
  const migrant = { role: 'smuggled_migrant', fullName: 'Yeni' } as const;

  it.each([
    ['La migrante Yeni fue trasladada al albergue', 'La migrante Y. fue trasladada al albergue'],
    ['YENI declaró; yení firmó', 'Y. declaró; Y. firmó'],
    ['(Yeni)', '(Y.)'],
  ])('%s', (input, expected) => {
    expect(textMasker([migrant], CREATED)(input)).toBe(expected);
  });

  it('masks it as a whole word only, and not a name of fewer than three letters', () => {
    expect(textMasker([migrant], CREATED)('Yenifer y Ayeni no son ella')).toBe('Yenifer y Ayeni no son ella');
    expect(textMasker([{ role: 'victim', fullName: 'Li' }], CREATED)('Li declaró')).toBe('Li declaró');
  });

  it('masks it in the fields the counterpart reads', () => {
    const fields = buildRequestFields({ summaryOfFacts: 'La migrante Yeni fue trasladada a Tapachula.', persons: [SUSPECT, migrant] });
    expect(discloseFields(fields, 'protected', CREATED).summaryOfFacts).toBe('La migrante Y. fue trasladada a Tapachula.');
  });
});

describe('discloseFields', () => {
  const fields = buildRequestFields();

  it('reduces protected persons to initials and masks every string, nested ones included', () => {
    const shown = discloseFields(fields, 'protected', CREATED);
    const json = JSON.stringify(shown);
    for (const leak of ['Josué', 'Muñoz', SMUGGLED_MINOR.dateOfBirth!, SMUGGLED_MINOR.location!, '0801-2009-11234']) expect(json).not.toContain(leak);
    expect(shown.persons![1]).toEqual({ role: 'smuggled_migrant', fullName: 'J. A. M. P.', nationality: 'hondureña', vulnerabilities: ['unaccompanied_minor'], protected: true });
    expect(shown.persons![0]).toEqual(SUSPECT);
    expect(shown.summaryOfFacts).toContain('al adolescente J. A. M. P., de 16 años');
  });

  it('changes nothing in full', () => {
    expect(discloseFields(fields, 'full', CREATED)).toBe(fields);
  });
});

describe('masking places in free text', () => {
  it('masks the whole location and its most specific part, not the town alone', () => {
    const mask = textMasker([SMUGGLED_MINOR], CREATED);
    expect(mask('sigue en el albergue del DIF desde noviembre')).toBe('sigue en el […] desde noviembre');
    expect(mask('hallado en Tapachula')).toBe('hallado en Tapachula');
  });
});
