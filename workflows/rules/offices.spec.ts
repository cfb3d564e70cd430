import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { COUNTRY_CODES } from '../request/request.types.js';
import { DataFileError } from './data-file.reader.js';
import { OFFICES, localYear, officeFor, parseOffices } from './offices.js';

const rawFile = (): Record<string, any> => JSON.parse(readFileSync(new URL('./offices.json', import.meta.url), 'utf8')) as Record<string, any>;

describe('offices (letterheads)', () => {
  it('gives every member country one office per function, each in a real time zone', () => {
    for (const country of COUNTRY_CODES) {
      for (const role of ['fiscal', 'cancilleria', 'central_authority', 'supervisor'] as const) {
        const office = officeFor(country, role);
        expect(office?.country).toBe(country);
        expect(() => new Intl.DateTimeFormat('en-US', { timeZone: office!.timeZone.id })).not.toThrow();
      }
    }
    expect(officeFor('GT', 'admin')).toBeUndefined();
    expect(officeFor('GT', 'fiscal')?.id).toBe('GT-MP');
    expect(officeFor('GT', 'cancilleria')?.timeZone.id).toBe('America/Guatemala');
    expect(officeFor('US', 'central_authority')?.institution.name.en).toContain('Office of International Affairs');
  });

  it('says of every address it could not confirm that it is unconfirmed, and carries no contact of a person', () => {
    for (const office of OFFICES) {
      if (office.address.lines.length === 0 || office.address.source === 'editorial') expect(office.address.unconfirmed).toBeTruthy();
      expect(Object.keys(office.subject.name).sort()).toEqual(['en', 'es', 'fr']);
      expect(JSON.stringify(office)).not.toMatch(/@|\+\d{3}|\(\d{3}\)/);
    }
  });

  it('counts the year where the office is: 23:30 on 31 December in Guatemala is still that year', () => {
    expect(localYear(new Date('2027-01-01T05:30:00Z'), 'America/Guatemala')).toBe(2026);
    expect(localYear(new Date('2027-01-01T06:00:00Z'), 'America/Guatemala')).toBe(2027);
  });

  it('refuses a malformed file, naming the path', () => {
    const badZone = rawFile();
    badZone.offices[0].timeZone.id = 'America/Atlantis';
    expect(() => parseOffices(badZone)).toThrow(DataFileError);
    expect(() => parseOffices(badZone)).toThrow(/offices\[0\]\.timeZone\.id/);
    const silentAddress = rawFile();
    silentAddress.offices[0].address = { lines: [], source: 'editorial' };
    expect(() => parseOffices(silentAddress)).toThrow(/must say why/);
    const twoMinistries = rawFile();
    twoMinistries.offices.push({ ...twoMinistries.offices[0], id: 'BZ-OTHER', noteCode: 'BZ-OTHER' });
    expect(() => parseOffices(twoMinistries)).toThrow(/exactly one office/);
    const typo = rawFile();
    typo.offices[0].adress = typo.offices[0].address;
    expect(() => parseOffices(typo)).toThrow(/unknown key "adress"/);
  });

  it('reads an emblem beside the data file as a data URL, and nothing outside its folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'enlace-emblem-'));
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    writeFileSync(join(dir, 'gt.png'), png);
    const base = pathToFileURL(`${dir}/`);
    const withEmblem = rawFile();
    withEmblem.offices[0].emblem = { file: 'gt.png', source: 'editorial' };
    expect(parseOffices(withEmblem, 'offices.json', base).offices[0]!.emblem?.dataUrl).toBe(`data:image/png;base64,${png.toString('base64')}`);
    withEmblem.offices[0].emblem = { file: '../etc/passwd.png', source: 'editorial' };
    expect(() => parseOffices(withEmblem, 'offices.json', base)).toThrow(/beside the data file/);
  });
});
