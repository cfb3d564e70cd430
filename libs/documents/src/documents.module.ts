import { Module } from '@nestjs/common';
import { DocumentScheduler } from './document-scheduler.js';
import { DocumentStorage, FileSystemDocumentStorage } from './document-storage.js';
import { DocumentsService } from './documents.service.js';
import { ViewModelBuilder } from './view-model.builder.js';

/** What rendering needs (the storage and the view models); imported by the queue consumers. */
@Module({
  providers: [ViewModelBuilder, { provide: DocumentStorage, useClass: FileSystemDocumentStorage }],
  exports: [ViewModelBuilder, DocumentStorage],
})
export class DocumentRenderingModule {}

/** Scheduling documents inside a step's transaction, and reading them over HTTP. */
@Module({
  imports: [DocumentRenderingModule],
  providers: [DocumentsService, DocumentScheduler],
  exports: [DocumentsService, DocumentScheduler],
})
export class DocumentsModule {}
