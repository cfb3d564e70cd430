import { Module } from '@nestjs/common';
import { RequestsService } from './requests.service.js';
import { WorkflowRunner } from './workflow-runner.js';

@Module({ providers: [WorkflowRunner, RequestsService], exports: [RequestsService, WorkflowRunner] })
export class RequestsModule {}
