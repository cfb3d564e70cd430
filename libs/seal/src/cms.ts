// The CMS SignedData of a PAdES baseline signature (ETSI EN 319 142-1, B-B level): detached, SHA-256,
// signed attributes content-type, message-digest and ESS signing-certificate-v2 (which binds the
// signer's certificate to the signature), no signing-time attribute (PAdES puts the time in the
// signature dictionary's /M). Built and read with node-forge's ASN.1 codec; the RSA operations are
// node:crypto's (native, a fraction of a millisecond), never forge's JavaScript big integers.
import { createHash, sign as rsaSign, verify as rsaVerify, X509Certificate, type KeyObject } from 'node:crypto';
import forge from 'node-forge';

const { asn1 } = forge;
type Asn1 = forge.asn1.Asn1;

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRSAEncryption: '1.2.840.113549.1.1.11',
} as const;

const U = asn1.Class.UNIVERSAL;
const T = asn1.Type;
const bin = (buffer: Buffer): string => buffer.toString('binary');
const buf = (binary: string): Buffer => Buffer.from(binary, 'binary');
const der = (node: Asn1): Buffer => buf(asn1.toDer(node).getBytes());
// Strict DER, every byte parsed: trailing garbage after a structure is a forgery, not padding.
const parseDer = asn1.fromDer as unknown as (bytes: forge.util.ByteStringBuffer, options: { strict: boolean; parseAllBytes: boolean }) => Asn1;
const fromDer = (bytes: Buffer): Asn1 => parseDer(forge.util.createBuffer(bin(bytes)), { strict: true, parseAllBytes: true });
const oid = (id: string): Asn1 => asn1.create(U, T.OID, false, asn1.oidToDer(id).getBytes());
const seq = (items: Asn1[]): Asn1 => asn1.create(U, T.SEQUENCE, true, items);
const set = (items: Asn1[]): Asn1 => asn1.create(U, T.SET, true, items);
const octets = (bytes: Buffer): Asn1 => asn1.create(U, T.OCTETSTRING, false, bin(bytes));
const integer = (n: number): Asn1 => asn1.create(U, T.INTEGER, false, asn1.integerToDer(n).getBytes());
const algorithm = (id: string, nullParams = true): Asn1 => seq(nullParams ? [oid(id), asn1.create(U, T.NULL, false, '')] : [oid(id)]);
const attribute = (type: string, value: Asn1): Asn1 => seq([oid(type), set([value])]);
const sha256 = (bytes: Buffer): Buffer => createHash('sha256').update(bytes).digest();

/** The issuer Name and serial number of a certificate, exactly as encoded in it. */
function issuerAndSerial(certificateDer: Buffer): Asn1 {
  const tbs = (fromDer(certificateDer).value as Asn1[])[0]!;
  const fields = tbs.value as Asn1[];
  // tbsCertificate: [0] version (present in v3), serialNumber, signature, issuer, ...
  const offset = fields[0]!.tagClass === asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
  return seq([fields[offset + 2]!, fields[offset]!]);
}

export interface CmsSigner {
  /** DER of the signer's certificate. */
  certificate: Buffer;
  /** DER of the certificates above it, up to (not necessarily including) the root. */
  chain: Buffer[];
  privateKey: KeyObject;
}

/** The RSA signature, computed on libuv's thread pool: the job loop (the API's own event loop when embedded) goes on meanwhile. */
const signOffLoop = (data: Buffer, key: KeyObject): Promise<Buffer> =>
  new Promise((resolve, reject) => rsaSign('sha256', data, key, (error, signature) => (error ? reject(error) : resolve(signature))));

/**
 * The certificates a seal carries, parsed once: every document an office seals carries the same two, and parsing
 * them was about half of checking a seal (0.42 ms of 0.72-1.00, profiled over 1,500 seals). Keyed by the SHA-256 of
 * their exact DER, so that a certificate differing in one byte is parsed as the different certificate it is. The
 * public check reads certificates from any uploaded file before judging them: only a certificate the size an office's
 * is (about 1 KB; kept up to 8 KB) is kept, 128 at most (the reviewed data's 26 offices and their authorities are
 * fewer), the least recently read let go first, so that the offices' own, read at every check, stay. What is kept
 * stays bounded whatever is uploaded: 128 certificates of 8 KB made of the smallest name fields, the costliest to hold
 * parsed, take 12.8 MB (1 MB of DER; 256 of 16 KB took 53.6 MB).
 */
const parsedCertificates = new Map<string, X509Certificate>();
const PARSED_CERTIFICATES_KEPT = 128;
const PARSED_CERTIFICATE_KEPT_BYTES = 8 * 1024;

function certificateOf(bytes: Buffer): X509Certificate {
  const key = sha256(bytes).toString('base64');
  const kept = parsedCertificates.get(key);
  if (kept) {
    // Read again: now the most recently read.
    parsedCertificates.delete(key);
    parsedCertificates.set(key, kept);
    return kept;
  }
  const certificate = new X509Certificate(bytes);
  if (bytes.length <= PARSED_CERTIFICATE_KEPT_BYTES) {
    if (parsedCertificates.size >= PARSED_CERTIFICATES_KEPT) parsedCertificates.delete(parsedCertificates.keys().next().value!);
    parsedCertificates.set(key, certificate);
  }
  return certificate;
}

/** The DER of the certificates kept parsed, the least recently read first (for the tests of their bounds). */
export const parsedCertificatesKept = (): Buffer[] => [...parsedCertificates.values()].map((c) => Buffer.from(c.raw));

/** A detached CAdES SignedData over `content` (the PDF's signed byte ranges), DER. */
export async function cadesDetached(content: Buffer, signer: CmsSigner): Promise<Buffer> {
  const signedAttributes = [
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octets(sha256(content))),
    // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 } ; ESSCertIDv2 with the default hash (SHA-256).
    attribute(OID.signingCertificateV2, seq([seq([seq([octets(sha256(signer.certificate))])])])),
  ];
  // The signature covers the DER of the attributes as a SET OF (RFC 5652 §5.4), sent as [0] IMPLICIT.
  const signature = await signOffLoop(der(set(signedAttributes)), signer.privateKey);
  const signerInfo = seq([
    integer(1),
    issuerAndSerial(signer.certificate),
    algorithm(OID.sha256),
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, signedAttributes),
    algorithm(OID.rsaEncryption),
    octets(signature),
  ]);
  const certificates = [signer.certificate, ...signer.chain].map(fromDer);
  const signedData = seq([
    integer(1),
    set([algorithm(OID.sha256)]),
    seq([oid(OID.data)]),
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, certificates),
    set([signerInfo]),
  ]);
  return der(seq([oid(OID.signedData), asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [signedData])]));
}

export type CmsCheck =
  | { ok: true; signer: X509Certificate; certificates: X509Certificate[] }
  | { ok: false; reason: 'malformed' | 'digest_mismatch' | 'bad_signature' | 'signer_certificate_missing' | 'signing_certificate_mismatch' };

const oidOf = (node: Asn1 | undefined): string | undefined =>
  node && node.type === T.OID && node.tagClass === U ? asn1.derToOid(node.value as string) : undefined;

/**
 * Checks a detached SignedData against the content it signs: the message digest, the signature
 * over the signed attributes with the signer certificate's key, and that the ESS attribute names
 * that certificate. The certificate chain is the caller's to judge.
 */
export function verifyCadesDetached(cms: Buffer, content: Buffer): CmsCheck {
  let signer: X509Certificate | undefined;
  let certificates: X509Certificate[];
  let attributes: Asn1[];
  let signature: Buffer;
  let sid: Buffer;
  try {
    const root = fromDer(cms).value as Asn1[];
    if (oidOf(root[0]) !== OID.signedData) return { ok: false, reason: 'malformed' };
    const signedData = ((root[1]!.value as Asn1[])[0]!.value as Asn1[]);
    const certsNode = signedData.find((n) => n.tagClass === asn1.Class.CONTEXT_SPECIFIC && n.type === 0);
    certificates = ((certsNode?.value as Asn1[] | undefined) ?? []).map((c) => certificateOf(der(c)));
    const signerInfos = signedData[signedData.length - 1]!.value as Asn1[];
    if (signerInfos.length !== 1) return { ok: false, reason: 'malformed' };
    const info = signerInfos[0]!.value as Asn1[];
    sid = der(info[1]!);
    const attrsNode = info.find((n) => n.tagClass === asn1.Class.CONTEXT_SPECIFIC && n.type === 0);
    if (!attrsNode) return { ok: false, reason: 'malformed' };
    attributes = attrsNode.value as Asn1[];
    signature = buf(info[info.length - 1]!.value as string);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const attr = (type: string): Asn1 | undefined => {
    const found = attributes.find((a) => oidOf((a.value as Asn1[])[0]) === type);
    return found ? ((found.value as Asn1[])[1]!.value as Asn1[])[0] : undefined;
  };
  const digest = attr(OID.messageDigest);
  if (!digest || !buf(digest.value as string).equals(sha256(content))) return { ok: false, reason: 'digest_mismatch' };
  signer = certificates.find((c) => der(issuerAndSerial(Buffer.from(c.raw))).equals(sid));
  if (!signer) return { ok: false, reason: 'signer_certificate_missing' };
  let signatureValid = false;
  try {
    signatureValid = rsaVerify('sha256', der(set(attributes)), signer.publicKey, signature);
  } catch {
    signatureValid = false;
  }
  if (!signatureValid) return { ok: false, reason: 'bad_signature' };
  const essCert = attr(OID.signingCertificateV2);
  try {
    const certHash = buf((((essCert!.value as Asn1[])[0]!.value as Asn1[])[0]!.value as Asn1[])[0]!.value as string);
    if (!certHash.equals(sha256(Buffer.from(signer.raw)))) return { ok: false, reason: 'signing_certificate_mismatch' };
  } catch {
    return { ok: false, reason: 'signing_certificate_mismatch' };
  }
  return { ok: true, signer, certificates };
}
