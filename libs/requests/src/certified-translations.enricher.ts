import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AnnexesRepository, type Transaction } from '@enlace/persistence';
import { CERTIFIED_TRANSLATION_KIND, type Language, type RequestEventType, type RequestFields } from '@enlace/workflows';
import { FieldEnrichers, type EnrichmentInput, type FieldEnricher } from './field-enrichers.js';

/**
 * At SUBMIT, the languages of the certified translations annexed to the request are written into its
 * fields (`certifiedTranslations`), so that the machine's translation rule, which sees fields only,
 * counts a certified translation annexed as the translation of every text in its language
 * (workflows/rules/translation.rules.ts). The annexes are read in the event's own transaction.
 */
@Injectable()
export class CertifiedTranslationsEnricher implements FieldEnricher, OnModuleInit {
  readonly name = 'certified-translations';
  readonly events: readonly RequestEventType[] = ['SUBMIT'];

  constructor(
    private readonly enrichers: FieldEnrichers,
    private readonly annexes: AnnexesRepository,
  ) {}

  onModuleInit(): void {
    this.enrichers.register(this);
  }

  async enrich(tx: Transaction, { record, fields }: EnrichmentInput): Promise<RequestFields> {
    const languages = (await this.annexes.languagesOf(tx, record.id, CERTIFIED_TRANSLATION_KIND)) as Language[];
    const { certifiedTranslations: _before, ...rest } = fields;
    return languages.length > 0 ? { ...rest, certifiedTranslations: languages } : rest;
  }
}
