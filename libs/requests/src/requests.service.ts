import { Injectable } from '@nestjs/common';
import type { Principal } from '@enlace/auth';
import { Clock, DomainError, ErrorCode } from '@enlace/core';
import { Database, HistoryRepository, RequestsRepository, type RequestFilter, type RequestRecord } from '@enlace/persistence';
import { StageClock } from '@enlace/turnaround';
import { startRequest, textMaskerFor, type CountryCode, type RequestFields } from '@enlace/workflows';
import { representRequest, stagesFrom, type RequestRepresentation } from './request-representation.js';
import { WorkflowRunner, type EventCommand } from './workflow-runner.js';

export interface HistoryItem {
  seq: number;
  event: string;
  from: string | null;
  to: string;
  actor: { id: string; role: string; country: string | null };
  comment: string | null;
  at: string;
}

export const formatReference = (from: CountryCode, to: CountryCode, year: number, sequence: number): string =>
  `${from}-${to}-${year}-${String(sequence).padStart(6, '0')}`;

@Injectable()
export class RequestsService {
  constructor(
    private readonly db: Database,
    private readonly requests: RequestsRepository,
    private readonly history: HistoryRepository,
    private readonly runner: WorkflowRunner,
    private readonly clock: Clock,
    private readonly stageClock: StageClock,
  ) {}

  async create(principal: Principal, fields: RequestFields & { requestedCountry: CountryCode }): Promise<RequestRepresentation> {
    if (principal.role !== 'fiscal' || !principal.country) {
      throw new DomainError(ErrorCode.Forbidden, 'Only a fiscal drafts requests');
    }
    if (!principal.authorizedLiaison) {
      throw new DomainError(ErrorCode.LiaisonNotAuthorized, 'You are not an authorized liaison of your country');
    }
    if (fields.requestedCountry === principal.country) {
      throw new DomainError(ErrorCode.ValidationFailed, 'requestedCountry must be another member country', {
        fields: [{ field: 'requestedCountry', rule: 'not_own_country' }],
      });
    }
    const requestingCountry = principal.country;
    const now = this.clock.now();
    const id = await this.db.transaction(async (tx) => {
      const year = now.getUTCFullYear();
      const sequence = await this.requests.nextReferenceNumber(tx, requestingCountry, year);
      const { state, persisted } = startRequest({ createdById: principal.id, requestingCountry });
      const { requestedCountry, ...content } = fields;
      const record = await this.requests.insert(tx, {
        reference: formatReference(requestingCountry, requestedCountry, year, sequence),
        requestingCountry,
        requestedCountry,
        createdBy: principal.id,
        state,
        version: 1,
        ...persisted,
        fields: content,
        sharedAt: null,
        submittedAt: null,
        transmittedAt: null,
        createdAt: now,
        updatedAt: now,
      });
      const created = await this.history.append(tx, {
        requestId: record.id,
        event: 'CREATE',
        fromState: null,
        toState: state,
        actorId: principal.id,
        actorRole: principal.role,
        actorCountry: principal.country,
        comment: null,
        data: null,
        at: now,
      });
      await this.stageClock.changed(tx, record, created);
      return record.id;
    });
    return this.get(principal, id);
  }

  async get(principal: Principal, id: string): Promise<RequestRepresentation> {
    const record = await this.requests.findVisible(id, principal);
    if (!record) throw new DomainError(ErrorCode.NotFound, 'No such request');
    return (await this.represent(principal, [record]))[0];
  }

  async list(principal: Principal, filter: RequestFilter) {
    const { items, total } = await this.requests.list(principal, filter);
    return { items: await this.represent(principal, items), total, page: filter.page, pageSize: filter.pageSize };
  }

  async edit(principal: Principal, id: string, expectedVersion: number, changes: RequestFields): Promise<RequestRepresentation> {
    await this.runner.edit(id, principal, expectedVersion, changes);
    return this.get(principal, id);
  }

  async send(principal: Principal, id: string, command: EventCommand): Promise<RequestRepresentation> {
    await this.runner.send(id, principal, command);
    return this.get(principal, id);
  }

  async historyOf(principal: Principal, id: string): Promise<HistoryItem[]> {
    const request = await this.requests.findVisible(id, principal);
    if (!request) throw new DomainError(ErrorCode.NotFound, 'No such request');
    const mask = textMaskerFor(principal, request);
    const rows = await this.history.listForRequest(id);
    return rows.map((row) => ({
      seq: row.seq,
      event: row.event,
      from: row.fromState,
      to: row.toState,
      actor: { id: row.actorId, role: row.actorRole, country: row.actorCountry },
      comment: row.comment === null ? null : mask(row.comment),
      at: row.at.toISOString(),
    }));
  }

  private async represent(principal: Principal, records: RequestRecord[]): Promise<RequestRepresentation[]> {
    const changes = await this.history.stateChanges(records.map((r) => r.id));
    return records.map((record) =>
      representRequest(record, principal, stagesFrom(changes.filter((c) => c.requestId === record.id))),
    );
  }
}
