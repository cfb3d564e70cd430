import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderDocument } from '@enlace/pdf';
import { SignPdf } from '@signpdf/signpdf';
import { buildViewModel } from '../../../templates/testing/request.factory.js';
import { addSealPlaceholder } from './pdf-placeholder.js';
import { CadesSigner, checkPdfSeal, sealPdf } from './pdf-seal.js';
import { createDemoAuthority, issueOfficeCertificate, signerFromPem, signerFromPkcs12, toPkcs12 } from './seal-authority.js';

const now = new Date('2026-03-02T15:30:00Z');
const authority = createDemoAuthority(now);
const trusted = [new X509Certificate(authority.certificate)];
const minex = issueOfficeCertificate(authority, { id: 'GT-MINEX', country: 'GT', institution: 'Ministerio de Relaciones Exteriores de la República de Guatemala' }, now);
const info = { name: 'Ministerio de Relaciones Exteriores de la República de Guatemala', reason: 'Nota de transmisión', location: 'Ciudad de Guatemala', signingTime: now };

let pdf: Buffer;
let sealed: Buffer;
beforeAll(async () => {
  pdf = (await renderDocument(buildViewModel('transmission_note'))).bytes;
  sealed = await sealPdf(pdf, signerFromPem(minex, [authority.certificate]), info);
});

function pdfsig(bytes: Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), 'enlace-pdfsig-')), 'sealed.pdf');
  writeFileSync(file, bytes);
  const run = spawnSync('pdfsig', [file], { encoding: 'utf8' });
  return `${run.stdout}${run.stderr}`;
}

describe('a PAdES seal', () => {
  it('is valid, chains to the authority and names the office that sealed', () => {
    const check = checkPdfSeal(sealed, trusted);
    expect(check.valid).toBe(true);
    if (!check.valid) return;
    expect(check.signer.subject).toContain('OU=GT-MINEX');
    expect(check.signer.subject).toContain('O=Ministerio de Relaciones Exteriores de la República de Guatemala');
    expect(check.chain.map((c) => c.subject)).toEqual([new X509Certificate(authority.certificate).subject]);
    expect(check.signedAt?.toISOString()).toBe(now.toISOString());
    // The sealed file still begins with the rendered one: the seal is an incremental update.
    expect(sealed.subarray(0, pdf.length).equals(pdf)).toBe(true);
  });

  it('names the office, its city and the reason with their accents, as a reader’s signature panel shows them', async () => {
    const mexico = { ...info, name: 'Fiscalía General de la República', location: 'Ciudad de México', reason: 'Acuse de recibo GT-MX-2026-000003', contactInfo: 'Unidad de Asuntos Internacionales' };
    const bytes = await sealPdf(pdf, signerFromPem(minex, [authority.certificate]), mexico);
    // A PDF text string (ISO 32000-1 §7.9.2.2): ASCII as a literal, anything else UTF-16BE after FE FF.
    const text = (key: string): string | undefined => {
      const value = new RegExp(`/${key}\\s*(?:<([0-9a-fA-F]+)>|\\(([ -~]*)\\))`).exec(bytes.toString('latin1'));
      if (!value) return undefined;
      if (value[2] !== undefined) return value[2];
      const utf16 = Buffer.from(value[1]!, 'hex');
      expect(utf16.subarray(0, 2)).toEqual(Buffer.from([0xfe, 0xff]));
      return Buffer.from(utf16.subarray(2)).swap16().toString('utf16le');
    };
    expect([text('Name'), text('Location'), text('Reason'), text('ContactInfo')]).toEqual([mexico.name, mexico.location, mexico.reason, mexico.contactInfo]);
    expect(checkPdfSeal(bytes, trusted)).toMatchObject({ valid: true });
    expect(pdfsig(bytes)).toContain('Signature Validation: Signature is Valid.');
  });

  it('gives the same bytes when the same document is sealed again (a job that runs twice stores one file)', async () => {
    expect((await sealPdf(pdf, signerFromPem(minex, [authority.certificate]), info)).equals(sealed)).toBe(true);
  });

  it('is valid for poppler’s pdfsig too, as a CAdES (PAdES) signature', () => {
    const out = pdfsig(sealed);
    expect(out).toContain('Signature Validation: Signature is Valid.');
    expect(out).toContain('ETSI.CAdES.detached');
    expect(out).toContain('Ministerio de Relaciones Exteriores de la República de Guatemala');
  });

  it('is invalid when any one byte is changed, wherever it is', () => {
    const positions = [0, 10, Math.floor(pdf.length / 2), pdf.length - 1, pdf.length + 50, sealed.indexOf('/Contents <') + 40, sealed.indexOf('/ByteRange') + 14, sealed.length - 2];
    for (const at of positions) {
      const forged = Buffer.from(sealed);
      forged[at] = forged[at] === 0x41 ? 0x42 : 0x41;
      const check = checkPdfSeal(forged, trusted);
      expect({ at, valid: check.valid }).toEqual({ at, valid: false });
    }
    expect(pdfsig((() => {
      const forged = Buffer.from(sealed);
      forged[Math.floor(pdf.length / 2)] ^= 0x01;
      return forged;
    })())).not.toContain('Signature is Valid.');
  });

  it('stays valid when the signature’s last byte is zero (one document in 256), and refuses a changed padding byte', async () => {
    // RSA signatures are deterministic: a different signing time is a different signature. Seal
    // until one ends in 0x00, which a reader that trims the placeholder's zero padding would cut.
    const endsInZero = (bytes: Buffer): boolean => {
      const hex = /\/Contents\s*<([0-9a-fA-F]+)>/.exec(bytes.toString('latin1'))![1]!;
      const length = parseInt(hex.slice(4, 8), 16); // 30 82 LL LL: a SEQUENCE of 256-65,535 bytes
      return hex.slice(2 * (4 + length) - 2, 2 * (4 + length)) === '00';
    };
    let found: Buffer | undefined;
    for (let second = 1; !found && second <= 5_000; second++) {
      const candidate = await sealPdf(pdf, signerFromPem(minex, [authority.certificate]), { ...info, signingTime: new Date(now.getTime() + second * 1000) });
      if (endsInZero(candidate)) found = candidate;
    }
    expect(found).toBeDefined();
    expect(checkPdfSeal(found!, trusted)).toMatchObject({ valid: true });
    expect(pdfsig(found!)).toContain('Signature Validation: Signature is Valid.');
    const forged = Buffer.from(sealed);
    const contentsEnd = sealed.indexOf('>', sealed.indexOf('/Contents <'));
    forged[contentsEnd - 4] = 0x31; // a '0' of the padding made '1'
    expect(checkPdfSeal(forged, trusted)).toMatchObject({ valid: false, problem: 'malformed' });
  }, 60_000);

  it('judges the certificate a seal carries by its every byte, however often the same office’s was checked before', () => {
    // The genuine certificate is read (and kept parsed) first; then the same seal with one byte of that
    // certificate's own signature changed: the certificate differs, so the seal no longer names it.
    expect(checkPdfSeal(sealed, trusted)).toMatchObject({ valid: true });
    const certificateHex = Buffer.from(new X509Certificate(minex.certificate).raw).toString('hex');
    const at = sealed.toString('latin1').toLowerCase().indexOf(certificateHex);
    expect(at).toBeGreaterThan(0);
    const forged = Buffer.from(sealed);
    const last = at + certificateHex.length - 1;
    forged[last] = forged[last] === 0x30 ? 0x31 : 0x30;
    expect(checkPdfSeal(forged, trusted)).toMatchObject({ valid: false, problem: 'signing_certificate_mismatch' });
    expect(checkPdfSeal(sealed, trusted)).toMatchObject({ valid: true });
  });

  it('refuses bytes appended after the seal, an unsealed PDF, and a seal by another authority', () => {
    expect(checkPdfSeal(Buffer.concat([sealed, Buffer.from('\n% more\n')]), trusted)).toMatchObject({ valid: false, problem: 'byte_range_incomplete' });
    expect(checkPdfSeal(pdf, trusted)).toMatchObject({ valid: false, problem: 'not_sealed' });
    const other = createDemoAuthority(now, 'Someone else');
    const impostor = issueOfficeCertificate(other, { id: 'GT-MINEX', country: 'GT', institution: 'Ministerio de Relaciones Exteriores de la República de Guatemala' }, now);
    return sealPdf(pdf, signerFromPem(impostor, [other.certificate]), info).then((forged) => {
      expect(checkPdfSeal(forged, trusted)).toMatchObject({ valid: false, problem: 'untrusted_chain' });
    });
  });

  it('does not read a seal longer than any Enlace makes, however genuine (an upload cannot make the check parse megabytes)', async () => {
    // The office's own seal, in a placeholder of 64 KB instead of Enlace's 8 KB.
    const placeholder = addSealPlaceholder({ pdfBuffer: pdf, ...info, contactInfo: '', signatureLength: 65_536, appName: 'Enlace' });
    const long = await new SignPdf().sign(placeholder, new CadesSigner(signerFromPem(minex, [authority.certificate])), now);
    expect(long.length).toBeGreaterThan(sealed.length + 100_000);
    expect(checkPdfSeal(long, trusted)).toEqual({ valid: false, problem: 'malformed' });
    expect(checkPdfSeal(sealed, trusted)).toMatchObject({ valid: true });
  });

  it('seals with an office’s PKCS#12 file (the production path)', async () => {
    const p12 = toPkcs12(minex, [authority.certificate], 'correct horse');
    expect(() => signerFromPkcs12(p12, 'wrong')).toThrow(/cannot open the PKCS#12/);
    const fromFile = await sealPdf(pdf, signerFromPkcs12(p12, 'correct horse'), info);
    expect(checkPdfSeal(fromFile, trusted)).toMatchObject({ valid: true });
  });
});
