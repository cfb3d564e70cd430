import { Injectable } from '@nestjs/common';
import { Clock, DomainError, ErrorCode } from '@enlace/core';
import { AccessLogRepository, RequestsRepository, accessRecord, type AccessAction, type AccessEntry, type AccessOutcome, type AccessRecord, type AccessRow } from '@enlace/persistence';
import type { Principal } from './principal.js';

/** One line of "who has seen this case", as the requesting country's supervisor reads it. */
export interface CaseAccessView {
  seq: number;
  at: string;
  actor: { id: string | null; name: string | null; role: string | null; country: string | null };
  action: AccessAction;
  documentId: string | null;
  outcome: AccessOutcome;
  status: number;
}

/** One row of the admin's export: every field, with the chain's links so that the export can be checked too. */
export type AccessExportRow = AccessRecord & { hash: string };

/** The most rows one export carries: a longer period is exported in parts. */
export const ACCESS_EXPORT_LIMIT = 100_000;
const DAY_MS = 86_400_000;

/** What happened, as an HTTP status says it: 2xx allowed, 4xx refused, anything else failed. */
export const outcomeOf = (status: number): AccessOutcome => (status < 400 ? 'allowed' : status < 500 ? 'refused' : 'failed');

/**
 * Who looked (the access log): records reads, refusals and sign-ins, and answers the two questions
 * asked of it: the requesting country's supervisor's "who has seen this case", and the admin's export.
 */
@Injectable()
export class AccessLogService {
  constructor(
    private readonly log: AccessLogRepository,
    private readonly requests: RequestsRepository,
    private readonly clock: Clock,
  ) {}

  record(entries: Omit<AccessEntry, 'at'>[]): Promise<void> {
    const at = this.clock.now();
    return this.log.append(entries.map((e) => ({ ...e, at })));
  }

  /** A sign-in, by whoever the e-mail names (nobody when no account has it). */
  signIn(user: { id: string; role: string; country: string | null } | null, status: number, address: string): Promise<void> {
    return this.record([
      {
        actorId: user?.id ?? null,
        actorRole: user?.role ?? null,
        actorCountry: user?.country ?? null,
        action: 'sign_in',
        requestId: null,
        documentId: null,
        outcome: outcomeOf(status),
        status,
        address,
      },
    ]);
  }

  /**
   * The requesting country's supervisor answers for its prosecutors' cases, and so reads who has
   * seen them; nobody else does (the requested side's supervisor included: the log shows its own
   * country's and the other's officials alike).
   */
  async forCase(principal: Principal, requestId: string): Promise<CaseAccessView[]> {
    if (principal.role !== 'supervisor') throw new DomainError(ErrorCode.Forbidden, 'Only the requesting country’s supervisor reads who has seen a case');
    const request = await this.requests.findVisible(requestId, principal);
    if (!request) throw new DomainError(ErrorCode.NotFound, 'No such request');
    if (request.requestingCountry !== principal.country) {
      throw new DomainError(ErrorCode.Forbidden, 'Only the requesting country’s supervisor reads who has seen a case');
    }
    return (await this.log.forRequest(requestId)).map((row) => ({
      seq: row.seq,
      at: row.at.toISOString(),
      actor: { id: row.actorId, name: row.actorName, role: row.actorRole, country: row.actorCountry },
      action: row.action,
      documentId: row.documentId,
      outcome: row.outcome,
      status: row.status,
    }));
  }

  /** The admin exports the log of a period (days, UTC, both included). */
  async export(principal: Principal, from: string, to: string): Promise<AccessExportRow[]> {
    if (principal.role !== 'admin') throw new DomainError(ErrorCode.Forbidden, 'Only the administrator exports the access log');
    if (to < from) throw new DomainError(ErrorCode.ValidationFailed, 'to: must not be before from', { fields: [{ field: 'to', rule: 'not_before_from' }] });
    const rows = await this.log.between(new Date(`${from}T00:00:00Z`), new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS), ACCESS_EXPORT_LIMIT);
    return rows.map(exportRow);
  }
}

const exportRow = (row: AccessRow): AccessExportRow => ({ ...accessRecord(row), hash: row.hash });

const CSV_COLUMNS: (keyof AccessExportRow)[] = ['seq', 'at', 'actorId', 'actorRole', 'actorCountry', 'action', 'requestId', 'documentId', 'outcome', 'status', 'address', 'prevHash', 'hash'];

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180, the JSON's columns in order. */
export const accessLogCsv = (rows: AccessExportRow[]): string =>
  [CSV_COLUMNS.join(','), ...rows.map((row) => CSV_COLUMNS.map((c) => cell(row[c])).join(','))].join('\r\n') + '\r\n';
