// What the check of a seal keeps parsed between checks: the public check (`POST /api/documents/verify`, anyone, files up
// to 25 MB) reads every certificate an uploaded file carries before judging any, so what it keeps must stay bounded
// whatever is uploaded (cms.ts says what it holds at most), and the offices' own certificates must stay kept however much else is read.
import { X509Certificate } from 'node:crypto';
import { cadesDetached, parsedCertificatesKept, verifyCadesDetached } from './cms.js';
import { createDemoAuthority, issueOfficeCertificate, signerFromPem } from './seal-authority.js';

const now = new Date('2026-03-02T15:30:00Z');
const authority = createDemoAuthority(now);
const minex = issueOfficeCertificate(authority, { id: 'GT-MINEX', country: 'GT', institution: 'Ministerio de Relaciones Exteriores de la República de Guatemala' }, now);
const office = signerFromPem(minex, [authority.certificate]);
const content = Buffer.from('the signed byte ranges of a PDF');
const der = (pem: string) => Buffer.from(new X509Certificate(pem).raw);
const kept = (certificate: Buffer) => parsedCertificatesKept().some((k) => k.equals(certificate));

describe('the certificates a seal check keeps parsed', () => {
  it('keeps an office’s certificate and one up to 8 KB, not one larger, which it still judges', async () => {
    // Certificates of 7 and 10 KB: names no office has, as an uploaded file may carry.
    const [large, larger] = [300, 420].map((n) =>
      issueOfficeCertificate(authority, { id: `GT-${n}`, country: 'GT', institution: 'Ministerio '.repeat(n) }, now),
    );
    expect(der(large!.certificate).length).toBeGreaterThan(7_000);
    expect(der(large!.certificate).length).toBeLessThanOrEqual(8 * 1024);
    expect(der(larger!.certificate).length).toBeGreaterThan(8 * 1024);
    for (const pair of [large!, larger!, minex]) {
      expect(verifyCadesDetached(await cadesDetached(content, signerFromPem(pair, [authority.certificate])), content)).toMatchObject({ ok: true });
    }
    expect(kept(der(larger!.certificate))).toBe(false);
    expect(kept(der(large!.certificate))).toBe(true);
    expect(kept(office.certificate)).toBe(true);
    expect(kept(der(authority.certificate))).toBe(true);
  });

  it('keeps 128 at most, and lets go of those not read again before the office’s, read at every check', async () => {
    const sealed = await cadesDetached(content, office);
    const first = verifyCadesDetached(sealed, content);
    expect(first).toMatchObject({ ok: true });
    // 300 seals, each carrying the office's certificate and one certificate nobody else carries (the authority's with
    // its last two bytes changed: parsed as a certificate, never trusted): the office's is read at every check.
    const authorityDer = der(authority.certificate);
    const others = Array.from({ length: 300 }, (_, i) => {
      const other = Buffer.from(authorityDer);
      other.writeUInt16BE(i, other.length - 2);
      return other;
    });
    for (const other of others) {
      const carrying = await cadesDetached(content, { ...office, chain: [other] });
      expect(verifyCadesDetached(carrying, content)).toMatchObject({ ok: true });
    }
    // The office's certificate was parsed once: the check after 300 others finds the very one the first parsed.
    const last = verifyCadesDetached(sealed, content);
    expect(last.ok && first.ok && last.signer === first.signer).toBe(true);
    const all = parsedCertificatesKept();
    expect(all.length).toBe(128);
    expect(kept(office.certificate)).toBe(true);
    // The oldest of the others are let go, the latest kept.
    expect(kept(others[0]!)).toBe(false);
    expect(kept(others[299]!)).toBe(true);
  });
});
