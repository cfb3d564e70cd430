import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Clock } from '@enlace/core';
import { Metrics } from '@enlace/observability';
import { WaitForPrerequisiteError, type OutboxHandler } from '@enlace/outbox';
import { DocumentsRepository, type OutboxEntity } from '@enlace/persistence';
import { JobName } from '@enlace/queue';
import { OfficeSeals } from '@enlace/seal';
import { DOCUMENT_TITLES } from '@enlace/templates';
import { DocumentRenderer } from './document-renderer.js';
import { DocumentStorage } from './document-storage.js';
import { ViewModelBuilder } from './view-model.builder.js';

const tenths = (ms: number) => Math.round(ms * 10) / 10;
const since = (from: number) => tenths(performance.now() - from);

/**
 * Renders one pending document: builds its view model, renders it (off the event loop), stores
 * the bytes, records the hashes. A second run finds it ready and does nothing; the unique (request, kind, revision) key
 * means a retry can never make a second document.
 */
@Injectable()
export class RenderDocumentHandler implements OutboxHandler {
  readonly job = JobName.RenderDocument;
  private readonly logger = new Logger(RenderDocumentHandler.name);

  constructor(
    private readonly documents: DocumentsRepository,
    private readonly builder: ViewModelBuilder,
    private readonly storage: DocumentStorage,
    private readonly clock: Clock,
    private readonly renderer: DocumentRenderer,
    private readonly metrics: Metrics,
    private readonly seals: OfficeSeals,
  ) {}

  async handle(row: OutboxEntity): Promise<void> {
    const startedAt = this.clock.now();
    const mark = performance.now();
    const document = await this.documents.findById(String(row.payload.documentId));
    if (!document || document.status === 'ready') return;
    try {
      const viewModel = await this.builder.build(document);
      const buildMs = since(mark);
      const renderFrom = performance.now();
      const rendered = await this.renderer.render(viewModel);
      const renderMs = since(renderFrom);
      const sealFrom = performance.now();
      // Sealed by the office that issued it (PAdES), dated when it issued it: the stored and listed
      // bytes are the sealed ones, so the file's SHA-256 is of those (the same on every run); the
      // verification code on its pages does not change.
      const bytes = document.officeId
        ? await this.seals.seal(rendered.bytes, document.officeId, `${DOCUMENT_TITLES[viewModel.kind][viewModel.labels.primary]} ${viewModel.reference}`, document.issuedAt)
        : rendered.bytes;
      const sealMs = since(sealFrom);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const storageKey = `${document.requestId}/${document.kind}-r${document.revision}-${sha256}.pdf`;
      const storeFrom = performance.now();
      await this.storage.put(storageKey, bytes);
      const storeMs = since(storeFrom);
      await this.documents.markReady(
        document.id,
        { sha256, contentHash: rendered.contentHash, storageKey, sizeBytes: bytes.length },
        this.clock.now(),
        {
          startedAt: startedAt.toISOString(),
          buildMs,
          renderMs,
          ...(rendered.work && { rendererMs: tenths(rendered.work.wallMs), ...(rendered.work.cpuMs !== undefined && { rendererCpuMs: tenths(rendered.work.cpuMs) }) }),
          sealMs,
          storeMs,
        },
      );
      this.metrics.documentsRendered.inc({ kind: document.kind });
    } catch (error) {
      // Waiting for a cited document is not an attempt.
      if (!(error instanceof WaitForPrerequisiteError)) {
        await this.documents.recordAttemptError(document.id, error instanceof Error ? error.message : String(error));
      }
      throw error;
    }
  }

  /** The last attempt failed: the document shows as failed, and a supervisor may re-queue it. */
  async exhausted(row: OutboxEntity, error: Error): Promise<void> {
    this.logger.warn(`Document ${String(row.payload.documentId)} failed after its last attempt: ${error.message}`);
    await this.documents.markFailed(String(row.payload.documentId), error.message);
    this.metrics.documentsFailed.inc();
  }
}
