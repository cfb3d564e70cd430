import { Module } from '@nestjs/common';
import { FieldEnrichers } from './field-enrichers.js';
import { RequestsService } from './requests.service.js';
import { WorkflowRunner } from './workflow-runner.js';

@Module({ providers: [WorkflowRunner, RequestsService, FieldEnrichers], exports: [RequestsService, WorkflowRunner, FieldEnrichers] })
export class RequestsModule {}
