import { Module } from '@nestjs/common';
import { LegalBasesService } from './legal-bases.service.js';

@Module({ providers: [LegalBasesService], exports: [LegalBasesService] })
export class LegalBasesModule {}
