import { Injectable } from '@nestjs/common';
import type { Principal } from '@enlace/auth';
import { Clock, DomainError, ErrorCode } from '@enlace/core';
import { HistoryRepository, RequestsRepository, type RequestFilter, type RequestRecord, type Transaction } from '@enlace/persistence';
import { StageClock } from '@enlace/turnaround';
import { countryTimeZone, localYear, startRequest, textMaskerFor, type CountryCode, type RequestFields } from '@enlace/workflows';
import { representRequest, stagesFrom, type RequestRepresentation } from './request-representation.js';
import { IdempotentAnswers, type IdempotencyKey } from './idempotent-answers.js';
import { WorkflowRunner, type CommittedChange, type EventCommand } from './workflow-runner.js';

export interface HistoryItem {
  seq: number;
  event: string;
  from: string | null;
  to: string;
  actor: { id: string; role: string; country: string | null };
  comment: string | null;
  at: string;
  /** For an EDIT, the fields it changed (only when asked for: the pages' conflict notice says what changed). */
  fields?: string[];
}

export const formatReference = (from: CountryCode, to: CountryCode, year: number, sequence: number): string =>
  `${from}-${to}-${year}-${String(sequence).padStart(6, '0')}`;

@Injectable()
export class RequestsService {
  constructor(
    private readonly answers: IdempotentAnswers,
    private readonly requests: RequestsRepository,
    private readonly history: HistoryRepository,
    private readonly runner: WorkflowRunner,
    private readonly clock: Clock,
    private readonly stageClock: StageClock,
  ) {}

  async create(
    principal: Principal,
    fields: RequestFields & { requestedCountry: CountryCode },
    idempotency?: IdempotencyKey,
  ): Promise<RequestRepresentation> {
    this.assertMayDraft(principal);
    if (fields.requestedCountry === principal.country) {
      throw new DomainError(ErrorCode.ValidationFailed, 'requestedCountry must be another member country', {
        fields: [{ field: 'requestedCountry', rule: 'not_own_country' }],
      });
    }
    return this.answers.run(principal, idempotency, fields, async (tx) => {
      const { requestedCountry, ...content } = fields;
      return this.get(principal, await this.createIn(tx, principal, requestedCountry, content), tx);
    });
  }

  /** Only an authorized liaison fiscal drafts requests (the cancillería authorizes liaisons beforehand). */
  assertMayDraft(principal: Principal): void {
    if (principal.role !== 'fiscal' || !principal.country) {
      throw new DomainError(ErrorCode.Forbidden, 'Only a fiscal drafts requests');
    }
    if (!principal.authorizedLiaison) {
      throw new DomainError(ErrorCode.LiaisonNotAuthorized, 'You are not an authorized liaison of your country');
    }
  }

  /**
   * Drafts a request inside the caller's transaction (a request of its own, or another country asked
   * in the same case); the caller has checked that this fiscal may. Returns its id.
   */
  async createIn(tx: Transaction, principal: Principal, requestedCountry: CountryCode, content: RequestFields): Promise<string> {
    const requestingCountry = principal.country!;
    const now = this.clock.now();
    // The requesting office's year, as its note numbers (localYear): a draft made at 19:00 on
    // 31 December in Guatemala is one of that year's, though UTC is already in the next.
    const year = localYear(now, countryTimeZone(requestingCountry));
    const sequence = await this.requests.nextReferenceNumber(tx, requestingCountry, year);
    const { state, persisted } = startRequest({ createdById: principal.id, requestingCountry });
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
      authorizedAt: null,
      transmittedAt: null,
      viaCancilleriaAt: null,
      receivedAt: null,
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
  }

  /** Inside a change's transaction (`tx`), what that transaction wrote. */
  async get(principal: Principal, id: string, tx?: Transaction): Promise<RequestRepresentation> {
    const record = await this.requests.findVisible(id, principal, tx);
    if (!record) throw new DomainError(ErrorCode.NotFound, 'No such request');
    return (await this.represent(principal, [record], tx))[0];
  }

  async list(principal: Principal, filter: RequestFilter) {
    const { items, total } = await this.requests.list(principal, filter);
    return { items: await this.represent(principal, items), total, page: filter.page, pageSize: filter.pageSize };
  }

  async edit(principal: Principal, id: string, expectedVersion: number, changes: RequestFields): Promise<RequestRepresentation> {
    return this.answers.run(principal, undefined, changes, async (tx) =>
      this.representWritten(principal, await this.runner.editIn(tx, id, principal, expectedVersion, changes)),
    );
  }

  /**
   * The answer is built in the event's transaction, from the row as the change wrote it: a committed
   * change is never answered with an error.
   */
  async send(principal: Principal, id: string, command: EventCommand, idempotency?: IdempotencyKey): Promise<RequestRepresentation> {
    let change: CommittedChange | undefined;
    const answer = await this.answers.run(principal, idempotency, command, async (tx) => {
      change = await this.runner.sendIn(tx, id, principal, command);
      return this.representWritten(principal, change);
    });
    // Unset when the answer is a replay: nothing changed this time.
    if (change) this.runner.committed(id, command.type, change);
    return answer;
  }

  async historyOf(principal: Principal, id: string, options: { editedFields?: boolean } = {}): Promise<HistoryItem[]> {
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
      ...(options.editedFields && row.event === 'EDIT' ? { fields: ((row.data as { fields?: string[] } | null)?.fields ?? []).slice() } : {}),
    }));
  }

  /**
   * A change's answer, the same as `get` inside its transaction would give, from what the change holds:
   * the row as its UPDATE returned it and the states entered as read with its lock. (Who saw a request
   * still sees it after a change: visibility only widens as milestones are set, and they stay set.)
   */
  private representWritten(principal: Principal, change: CommittedChange): RequestRepresentation {
    return representRequest(change.request, principal, stagesFrom(change.stateChanges));
  }

  private async represent(principal: Principal, records: RequestRecord[], tx?: Transaction): Promise<RequestRepresentation[]> {
    const changes = await this.history.stateChanges(records.map((r) => r.id), tx);
    return records.map((record) =>
      representRequest(record, principal, stagesFrom(changes.filter((c) => c.requestId === record.id))),
    );
  }
}
