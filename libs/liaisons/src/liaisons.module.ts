import { Module } from '@nestjs/common';
import { LiaisonExpirySweep } from './liaison-expiry.sweep.js';
import { LiaisonsService } from './liaisons.service.js';

@Module({ providers: [LiaisonsService, LiaisonExpirySweep], exports: [LiaisonsService] })
export class LiaisonsModule {}
