// Certificates for sealing. Keys are made by node:crypto (native); node-forge writes and reads the
// X.509 and PKCS#12 structures, which node:crypto cannot.
import { createPrivateKey, generateKeyPairSync, randomBytes, X509Certificate, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import type { CmsSigner } from './cms.js';

export interface PemPair {
  certificate: string;
  privateKey: string;
}

/** Who an office is in its certificate: the subject a verifier shows. */
export interface OfficeSubject {
  /** The reviewed data's office id, kept as the organizational unit. */
  id: string;
  country: string;
  /** The institution's name, as its letterhead prints it. */
  institution: string;
}

const YEAR_MS = 365 * 24 * 3600 * 1000;
// Demonstration certificates are valid from a fixed past date, so that a test clock set back (or a
// data folder restored from a backup) never seals before its certificate begins.
const DEMO_NOT_BEFORE = new Date('2020-01-01T00:00:00Z');

function keyPair(): { forgeKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey; privatePem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return {
    forgeKey: forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()),
    publicKey: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()),
    privatePem,
  };
}

/** A distinguished-name attribute as UTF8String (institutions have accents: "República"). */
const utf8 = (name: string, value: string) => ({ name, value, valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class });

function serial(): string {
  // Positive, 16 random bytes (RFC 5280 §4.1.2.2).
  return `01${randomBytes(15).toString('hex')}`;
}

/** A demonstration certificate authority: self-signed, ten years, for the embedded mode only. */
export function createDemoAuthority(now: Date, label = 'Enlace demo sealing authority'): PemPair {
  const keys = keyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = DEMO_NOT_BEFORE;
  cert.validity.notAfter = new Date(now.getTime() + 10 * YEAR_MS);
  const name = [
    utf8('commonName', label),
    utf8('organizationName', 'Enlace (demonstration, not for official use)'),
  ];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(keys.forgeKey, forge.md.sha256.create());
  return { certificate: forge.pki.certificateToPem(cert), privateKey: keys.privatePem };
}

/**
 * An office's demonstration sealing certificate, issued by `authority`, for five years from `now`
 * (or for `validity`, as a certification authority's renewal or an expired one would be).
 */
export function issueOfficeCertificate(authority: PemPair, office: OfficeSubject, now: Date, validity?: { notBefore: Date; notAfter: Date }): PemPair {
  const caCert = forge.pki.certificateFromPem(authority.certificate);
  const caKey = forge.pki.privateKeyFromPem(createPrivateKey(authority.privateKey).export({ type: 'pkcs1', format: 'pem' }).toString());
  const keys = keyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = validity?.notBefore ?? DEMO_NOT_BEFORE;
  cert.validity.notAfter = validity?.notAfter ?? new Date(now.getTime() + 5 * YEAR_MS);
  cert.setSubject([
    { name: 'countryName', value: office.country },
    utf8('organizationName', office.institution),
    utf8('organizationalUnitName', office.id),
    utf8('commonName', office.institution),
  ]);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    // A seal is a non-repudiable statement of origin (ETSI EN 319 412-3: digitalSignature and/or contentCommitment).
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(caKey, forge.md.sha256.create());
  return { certificate: forge.pki.certificateToPem(cert), privateKey: keys.privatePem };
}

const derOf = (pem: string): Buffer => Buffer.from(new X509Certificate(pem).raw);

/** A signer from PEM: the office's certificate and key, and the authority's certificate. */
export function signerFromPem(office: PemPair, chain: readonly string[]): CmsSigner {
  return { certificate: derOf(office.certificate), chain: chain.map(derOf), privateKey: createPrivateKey(office.privateKey) };
}

export class Pkcs12Error extends Error {}

/**
 * A PKCS#12 file (what a certification authority issues an office): its private key, the
 * certificate of that key, and the chain it carries.
 */
export function signerFromPkcs12(bytes: Buffer, passphrase: string): CmsSigner {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(bytes.toString('binary')), passphrase);
  } catch (error) {
    throw new Pkcs12Error(`cannot open the PKCS#12 file (wrong passphrase or not a PKCS#12): ${error instanceof Error ? error.message : String(error)}`);
  }
  const keyBags = [
    ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? []),
  ];
  const certs = (p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? []).map((b) => b.cert).filter((c): c is forge.pki.Certificate => !!c);
  const key = keyBags[0]?.key;
  if (!key) throw new Pkcs12Error('the PKCS#12 file holds no private key');
  const privateKey: KeyObject = createPrivateKey(forge.pki.privateKeyToPem(key));
  const pems = certs.map((c) => forge.pki.certificateToPem(c));
  const own = pems.find((pem) => new X509Certificate(pem).checkPrivateKey(privateKey));
  if (!own) throw new Pkcs12Error('no certificate in the PKCS#12 file matches its private key');
  return { certificate: derOf(own), chain: pems.filter((p) => p !== own).map(derOf), privateKey };
}

/** A PKCS#12 of a certificate and key with its chain (for tests and for operators trying the production path). */
export function toPkcs12(office: PemPair, chain: readonly string[], passphrase: string): Buffer {
  const key = forge.pki.privateKeyFromPem(createPrivateKey(office.privateKey).export({ type: 'pkcs1', format: 'pem' }).toString());
  const certs = [office.certificate, ...chain].map((pem) => forge.pki.certificateFromPem(pem));
  const asn = forge.pkcs12.toPkcs12Asn1(key, certs, passphrase, { algorithm: '3des' });
  return Buffer.from(forge.asn1.toDer(asn).getBytes(), 'binary');
}
