import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { AnnexesRepository, DocumentsRepository, RequestsRepository, UsersRepository } from '@enlace/persistence';
import type { SealView, VerifiedDocument } from '@enlace/pages';
import { OfficeSeals } from '@enlace/seal';
import type { Principal } from '@enlace/auth';
import { annexesDisclosed, officeById, officeFor, type CountryCode, type DocumentKind } from '@enlace/workflows';
import type { DocumentSource } from './document-scheduler.js';

export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The SHA-256 of a stream (a dropped PDF), never kept. */
export async function sha256Of(stream: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The bytes of a dropped PDF, held only while it is checked. */
export async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** What the check of a dropped file finds: the document its bytes are, and its seal. */
export interface FileVerification {
  sha256: string;
  document: VerifiedDocument | null;
  seal: SealView;
  /** Both hold: a document Enlace issued, and an intact seal of an office (an annex: a file attached to a request). */
  valid: boolean;
}

/**
 * Whether a hash is a document Enlace issued, for anyone who holds the document (the foreign
 * official the QR code sends here): its kind, reference, issuer and date, never its content. A file
 * annexed to a request is a document of its author, not of Enlace: it is named only to a signed-in
 * `viewer` who may see the request's annexes; to anyone else its hash is no document of the platform.
 */
@Injectable()
export class PublicVerification {
  constructor(
    private readonly documents: DocumentsRepository,
    private readonly requests: RequestsRepository,
    private readonly users: UsersRepository,
    private readonly seals: OfficeSeals,
    private readonly annexes: AnnexesRepository,
  ) {}

  /**
   * A dropped PDF: whether its bytes are a document Enlace issued, and whether its seal holds and
   * chains to a trusted authority. One byte changed anywhere fails both.
   */
  async verifyFile(bytes: Buffer, viewer: Principal | null = null): Promise<FileVerification> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const [document, seal] = await Promise.all([this.verify(sha256, viewer), this.seals.verify(bytes)]);
    // An annex is the fiscal's file, not a document Enlace seals: its hash alone is what the form and note list.
    return { sha256, document, seal, valid: document !== null && (document.kind === 'annex' || seal.valid) };
  }

  async verify(hash: string, viewer: Principal | null = null): Promise<VerifiedDocument | null> {
    if (!SHA256_HEX.test(hash)) return null;
    const [document] = await this.documents.findReadyByHash(hash);
    if (!document) return viewer ? this.verifyAnnex(hash, viewer) : null;
    const request = await this.requests.findForProcessing(document.requestId);
    if (!request) return null;
    const source = document.source as unknown as DocumentSource;
    const issuer = await this.users.findById(source.event?.actorId ?? request.createdBy);
    // The office of the letterhead, as the reviewed data names it (the signer's unit otherwise).
    const office = document.officeId ? officeById(document.officeId) : undefined;
    return {
      kind: document.kind as DocumentKind,
      reference: request.reference,
      revision: document.revision,
      issuingCountry: (office?.country ?? issuer?.country ?? request.requestingCountry) as CountryCode,
      issuingOffice: office ? [...new Set(Object.values(office.institution.name))].join(' / ') : (issuer?.office ?? null),
      issuedAt: document.issuedAt.toISOString(),
    };
  }

  /** A file attached to a request the viewer may see the annexes of: its kind and the request, never its description or content. */
  private async verifyAnnex(hash: string, viewer: Principal): Promise<VerifiedDocument | null> {
    for (const annex of await this.annexes.findBySha256(hash)) {
      const request = await this.requests.findVisible(annex.requestId, viewer);
      if (request && annexesDisclosed(viewer, request)) return this.annexOf(annex, request);
    }
    return null;
  }

  private annexOf(annex: { kind: string; createdAt: Date | string }, request: { reference: string; requestingCountry: string }): VerifiedDocument {
    const office = officeFor(request.requestingCountry, 'fiscal');
    return {
      kind: 'annex',
      annexKind: annex.kind,
      reference: request.reference,
      revision: 0,
      issuingCountry: request.requestingCountry as CountryCode,
      issuingOffice: office ? [...new Set(Object.values(office.institution.name))].join(' / ') : null,
      issuedAt: new Date(annex.createdAt).toISOString(),
    };
  }
}
