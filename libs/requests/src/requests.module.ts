import { Module } from '@nestjs/common';
import { DocumentsModule } from '@enlace/documents';
import { FieldEnrichers } from './field-enrichers.js';
import { RequestsService } from './requests.service.js';
import { WorkflowRunner } from './workflow-runner.js';

@Module({ imports: [DocumentsModule], providers: [WorkflowRunner, RequestsService, FieldEnrichers], exports: [RequestsService, WorkflowRunner, FieldEnrichers] })
export class RequestsModule {}
