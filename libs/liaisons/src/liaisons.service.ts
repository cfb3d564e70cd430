import { Injectable } from '@nestjs/common';
import type { Principal } from '@enlace/auth';
import { Clock, DomainError, ErrorCode } from '@enlace/core';
import {
  Database,
  DirectoryHistoryRepository,
  LiaisonDirectoryRepository,
  NotificationsRepository,
  type DirectoryHistoryEntity,
  type DirectoryStatus,
  type LiaisonRecord,
  type LiaisonStatus,
  type NewNotification,
  type Transaction,
} from '@enlace/persistence';
import { COUNTRY_CODES, dateIn, requestMachine, type CountryCode, type WorkflowActor } from '@enlace/workflows';
import {
  isActive,
  mayReadHistory,
  mayTake,
  nextStatus,
  rolesFor,
  standingOf,
  type ManualDirectoryEvent,
  type Standing,
} from './liaison-lifecycle.js';

/** One focal point as the directory lists it. */
export interface DirectoryEntry {
  userId: string;
  name: string;
  email: string;
  office: string | null;
  country: CountryCode;
  status: DirectoryStatus;
  validUntil: string | null;
  /** When the directory last recorded a change of this person (null for one seeded directly). */
  changedAt: string | null;
}

/** A fiscal not (yet) in the directory, whom the admin or their supervisor may nominate. */
export interface Candidate {
  userId: string;
  name: string;
  email: string;
  office: string | null;
  country: CountryCode;
}

export interface DirectoryHistoryItem {
  seq: number;
  event: string;
  from: string;
  to: string;
  validUntil: string | null;
  reason: string | null;
  actor: { id: string; role: string; country: string | null } | null;
  at: string;
}

export interface DirectoryFilter {
  country?: CountryCode;
  status?: DirectoryStatus;
}

// The requests "open" with a liaison are those still in progress: the states from which the
// requesting fiscal may still WITHDRAW (the contract: "any open state"), read off the machine.
const OPEN_STATES = Object.values(requestMachine.root.states)
  .filter((node) => node.transitions.has('WITHDRAW'))
  .map((node) => node.key);

const STORED_FOR: Record<DirectoryStatus, LiaisonStatus> = {
  nominated: 'nominated',
  authorized: 'authorized',
  expired: 'authorized',
  revoked: 'revoked',
};

const PAST_TENSE: Record<ManualDirectoryEvent | 'EXPIRE', string> = {
  NOMINATE: 'nominated',
  AUTHORIZE: 'authorized',
  REVOKE: 'revoked',
  EXPIRE: 'expired',
};

/**
 * The directory of focal points: who is a liaison of which country until when. Every change is one
 * transaction: lock the person's row, check who asks and from which standing, update the standing,
 * append the hash-chained directory history, and notify the person and their counterparts on open
 * requests (the CRM plan's "prompt notice of changes and removals").
 */
@Injectable()
export class LiaisonsService {
  constructor(
    private readonly db: Database,
    private readonly directory: LiaisonDirectoryRepository,
    private readonly history: DirectoryHistoryRepository,
    private readonly notifications: NotificationsRepository,
    private readonly clock: Clock,
  ) {}

  async list(_principal: Principal, filter: DirectoryFilter): Promise<DirectoryEntry[]> {
    const now = this.clock.now();
    const statuses: LiaisonStatus[] = filter.status ? [STORED_FOR[filter.status]] : ['nominated', 'authorized', 'revoked'];
    const rows = await this.directory.list({ country: filter.country, statuses });
    return rows.map((row) => this.entry(row, now)).filter((entry) => !filter.status || entry.status === filter.status);
  }

  /** Fiscales not in the directory: for the admin (any country) and a supervisor (their own). */
  async candidates(principal: Principal, country?: CountryCode): Promise<Candidate[]> {
    if (principal.role !== 'admin' && principal.role !== 'supervisor') {
      throw new DomainError(ErrorCode.Forbidden, 'Only the admin or a supervisor nominates liaisons');
    }
    if (principal.role === 'supervisor' && country && country !== principal.country) {
      throw new DomainError(ErrorCode.Forbidden, "A supervisor nominates their own country's fiscales only");
    }
    const scope = principal.role === 'supervisor' ? (principal.country ?? undefined) : country;
    const rows = await this.directory.list({ country: scope, statuses: ['none'] });
    return rows.map((row) => ({ userId: row.id, name: row.name, email: row.email, office: row.office, country: row.country! }));
  }

  async get(userId: string): Promise<DirectoryEntry> {
    const row = await this.directory.find(userId);
    if (!row || row.role !== 'fiscal') throw new DomainError(ErrorCode.NotFound, 'No such fiscal');
    return this.entry(row, this.clock.now());
  }

  nominate(principal: Principal, userId: string, comment?: string): Promise<DirectoryEntry> {
    return this.change(principal, userId, 'NOMINATE', { reason: comment?.trim() || null });
  }

  authorize(principal: Principal, userId: string, validUntil: string): Promise<DirectoryEntry> {
    return this.change(principal, userId, 'AUTHORIZE', { validUntil });
  }

  revoke(principal: Principal, userId: string, reason: string): Promise<DirectoryEntry> {
    return this.change(principal, userId, 'REVOKE', { reason: reason.trim() });
  }

  async historyOf(principal: Principal, userId: string): Promise<DirectoryHistoryItem[]> {
    const subject = await this.directory.find(userId);
    if (!subject || subject.role !== 'fiscal') throw new DomainError(ErrorCode.NotFound, 'No such fiscal');
    if (!mayReadHistory(principal, subject)) {
      throw new DomainError(ErrorCode.Forbidden, "Only the person, the admin, and their country's cancillería and supervisor read this history");
    }
    const rows = await this.history.listForUser(userId);
    return rows.map((row) => ({
      seq: row.seq,
      event: row.event,
      from: row.fromStatus,
      to: row.toStatus,
      validUntil: row.validUntil,
      reason: row.reason,
      actor: row.actorId ? { id: row.actorId, role: row.actorRole!, country: row.actorCountry } : null,
      at: row.at.toISOString(),
    }));
  }

  /**
   * Records the end of every authorization whose last day has passed, once each, and tells the
   * counterparts. The liaison was refused from that day on already (the standing is derived); this
   * only makes the directory's history and the counterparts' notice catch up. Returns how many.
   */
  async recordExpirations(): Promise<number> {
    const now = this.clock.now();
    let recorded = 0;
    // UTC's date is the latest of the members' (UTC-8 to UTC-4): every end date past in some country
    // is past in UTC; whether it is past in the liaison's own country is checked under the lock.
    for (const userId of await this.directory.expiredUnrecorded(dateIn(null, now))) {
      const done = await this.db.transaction(async (tx) => {
        const subject = await this.directory.lock(tx, userId);
        if (!subject || subject.liaisonStatus !== 'authorized' || !subject.liaisonValidUntil) return false;
        if (standingOf(subject.liaisonStatus, subject.liaisonValidUntil, dateIn(subject.country, now)) !== 'expired') return false;
        if (await this.history.hasExpiry(tx, userId, subject.liaisonValidUntil)) return false;
        const entry = await this.history.append(tx, {
          event: 'EXPIRE',
          userId,
          country: subject.country!,
          fromStatus: 'authorized',
          toStatus: 'expired',
          validUntil: subject.liaisonValidUntil,
          reason: null,
          actorId: null,
          actorRole: null,
          actorCountry: null,
          at: now,
        });
        await this.notify(tx, subject, entry, 'authorized', 'expired', null, now);
        return true;
      });
      if (done) recorded += 1;
    }
    return recorded;
  }

  private async change(
    principal: Principal,
    userId: string,
    event: ManualDirectoryEvent,
    input: { validUntil?: string; reason?: string | null },
  ): Promise<DirectoryEntry> {
    // Someone whose role never takes this step learns nothing about who is in the directory.
    if (!rolesFor(event).includes(principal.role)) throw this.forbidden(event);
    await this.db.transaction(async (tx) => {
      const subject = await this.directory.lock(tx, userId);
      if (!subject || subject.role !== 'fiscal') throw new DomainError(ErrorCode.NotFound, 'No such fiscal');
      if (!mayTake(event, principal, subject)) throw this.forbidden(event);

      const now = this.clock.now();
      // The subject's own date: a Guatemalan cancillería renewing at 19:00 on 31 March "until 1 April" names tomorrow.
      const today = dateIn(subject.country, now);
      const before = standingOf(subject.liaisonStatus, subject.liaisonValidUntil, today);
      const status = nextStatus(event, before);
      if (!status) {
        throw new DomainError(ErrorCode.InvalidTransition, `A liaison who is ${before} cannot be ${PAST_TENSE[event]}`, { status: before });
      }
      if (event === 'AUTHORIZE' && !(input.validUntil! > today)) {
        throw new DomainError(ErrorCode.RuleViolation, 'An authorization runs until a future date', {
          violations: [{ field: 'validUntil', rule: 'must_be_future' }],
        });
      }
      const validUntil = status === 'authorized' ? input.validUntil! : null;
      await this.directory.setStanding(tx, userId, status, validUntil);
      const entry = await this.history.append(tx, {
        event,
        userId,
        country: subject.country!,
        fromStatus: before,
        toStatus: status,
        validUntil,
        reason: input.reason ?? null,
        actorId: principal.id,
        actorRole: principal.role,
        actorCountry: principal.country,
        at: now,
      });
      await this.notify(tx, subject, entry, before, status, principal, now);
    });
    return this.get(userId);
  }

  /**
   * The person is told of their own change (with the reason); each counterpart on an open, shared
   * request is told once, with the references concerned and never the reason, which stays inside the
   * person's own country.
   */
  private async notify(
    tx: Transaction,
    subject: LiaisonRecord,
    entry: DirectoryHistoryEntity,
    before: Standing,
    after: DirectoryStatus,
    actor: Pick<WorkflowActor, 'id'> | null,
    now: Date,
  ): Promise<void> {
    const country = subject.country!;
    const counterparts = await this.directory.counterparts(tx, { id: subject.id, country }, {
      openStates: OPEN_STATES,
      // Each counterpart liaison's authorization is read on their own country's date.
      todayByCountry: Object.fromEntries(COUNTRY_CODES.map((c) => [c, dateIn(c, now)])) as Record<CountryCode, string>,
      sharedWithTheirCountry: isActive(before) || isActive(after),
    });
    const references = new Map<string, string[]>();
    for (const { userId, reference } of counterparts) {
      if (userId === subject.id || userId === actor?.id) continue;
      references.set(userId, [...(references.get(userId) ?? []), reference]);
    }
    const until = entry.validUntil ? ` until ${entry.validUntil}` : '';
    const change = { userId: subject.id, name: subject.name, country, event: entry.event, from: before, to: after, validUntil: entry.validUntil };
    const base = { kind: `liaison.${after}`, requestId: null, causeKey: `directory:${entry.id}`, createdAt: now };
    const rows: NewNotification[] = [
      {
        ...base,
        userId: subject.id,
        message: `Liaison directory: you are ${after}${until}`,
        data: { ...change, reason: entry.reason },
      },
      ...[...references].map(([userId, refs]) => ({
        ...base,
        userId,
        message: `Liaison directory: ${subject.name} (${country}) is ${after}${until}; open requests concerned: ${refs.join(', ')}`,
        data: { ...change, references: refs },
      })),
    ];
    await this.notifications.addAll(rows, tx);
  }

  private entry(row: LiaisonRecord, now: Date): DirectoryEntry {
    return {
      userId: row.id,
      name: row.name,
      email: row.email,
      office: row.office,
      country: row.country!,
      status: standingOf(row.liaisonStatus, row.liaisonValidUntil, dateIn(row.country, now)) as DirectoryStatus,
      validUntil: row.liaisonValidUntil,
      changedAt: row.changedAt ? new Date(row.changedAt).toISOString() : null,
    };
  }

  private forbidden(event: ManualDirectoryEvent): DomainError {
    return new DomainError(
      ErrorCode.Forbidden,
      event === 'NOMINATE'
        ? "Only the admin or the supervisor of the fiscal's country nominates a liaison"
        : "Only the cancillería of the fiscal's own country authorizes or revokes a liaison",
    );
  }
}
