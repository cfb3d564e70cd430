import { Injectable } from '@nestjs/common';
import { DocumentsRepository, OutboxRepository, type DocumentEntity, type OutboxDraft, type Transaction } from '@enlace/persistence';
import { JobName } from '@enlace/queue';
import type { DocumentKind, OverdueInfo } from '@enlace/templates';
import { localYear, officeFor, type RequestFields } from '@enlace/workflows';

/**
 * The documents an office signs as a numbered note. The informal draft is no office's note, and an
 * overdue notice is the platform's reminder: both go unnumbered.
 */
export const NUMBERED_KINDS: readonly DocumentKind[] = [
  'standardized_form',
  'authorization',
  'transmission_note',
  'acknowledgement',
  'execution_report',
  'supplementary_request',
  'reminder_letter',
  'forwarding_note',
];

/**
 * What a document shows, fixed inside the transaction of the step that produced it: the request's
 * content at that version and the event, so that later edits never change an issued document.
 */
export interface DocumentSource {
  fields: RequestFields;
  state: string;
  version: number;
  event?: { type: string; actorId: string; comment?: string | null; data?: Record<string, unknown> | null; historyId?: string };
  overdue?: OverdueInfo;
  /** A supplementary request sent in answer to the requested side's request for information. */
  answersInfoRequest?: boolean;
}

export interface ScheduleDocument {
  requestId: string;
  kind: DocumentKind;
  /** Omitted: the next revision of this kind for the request. */
  revision?: number;
  issuedAt: Date;
  source: DocumentSource;
  /** Who acts (the event's actor; the request's fiscal for the platform's own notices): their office issues it. */
  issuer?: { country: string | null; role: string };
}

/**
 * Records a pending document and the outbox row that will render it, in the caller's transaction.
 * The caller holds the request's row lock, so revisions cannot collide.
 */
@Injectable()
export class DocumentScheduler {
  constructor(
    private readonly documents: DocumentsRepository,
    private readonly outbox: OutboxRepository,
  ) {}

  async schedule(tx: Transaction, doc: ScheduleDocument): Promise<DocumentEntity> {
    const { document, render } = await this.record(tx, doc);
    await this.outbox.add(tx, [render], doc.issuedAt);
    return document;
  }

  /**
   * The pending document alone, with the outbox row that will render it for the caller to write (with
   * its other rows of the same change in one insert).
   */
  async record(tx: Transaction, doc: ScheduleDocument): Promise<{ document: DocumentEntity; render: OutboxDraft }> {
    const office = doc.issuer ? officeFor(doc.issuer.country, doc.issuer.role) : undefined;
    const document = await this.documents.addPending(tx, {
      ...(office && {
        officeId: office.id,
        // The year where the office signs: a note of 31 December at 23:30 in Guatemala is of that year.
        ...(NUMBERED_KINDS.includes(doc.kind) && { noteYear: localYear(doc.issuedAt, office.timeZone.id) }),
      }),
      requestId: doc.requestId,
      kind: doc.kind,
      revision: doc.revision,
      source: doc.source as unknown as Record<string, unknown>,
      issuedAt: doc.issuedAt,
      createdAt: doc.issuedAt,
    });
    return { document, render: { requestId: doc.requestId, job: JobName.RenderDocument, payload: { documentId: document.id } } };
  }
}
