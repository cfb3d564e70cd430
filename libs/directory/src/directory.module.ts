import { Module } from '@nestjs/common';
import { DemoDirectory } from './demo-directory.js';
import { ReferenceDataService } from './reference-data.service.js';

@Module({ providers: [ReferenceDataService, DemoDirectory], exports: [DemoDirectory] })
export class DirectoryModule {}
