import { Module } from '@nestjs/common';
import { OfficeSeals } from './office-seals.js';

/** The offices' sealing certificates: sealing rendered PDFs and checking the seal of any PDF. */
@Module({ providers: [OfficeSeals], exports: [OfficeSeals] })
export class SealModule {}
