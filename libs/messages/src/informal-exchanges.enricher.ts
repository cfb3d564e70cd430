import { Injectable, type OnModuleInit } from '@nestjs/common';
import { RequestMessagesRepository, type Transaction } from '@enlace/persistence';
import { FieldEnrichers, type EnrichmentInput, type FieldEnricher } from '@enlace/requests';
import { documentLanguages, type RequestEventType, type RequestFields } from '@enlace/workflows';
import { summarizeExchanges } from './informal-exchanges.js';

/**
 * At STANDARDIZE, the conversation on the shared draft is carried into `priorInformalExchanges`, where
 * the fiscal can edit it before submitting. The channel stays open while the form is still being
 * completed, so SUBMIT carries what was said since; each message is carried once, and an entry the
 * fiscal removed is not brought back.
 */
@Injectable()
export class InformalExchangesEnricher implements FieldEnricher, OnModuleInit {
  readonly name = 'informal-exchanges';
  readonly events: readonly RequestEventType[] = ['STANDARDIZE', 'SUBMIT'];

  constructor(
    private readonly enrichers: FieldEnrichers,
    private readonly messages: RequestMessagesRepository,
  ) {}

  onModuleInit(): void {
    this.enrichers.register(this);
  }

  async enrich(tx: Transaction, { record, fields, at }: EnrichmentInput): Promise<RequestFields> {
    const pending = await this.messages.uncarried(tx, record.id);
    if (pending.length === 0) return fields;
    await this.messages.markCarried(tx, pending.map((m) => m.id), at);
    const language = documentLanguages({ ...fields, requestedCountry: record.requestedCountry }).primary;
    return {
      ...fields,
      priorInformalExchanges: summarizeExchanges(
        fields.priorInformalExchanges,
        pending.map((m) => ({ ...m, createdAt: new Date(m.createdAt) })),
        { requestingCountry: record.requestingCountry, requestedCountry: record.requestedCountry, language },
      ),
    };
  }
}
