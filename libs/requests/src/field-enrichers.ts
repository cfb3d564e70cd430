import { Injectable } from '@nestjs/common';
import { canonicalJson } from '@enlace/core';
import type { RequestRecord, Transaction } from '@enlace/persistence';
import type { RequestEventType, RequestFields, WorkflowActor } from '@enlace/workflows';

export interface EnrichmentInput {
  event: RequestEventType;
  record: RequestRecord;
  /** The fields as they stand, after any enricher that ran before this one. */
  fields: RequestFields;
  actor: WorkflowActor;
  at: Date;
}

/**
 * Completes a request's fields from what the platform itself holds, inside the transaction of an
 * event, before the machine decides; what it returns is persisted with the change (and printed on
 * the document the event produces). The machine stays pure: it only ever sees fields.
 */
export interface FieldEnricher {
  readonly name: string;
  readonly events: readonly RequestEventType[];
  enrich(tx: Transaction, input: EnrichmentInput): Promise<RequestFields>;
}

/**
 * The enrichers of this process. Libraries register theirs when their module starts (e.g. the
 * informal channel's summary of the exchanges at STANDARDIZE); the runner applies them in order.
 */
@Injectable()
export class FieldEnrichers {
  private readonly enrichers: FieldEnricher[] = [];

  register(enricher: FieldEnricher): void {
    if (this.enrichers.some((e) => e.name === enricher.name)) return;
    this.enrichers.push(enricher);
  }

  /** The fields after every enricher for this event, and the names of the fields they changed. */
  async apply(tx: Transaction, input: Omit<EnrichmentInput, 'fields'>): Promise<{ fields: RequestFields; changed: string[] }> {
    let fields = input.record.fields;
    for (const enricher of this.enrichers) {
      if (enricher.events.includes(input.event)) fields = await enricher.enrich(tx, { ...input, fields });
    }
    // No enricher for this event (most of them), or every one gave back the fields it was given: nothing to compare
    // (comparing every field's canonical JSON was a fifth of the runner's own time in an event, SHARE_DRAFT's profile).
    if (fields === input.record.fields) return { fields, changed: [] };
    const before = input.record.fields as Record<string, unknown>;
    const after = fields as Record<string, unknown>;
    const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])]
      .filter((name) => canonicalJson(before[name] ?? null) !== canonicalJson(after[name] ?? null))
      .sort();
    return { fields, changed };
  }
}
