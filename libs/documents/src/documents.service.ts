import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Principal } from '@enlace/auth';
import { Clock, DomainError, ErrorCode } from '@enlace/core';
import { OutboxRelay } from '@enlace/outbox';
import { Database, DocumentsRepository, OutboxRepository, RequestsRepository, type DocumentEntity } from '@enlace/persistence';
import { JobName } from '@enlace/queue';
import { disclosureFor, type DocumentKind } from '@enlace/workflows';
import { DocumentStorage } from './document-storage.js';

export interface DocumentItem {
  id: string;
  kind: string;
  revision: number;
  status: string;
  sha256: string | null;
  /** The verification code printed in its footer and cited by the documents that follow it. */
  contentHash: string | null;
  createdAt: string;
}

/** A failed document as the administrator's console lists it: what and where, never content. */
export interface FailedDocumentItem {
  id: string;
  kind: string;
  revision: number;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  requestId: string;
  reference: string;
  requestingCountry: string;
  requestedCountry: string;
}

export interface FailedDocumentsPage {
  items: FailedDocumentItem[];
  total: number;
  page: number;
  pageSize: number;
}

/** A rendering error as an operator needs it: its first line, bounded. */
const errorLine = (error: string | null): string | null => (error ? error.split('\n')[0].slice(0, 300) : null);

const item = (d: DocumentEntity): DocumentItem => ({
  id: d.id,
  kind: d.kind,
  revision: d.revision,
  status: d.status,
  sha256: d.sha256,
  contentHash: d.contentHash,
  createdAt: d.createdAt.toISOString(),
});

/** The documents of a request, for those who may see the request (404 for everyone else). */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly db: Database,
    private readonly documents: DocumentsRepository,
    private readonly requests: RequestsRepository,
    private readonly outbox: OutboxRepository,
    private readonly storage: DocumentStorage,
    private readonly relay: OutboxRelay,
    private readonly clock: Clock,
  ) {}

  async list(principal: Principal, requestId: string): Promise<DocumentItem[]> {
    const request = await this.visibleRequest(principal, requestId);
    const kinds = disclosureFor(principal, request).documentKinds;
    return (await this.documents.listForRequest(requestId)).filter((d) => kinds.includes(d.kind as DocumentKind)).map(item);
  }

  async download(principal: Principal, id: string): Promise<{ bytes: Buffer; filename: string }> {
    const document = await this.visibleDocument(principal, id);
    if (document.status !== 'ready' || !document.storageKey) {
      throw new DomainError(ErrorCode.InvalidTransition, `The document is ${document.status}, not ready`, { status: document.status });
    }
    const bytes = await this.storage.get(document.storageKey);
    // Never hand out bytes that are not the ones the platform issued and listed.
    if (createHash('sha256').update(bytes).digest('hex') !== document.sha256) {
      throw new Error(`Stored bytes of document ${document.id} do not match its SHA-256`);
    }
    const request = (await this.requests.findVisible(document.requestId, principal))!;
    return { bytes, filename: `${request.reference}-${document.kind}-r${document.revision}.pdf` };
  }

  /** Whether a hash (of the file, or the content hash printed on its pages) is a document this user may see. */
  async verify(principal: Principal, hash: string) {
    for (const document of await this.documents.findReadyByHash(hash.toLowerCase())) {
      const request = await this.requests.findVisible(document.requestId, principal);
      if (request && disclosureFor(principal, request).documentKinds.includes(document.kind as DocumentKind)) {
        return {
          kind: document.kind,
          reference: request.reference,
          revision: document.revision,
          sha256: document.sha256,
          contentHash: document.contentHash,
          createdAt: document.createdAt.toISOString(),
        };
      }
    }
    throw new DomainError(ErrorCode.NotFound, 'No document of this platform you may see has this hash');
  }

  /** A supervisor re-queues a document whose rendering failed after all its attempts. */
  /** The region's failed documents, for the administrator who keeps the platform running. */
  async failed(principal: Principal, page: { page: number; pageSize: number }): Promise<FailedDocumentsPage> {
    if (principal.role !== 'admin') throw new DomainError(ErrorCode.Forbidden, 'Only the administrator lists the failed documents of the region');
    const { rows, total } = await this.documents.failed({ limit: page.pageSize, offset: (page.page - 1) * page.pageSize });
    const items = rows.map((row) => ({ ...row, lastError: errorLine(row.lastError), createdAt: row.createdAt.toISOString() }));
    return { items, total, page: page.page, pageSize: page.pageSize };
  }

  /** Where a document the administrator re-queued stands now (kind, revision, reference, status). */
  async standing(principal: Principal, id: string): Promise<{ kind: string; revision: number; status: string; reference: string }> {
    if (principal.role !== 'admin') throw new DomainError(ErrorCode.Forbidden, 'Only the administrator follows a re-queued document here');
    const described = await this.documents.describe(id);
    if (!described) throw new DomainError(ErrorCode.NotFound, 'No such document');
    return described;
  }

  /**
   * A failed document goes back to the queue: for a supervisor who may see it, or for the
   * administrator, who reads no content but keeps the rendering running for every country.
   */
  async retry(principal: Principal, id: string): Promise<DocumentItem> {
    const document = principal.role === 'admin' ? await this.documents.findById(id) : await this.visibleDocument(principal, id);
    if (!document) throw new DomainError(ErrorCode.NotFound, 'No such document');
    if (principal.role !== 'supervisor' && principal.role !== 'admin') throw new DomainError(ErrorCode.Forbidden, 'Only a supervisor or the administrator re-queues a document');
    if (document.status !== 'failed') {
      throw new DomainError(ErrorCode.InvalidTransition, `Only a failed document can be retried; this one is ${document.status}`, {
        status: document.status,
      });
    }
    await this.db.transaction(async (tx) => {
      if (!(await this.documents.resetFailed(tx, id))) throw new DomainError(ErrorCode.VersionConflict, 'The document changed meanwhile');
      await this.outbox.add(tx, [{ requestId: document.requestId, job: JobName.RenderDocument, payload: { documentId: id } }], this.clock.now());
    });
    this.relay.kick();
    return item((await this.documents.findById(id))!);
  }

  private async visibleRequest(principal: Principal, requestId: string) {
    const request = await this.requests.findVisible(requestId, principal);
    if (!request) throw new DomainError(ErrorCode.NotFound, 'No such request');
    return request;
  }

  private async visibleDocument(principal: Principal, id: string): Promise<DocumentEntity> {
    const document = await this.documents.findById(id);
    const request = document ? await this.requests.findVisible(document.requestId, principal) : null;
    // A document the disclosure policy keeps from this viewer does not exist for them.
    if (!document || !request || !disclosureFor(principal, request).documentKinds.includes(document.kind as DocumentKind)) {
      throw new DomainError(ErrorCode.NotFound, 'No such document');
    }
    return document;
  }
}
