// The letterhead a document prints, taken from the reviewed office data: only what a note shows
// (the sources and review notes stay in the data file).
import type { Office } from '../workflows/rules/offices.js';
import type { IssuingOffice } from './view-model.js';

export function issuingOffice(office: Office): IssuingOffice {
  return {
    country: office.country,
    institution: { ...office.institution.name },
    subject: { ...office.subject.name },
    address: [...office.address.lines],
    city: { ...office.city.name },
    timeZone: office.timeZone.id,
    ...(office.emblem && { emblem: office.emblem.dataUrl }),
  };
}

/** The printed note number: the office's code, the year and the number in its yearly sequence (`MINEX-GT/2026/00017`). */
export function formatNoteNumber(noteCode: string, year: number, number: number): string {
  return `${noteCode}/${year}/${String(number).padStart(5, '0')}`;
}
