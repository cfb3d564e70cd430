import { Module } from '@nestjs/common';
import { RequestsModule } from '@enlace/requests';
import { InformalExchangesEnricher } from './informal-exchanges.enricher.js';
import { MessagesService } from './messages.service.js';

@Module({ imports: [RequestsModule], providers: [MessagesService, InformalExchangesEnricher], exports: [MessagesService] })
export class MessagesModule {}
