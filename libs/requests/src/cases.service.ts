import { Injectable } from '@nestjs/common';
import type { Principal } from '@enlace/auth';
import { Clock, DomainError, ErrorCode } from '@enlace/core';
import { CasesRepository, RequestsRepository, type CaseFilter, type CaseRow, type Transaction } from '@enlace/persistence';
import { WorkQueueService } from '@enlace/turnaround';
import { COUNTRY_CODES, alsoAskRefusal, fieldsForAnotherCountry, type CountryCode } from '@enlace/workflows';
import { IdempotentAnswers, type IdempotencyKey } from './idempotent-answers.js';
import { representRequest, type RequestRepresentation } from './request-representation.js';
import { RequestsService } from './requests.service.js';

/** One request of a case, as far as this viewer may see that request. */
export interface CaseMemberView {
  requestId: string;
  reference: string;
  requestedCountry: string;
  /** As the viewer may read it (protected persons masked, as in the request). */
  title: string | null;
  state: string;
  route: RequestRepresentation['route'];
  /** When the current stage is due, where it has a service level; null otherwise. */
  dueAt: string | null;
  overdue: boolean;
  addedAt: string;
}

/** A case as the contract shows it: the investigation and the members this viewer may see. */
export interface CaseRepresentation {
  id: string;
  investigationReference: string;
  requestingCountry: string;
  office: string | null;
  createdAt: string;
  members: CaseMemberView[];
}

export interface AlsoAskAnswer {
  /** The new draft to the other country. */
  request: RequestRepresentation;
  case: CaseRepresentation;
}

/**
 * One investigation, several countries: a case groups the requests of one investigation (a smuggling
 * route GT -> MX -> US), each to one country with its own route and lifecycle. Each member is shown
 * only as far as the viewer may see that request, so a requested country sees its own request and
 * never the others asked.
 */
@Injectable()
export class CasesService {
  constructor(
    private readonly answers: IdempotentAnswers,
    private readonly cases: CasesRepository,
    private readonly requests: RequestsRepository,
    private readonly requestsService: RequestsService,
    private readonly workQueue: WorkQueueService,
    private readonly clock: Clock,
  ) {}

  /**
   * "Also ask Y": a new draft to country Y with what carries over from this request (workflows/case),
   * both in the same case, which is opened if the request had none. Only the fiscal who drafted the
   * request asks; the new request is that fiscal's like any other.
   */
  async alsoAsk(principal: Principal, requestId: string, to: CountryCode, idempotency?: IdempotencyKey): Promise<AlsoAskAnswer> {
    this.requestsService.assertMayDraft(principal);
    return this.answers.run(principal, idempotency, { requestedCountry: to }, async (tx) => {
      const source = await this.requests.lockVisible(tx, requestId, principal);
      if (!source) throw new DomainError(ErrorCode.NotFound, 'No such request');
      if (source.createdBy !== principal.id) {
        throw new DomainError(ErrorCode.Forbidden, 'Only the fiscal who drafted this request asks another country in its case');
      }
      const now = this.clock.now();
      const existing = await this.cases.lockCaseOf(tx, source.id);
      const asked = existing ? (await this.cases.members(existing.id, tx)).map((m) => m.requestedCountry) : [source.requestedCountry];
      const refusal = alsoAskRefusal(to, source.requestingCountry, asked);
      if (refusal === 'not_own_country') {
        throw new DomainError(ErrorCode.ValidationFailed, 'requestedCountry must be another member country', {
          fields: [{ field: 'requestedCountry', rule: refusal }],
        });
      }
      if (refusal) {
        throw new DomainError(ErrorCode.RuleViolation, `${to} is already asked in this case`, {
          violations: [{ field: 'requestedCountry', rule: refusal }],
        });
      }
      const kase =
        existing ??
        (await this.cases.create(tx, {
          investigationReference: source.fields.caseReference?.trim() || source.reference,
          requestingCountry: source.requestingCountry,
          office: principal.office,
          createdBy: principal.id,
          createdAt: now,
        }));
      if (!existing) await this.cases.addMember(tx, kase.id, source.id, now);
      const createdId = await this.requestsService.createIn(tx, principal, to, fieldsForAnotherCountry(source.fields));
      await this.cases.addMember(tx, kase.id, createdId, now);
      return { request: await this.requestsService.get(principal, createdId, tx), case: await this.represent(principal, kase, tx) };
    });
  }

  /** Whether this user may ask another country from this request: the fiscal who drafted it, while an authorized liaison. */
  alsoAskOffered(principal: Principal, request: { createdBy: { id: string } }): boolean {
    return principal.role === 'fiscal' && principal.authorizedLiaison && request.createdBy.id === principal.id;
  }

  /** The countries that may still be asked from this request: not the requesting one, none already in its case. */
  async countriesToAsk(principal: Principal, request: { id: string; requestingCountry: string; requestedCountry: string }): Promise<CountryCode[]> {
    const kase = await this.caseOf(principal, request.id);
    const asked = kase ? kase.members.map((m) => m.requestedCountry) : [request.requestedCountry];
    return COUNTRY_CODES.filter((code) => alsoAskRefusal(code, request.requestingCountry as CountryCode, asked as CountryCode[]) === null);
  }

  async get(principal: Principal, caseId: string): Promise<CaseRepresentation> {
    const kase = await this.cases.find(caseId);
    const represented = kase && (await this.represent(principal, kase));
    if (!represented || represented.members.length === 0) throw new DomainError(ErrorCode.NotFound, 'No such case');
    return represented;
  }

  async list(principal: Principal, filter: CaseFilter) {
    const { items, total } = await this.cases.listVisible(principal, filter);
    return { items: await Promise.all(items.map((kase) => this.represent(principal, kase))), total, page: filter.page, pageSize: filter.pageSize };
  }

  /** The case a request belongs to, as this viewer sees it; null when it belongs to none (or the request is not the viewer's to see). */
  async caseOf(principal: Principal, requestId: string): Promise<CaseRepresentation | null> {
    const { items } = await this.list(principal, { requestId, page: 1, pageSize: 1 });
    return items[0] ?? null;
  }

  private async represent(principal: Principal, kase: CaseRow, tx?: Transaction): Promise<CaseRepresentation> {
    const visible = await this.cases.visibleMembers(kase.id, principal, tx);
    const records = (await Promise.all(visible.map((m) => this.requests.findVisible(m.requestId, principal, tx)))).filter((r) => r !== null);
    const due = await this.workQueue.dueDates(records.map((r) => r.id));
    const addedAt = new Map(visible.map((m) => [m.requestId, m.addedAt]));
    const members = records.map((record): CaseMemberView => {
      const shown = representRequest(record, principal, []);
      const stage = due.get(record.id);
      return {
        requestId: record.id,
        reference: record.reference,
        requestedCountry: record.requestedCountry,
        title: shown.title ?? null,
        state: record.state,
        route: shown.route,
        dueAt: stage?.dueAt ?? null,
        overdue: stage?.overdue ?? false,
        addedAt: addedAt.get(record.id)!.toISOString(),
      };
    });
    return {
      id: kase.id,
      investigationReference: kase.investigationReference,
      requestingCountry: kase.requestingCountry,
      office: kase.office,
      createdAt: kase.createdAt.toISOString(),
      members,
    };
  }
}
