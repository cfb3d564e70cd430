import { Module } from '@nestjs/common';
import { DocumentsModule } from '@enlace/documents';
import { FieldEnrichers } from './field-enrichers.js';
import { RequestsService } from './requests.service.js';
import { WorkflowRunner } from './workflow-runner.js';
import { IdempotentAnswers } from './idempotent-answers.js';

@Module({ imports: [DocumentsModule], providers: [WorkflowRunner, RequestsService, FieldEnrichers, IdempotentAnswers], exports: [RequestsService, WorkflowRunner, FieldEnrichers] })
export class RequestsModule {}
