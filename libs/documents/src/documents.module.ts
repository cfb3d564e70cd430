import { Module } from '@nestjs/common';
import { SealModule } from '@enlace/seal';
import { DocumentRenderer, PooledDocumentRenderer } from './document-renderer.js';
import { DocumentScheduler } from './document-scheduler.js';
import { DocumentStorage, FileSystemDocumentStorage } from './document-storage.js';
import { DocumentsService } from './documents.service.js';
import { PublicVerification } from './public-verification.service.js';
import { ViewModelBuilder } from './view-model.builder.js';

/** What rendering needs (the storage and the view models); imported by the queue consumers. */
@Module({
  imports: [SealModule],
  providers: [
    ViewModelBuilder,
    { provide: DocumentStorage, useClass: FileSystemDocumentStorage },
    { provide: DocumentRenderer, useClass: PooledDocumentRenderer },
  ],
  exports: [ViewModelBuilder, DocumentStorage, DocumentRenderer, SealModule],
})
export class DocumentRenderingModule {}

/** Scheduling documents inside a step's transaction, and reading them over HTTP. */
@Module({
  imports: [DocumentRenderingModule],
  providers: [DocumentsService, DocumentScheduler, PublicVerification],
  exports: [DocumentsService, DocumentScheduler, PublicVerification, DocumentRenderingModule],
})
export class DocumentsModule {}
