import { Module } from '@nestjs/common';
import { DocumentsModule } from '@enlace/documents';
import { FieldEnrichers } from './field-enrichers.js';
import { RequestsService } from './requests.service.js';
import { WorkflowRunner } from './workflow-runner.js';
import { IdempotentAnswers } from './idempotent-answers.js';
import { AnnexesService } from './annexes.service.js';
import { CasesService } from './cases.service.js';
import { CertifiedTranslationsEnricher } from './certified-translations.enricher.js';

@Module({ imports: [DocumentsModule], providers: [WorkflowRunner, RequestsService, FieldEnrichers, IdempotentAnswers, AnnexesService, CasesService, CertifiedTranslationsEnricher], exports: [RequestsService, WorkflowRunner, FieldEnrichers, AnnexesService, CasesService] })
export class RequestsModule {}
