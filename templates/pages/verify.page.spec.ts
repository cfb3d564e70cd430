import { verifyPage } from './index.js';
import type { PageContext } from './page-context.js';

const anonymous = (lang: PageContext['lang']): PageContext => ({ lang, path: '/verify', csrf: 'token', user: null, unread: 0, timeZone: 'UTC' });

describe('the public verification page', () => {
  // 31 December 2026 at 19:00 in Guatemala is 1 January 2027 at 01:00 UTC: the note prints 2026.
  const result = {
    kind: 'transmission_note' as const,
    reference: 'GT-MX-2026-000042',
    revision: 1,
    issuingCountry: 'GT' as const,
    issuingOffice: 'Ministerio Público de la República de Guatemala',
    issuedAt: '2027-01-01T01:00:00.000Z',
  };
  const hash = 'a'.repeat(64);

  it('gives the day of issue on the issuing office’s calendar, as the document prints it, whoever reads it', () => {
    const issuedOn = (html: string) => /data-issued-at="[^"]+">([^<]+)</.exec(html)?.[1];
    expect(issuedOn(verifyPage(anonymous('es'), { hash, result, typedHash: '', errors: [] }))).toBe('31 dic 2026');
    expect(issuedOn(verifyPage(anonymous('en'), { hash, result, typedHash: '', errors: [] }))).toBe('31 Dec 2026');
    expect(issuedOn(verifyPage({ ...anonymous('fr'), timeZone: 'Asia/Tokyo' }, { hash, result, typedHash: '', errors: [] }))).toBe('31 déc. 2026');
  });
});
