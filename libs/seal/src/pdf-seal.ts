// A PAdES seal on a PDF: a signature dictionary added as an incremental update by
// pdf-placeholder.ts (@signpdf/placeholder-plain's code with its text strings written right; pdfkit
// writes classic cross-reference tables, which it reads), filled by @signpdf/signpdf with the CAdES
// SignedData of cms.ts; and the strict check of one, which refuses anything a reader could be fooled
// by: a byte range that does not cover the whole file, a second signature, bytes appended after the
// seal, a digest or signature that does not match, a certificate that does not chain to a trusted
// authority.
import { X509Certificate } from 'node:crypto';
import { SignPdf } from '@signpdf/signpdf';
import { Signer } from '@signpdf/utils';
import { cadesDetached, verifyCadesDetached, type CmsSigner } from './cms.js';
import { addSealPlaceholder } from './pdf-placeholder.js';

/** Room for the SignedData (two 2048-bit certificates and the signature take about 2.5 KB), and the most a seal's check reads. */
const SIGNATURE_BYTES = 8192;

export interface SealInfo {
  /** The office's name, as the signature dictionary's /Name. */
  name: string;
  reason: string;
  location: string;
  contactInfo?: string;
  signingTime: Date;
}

/** @signpdf's signer with the CAdES SignedData of cms.ts. */
export class CadesSigner extends Signer {
  constructor(private readonly signer: CmsSigner) {
    super();
  }

  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    return cadesDetached(pdfBuffer, this.signer);
  }
}

const signpdf = new SignPdf();

/** Seals a PDF with an office's certificate and key. */
export async function sealPdf(pdf: Buffer, signer: CmsSigner, info: SealInfo): Promise<Buffer> {
  const withPlaceholder = addSealPlaceholder({
    pdfBuffer: pdf,
    reason: info.reason,
    contactInfo: info.contactInfo ?? '',
    name: info.name,
    location: info.location,
    signingTime: info.signingTime,
    signatureLength: SIGNATURE_BYTES,
    appName: 'Enlace',
  });
  return signpdf.sign(withPlaceholder, new CadesSigner(signer), info.signingTime);
}

export type SealProblem =
  | 'not_sealed'
  | 'several_signatures'
  | 'byte_range_incomplete'
  | 'malformed'
  | 'digest_mismatch'
  | 'bad_signature'
  | 'signer_certificate_missing'
  | 'signing_certificate_mismatch'
  | 'untrusted_chain'
  | 'certificate_not_valid_at_signing';

export type SealCheck =
  | {
      valid: true;
      /** The sealing certificate's subject and its chain up to the trusted authority, as X.509 says them. */
      signer: X509Certificate;
      chain: X509Certificate[];
      /** The time the signature dictionary declares (/M). */
      signedAt: Date | null;
    }
  | { valid: false; problem: SealProblem; signer?: X509Certificate };

const latin1 = (bytes: Buffer, from: number, to: number) => bytes.subarray(from, to).toString('latin1');

function pdfDate(value: string | undefined): Date | null {
  const m = /^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(Z|[+-]\d{2}'?\d{2}'?)?/.exec(value ?? '');
  if (!m) return null;
  const zone = !m[7] || m[7] === 'Z' ? 'Z' : `${m[7].slice(0, 3)}:${m[7].replace(/'/g, '').slice(3, 5)}`;
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${zone}`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * The DER structure at the start of the /Contents placeholder, by its own length: the rest is the
 * placeholder's zero padding, which must be zeros. (Stripping trailing zero bytes instead cut the signature of one
 * document in 256, whose last byte is 0x00, and called a valid seal malformed.)
 */
function derPrefix(padded: Buffer): Buffer | null {
  if (padded.length < 2 || padded[0] !== 0x30) return null;
  const first = padded[1]!;
  let length = first;
  let header = 2;
  if (first & 0x80) {
    const octets = first & 0x7f;
    if (octets === 0 || octets > 4 || padded.length < 2 + octets) return null;
    length = padded.subarray(2, 2 + octets).reduce((total, byte) => total * 256 + byte, 0);
    header = 2 + octets;
  }
  const end = header + length;
  // The padding is zeros and nothing else: a byte changed there is a changed file too.
  return end <= padded.length && padded.subarray(end).every((byte) => byte === 0) ? padded.subarray(0, end) : null;
}

/**
 * The seal of a PDF, checked: one signature whose byte range covers every byte of the file but its
 * own /Contents, a CAdES SignedData whose digest and signature match, and a signer certificate that
 * chains to one of `trusted` and was valid when it sealed.
 */
export function checkPdfSeal(bytes: Buffer, trusted: readonly X509Certificate[]): SealCheck {
  const text = bytes.toString('latin1');
  const ranges = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)];
  if (ranges.length === 0) return { valid: false, problem: 'not_sealed' };
  if (ranges.length > 1) return { valid: false, problem: 'several_signatures' };
  const [a, b, c, d] = ranges[0]!.slice(1, 5).map(Number) as [number, number, number, number];
  // The signed ranges must be the whole file around the /Contents hex string, and nothing after it.
  if (a !== 0 || b <= 0 || c <= b || c + d !== bytes.length) return { valid: false, problem: 'byte_range_incomplete' };
  const contents = latin1(bytes, b, c);
  if (!/^<[0-9a-fA-F]+>$/.test(contents)) return { valid: false, problem: 'byte_range_incomplete' };
  // No seal Enlace makes is longer than its placeholder: a longer one is not read, so that an upload to the public check
  // cannot make it parse megabytes of certificates (a 25 MB file could carry some 12 MB, held about 14 times over parsed).
  if (contents.length > 2 * SIGNATURE_BYTES + 2) return { valid: false, problem: 'malformed' };
  const cms = derPrefix(Buffer.from(contents.slice(1, -1), 'hex'));
  if (!cms) return { valid: false, problem: 'malformed' };
  const signed = Buffer.concat([bytes.subarray(0, b), bytes.subarray(c, c + d)]);
  const check = verifyCadesDetached(cms, signed);
  if (!check.ok) return { valid: false, problem: check.reason };
  const signedAt = pdfDate(/\/M\s*\((D:[^)]*)\)/.exec(`${latin1(bytes, Math.max(0, b - 2048), b)} ${latin1(bytes, c, Math.min(bytes.length, c + 2048))}`)?.[1]);
  const chain = chainTo(check.signer, check.certificates, trusted);
  if (!chain) return { valid: false, problem: 'untrusted_chain', signer: check.signer };
  const at = signedAt ?? new Date();
  for (const cert of chain) {
    if (at < new Date(cert.validFrom) || at > new Date(cert.validTo)) return { valid: false, problem: 'certificate_not_valid_at_signing', signer: check.signer };
  }
  return { valid: true, signer: check.signer, chain: chain.slice(1), signedAt };
}

/** The path from the signer to a trusted authority through the certificates the signature carries. */
function chainTo(signer: X509Certificate, carried: readonly X509Certificate[], trusted: readonly X509Certificate[]): X509Certificate[] | null {
  const path = [signer];
  let current = signer;
  for (let depth = 0; depth < 5; depth++) {
    const anchor = trusted.find((t) => current.checkIssued(t) && current.verify(t.publicKey));
    if (anchor) return anchor.fingerprint256 === current.fingerprint256 ? path : [...path, anchor];
    const next = carried.find((c) => c.fingerprint256 !== current.fingerprint256 && c.ca && current.checkIssued(c) && current.verify(c.publicKey));
    if (!next) return null;
    path.push(next);
    current = next;
  }
  return null;
}
