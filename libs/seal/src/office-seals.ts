import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { X509Certificate } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { APP_CONFIG, type AppConfig } from '@enlace/config';
import { Clock } from '@enlace/core';
import { officeById, type Office } from '@enlace/workflows';
import type { CmsSigner } from './cms.js';
import { checkPdfSeal, sealPdf, type SealCheck } from './pdf-seal.js';
import { createDemoAuthority, issueOfficeCertificate, signerFromPem, signerFromPkcs12, type PemPair } from './seal-authority.js';

export class SealUnavailableError extends Error {}

/** What a verifier learns of a seal: whether it holds, and which office made it. */
export interface SealVerdict {
  sealed: boolean;
  valid: boolean;
  /** Why not, when not valid (`not_sealed`, `digest_mismatch`, `untrusted_chain`, ...). */
  problem?: string;
  /** The office the certificate names (its id, country and institution), when the seal holds. */
  office?: { id: string; country: string; institution: string };
  /** The authority the certificate chains to. */
  authority?: string;
  signedAt?: string;
}

const subjectField = (cert: X509Certificate, field: string): string | undefined =>
  cert.subject
    .split('\n')
    .find((line) => line.startsWith(`${field}=`))
    ?.slice(field.length + 1);

/**
 * The certificates that seal each office's documents, and the authorities a seal must chain to. In
 * the embedded mode a demonstration authority is made at first start and each office's certificate
 * at its first document, all kept in the data folder (shared safely by several processes: each file
 * is created once, by an exclusive link, and re-read by whoever lost the race); in production each
 * office's PKCS#12 file named in the settings.
 */
@Injectable()
export class OfficeSeals implements OnModuleInit {
  private readonly logger = new Logger(OfficeSeals.name);
  /** Each office's signer, its certificate's validity read once. */
  private readonly signers = new Map<string, Promise<{ signer: CmsSigner; validFrom: Date; validTo: Date }>>();
  private authority: Promise<PemPair> | undefined;
  private trusted: Promise<X509Certificate[]> | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  get demo(): boolean {
    return Object.keys(this.config.seal.pkcs12).length === 0;
  }

  async onModuleInit(): Promise<void> {
    await this.trustedAuthorities();
    if (!this.demo) for (const id of Object.keys(this.config.seal.pkcs12)) await this.signerFor(id);
  }

  /**
   * Seals a rendered PDF with its issuing office's certificate, at the time the office issued it:
   * the same document seals to the same bytes however often (or concurrently) its job runs. A
   * document issued before the certificate began (one installed or renewed while the document waited
   * or after its sealing failed) is sealed at the certificate's beginning, never at a time the
   * certificate does not cover; with a certificate not valid now nothing is sealed. The seal is
   * checked as any verifier will before it is returned: a document is never stored `ready` with a
   * seal that every check would call invalid; its job fails instead, for the admin to see and retry.
   */
  async seal(pdf: Buffer, officeId: string, reason: string, issuedAt: Date): Promise<Buffer> {
    const office = officeById(officeId);
    if (!office) throw new SealUnavailableError(`No office ${officeId} in the reviewed data`);
    const { signer, validFrom, validTo } = await this.signerFor(officeId);
    const now = this.clock.now();
    if (now < validFrom || now > validTo) {
      // Forgotten, so that the next document reads the office's file again: one renewed is taken without a restart.
      this.signers.delete(officeId);
      throw new SealUnavailableError(
        `The sealing certificate of ${officeId} is valid from ${validFrom.toISOString()} to ${validTo.toISOString()}, not now (${now.toISOString()}): install a current one`,
      );
    }
    const sealed = await sealPdf(pdf, signer, {
      name: institutionOf(office),
      reason,
      location: Object.values(office.city.name)[0] ?? '',
      signingTime: issuedAt < validFrom ? validFrom : issuedAt,
    });
    const check = checkPdfSeal(sealed, await this.trustedAuthorities());
    if (!check.valid) throw new SealUnavailableError(`The seal of ${officeId} does not verify (${check.problem}): check its certificate and ENLACE_SEAL_TRUST`);
    return sealed;
  }

  async verify(pdf: Buffer): Promise<SealVerdict> {
    const check: SealCheck = checkPdfSeal(pdf, await this.trustedAuthorities());
    if (!check.valid) return { sealed: check.problem !== 'not_sealed', valid: false, problem: check.problem };
    const id = subjectField(check.signer, 'OU') ?? '';
    return {
      sealed: true,
      valid: true,
      office: { id, country: subjectField(check.signer, 'C') ?? '', institution: subjectField(check.signer, 'O') ?? subjectField(check.signer, 'CN') ?? '' },
      authority: subjectField(check.chain.at(-1) ?? check.signer, 'CN'),
      ...(check.signedAt && { signedAt: check.signedAt.toISOString() }),
    };
  }

  /** The certificates a seal must chain to: the demonstration authority, or those named in the settings. */
  trustedAuthorities(): Promise<X509Certificate[]> {
    this.trusted ??= (async () => {
      if (this.demo) return [new X509Certificate((await this.demoAuthority()).certificate)];
      return Promise.all(this.config.seal.trust.map(async (file) => new X509Certificate(await readFile(file))));
    })();
    return this.trusted;
  }

  private signerFor(officeId: string): Promise<{ signer: CmsSigner; validFrom: Date; validTo: Date }> {
    let signer = this.signers.get(officeId);
    if (!signer) {
      signer = (this.demo ? this.demoSigner(officeId) : this.pkcs12Signer(officeId)).then((s) => {
        const certificate = new X509Certificate(s.certificate);
        return { signer: s, validFrom: new Date(certificate.validFrom), validTo: new Date(certificate.validTo) };
      });
      // A failure is not cached: a file put right is read on the next document.
      signer.catch(() => this.signers.delete(officeId));
      this.signers.set(officeId, signer);
    }
    return signer;
  }

  private async pkcs12Signer(officeId: string): Promise<CmsSigner> {
    const file = this.config.seal.pkcs12[officeId];
    if (!file) throw new SealUnavailableError(`No PKCS#12 file for ${officeId} in ENLACE_SEAL_P12: its documents cannot be sealed`);
    return signerFromPkcs12(await readFile(file), this.config.seal.passphrase ?? '');
  }

  private demoAuthority(): Promise<PemPair> {
    this.authority ??= this.kept('demo-authority.json', () => createDemoAuthority(this.clock.now()));
    return this.authority;
  }

  private async demoSigner(officeId: string): Promise<CmsSigner> {
    const office = officeById(officeId);
    if (!office) throw new SealUnavailableError(`No office ${officeId} in the reviewed data`);
    const authority = await this.demoAuthority();
    const pair = await this.kept(`office-${office.id}.json`, () =>
      issueOfficeCertificate(authority, { id: office.id, country: office.country, institution: institutionOf(office) }, this.clock.now()),
    );
    return signerFromPem(pair, [authority.certificate]);
  }

  /** A key pair kept in the seal folder: read if there, else made and linked in exclusively. */
  private async kept(name: string, make: () => PemPair): Promise<PemPair> {
    const dir = this.config.seal.dir;
    const path = join(dir, name);
    try {
      return JSON.parse(await readFile(path, 'utf8')) as PemPair;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const partial = `${path}.${process.pid}.${Date.now()}.partial`;
    await writeFile(partial, JSON.stringify(make()), { mode: 0o600 });
    try {
      await link(partial, path);
      if (name === 'demo-authority.json') this.logger.warn(`Made a demonstration sealing authority in ${dir}: seals it makes are not for official use`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      await unlink(partial).catch(() => undefined);
    }
    return JSON.parse(await readFile(path, 'utf8')) as PemPair;
  }
}

function institutionOf(office: Office): string {
  return Object.values(office.institution.name)[0] ?? office.id;
}
