import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '@enlace/core';
import { DocumentScheduler } from '@enlace/documents';
import { OutboxRelay } from '@enlace/outbox';
import {
  Database,
  NotificationsRepository,
  RequestsRepository,
  StagesRepository,
  type RequestRecord,
  type RequestStageEntity,
} from '@enlace/persistence';
import { countryTimeZone, localDate, type CountryCode } from '@enlace/workflows';

/** What an alarm (or the sweep) found: only `overdue` wrote anything. */
export type AlarmOutcome = 'overdue' | 'not_due' | 'left_stage' | 'already_overdue' | 'no_such_visit';

const DAY_MS = 86_400_000;

/** Whole started days since the due time: 1 as soon as the deadline has passed (the SQL figures agree). */
export const daysLate = (dueAt: Date, now: Date): number => Math.max(0, Math.ceil((now.getTime() - dueAt.getTime()) / DAY_MS));

/**
 * A deadline that passed with the request still in its stage "raises its hand": in one transaction,
 * the visit is marked overdue (once: the flag is the guard), the office that must act and the
 * requesting fiscal are notified, and an overdue_notice letter is scheduled. A second alarm, a
 * redelivered job, the sweep or a restarted worker all find the flag set and write nothing.
 */
@Injectable()
export class OverdueService {
  private readonly logger = new Logger(OverdueService.name);

  constructor(
    private readonly db: Database,
    private readonly stages: StagesRepository,
    private readonly requests: RequestsRepository,
    private readonly notifications: NotificationsRepository,
    private readonly documents: DocumentScheduler,
    private readonly relay: OutboxRelay,
    private readonly clock: Clock,
  ) {}

  async fire(visitId: string): Promise<AlarmOutcome> {
    const outcome = await this.db.transaction(async (tx): Promise<AlarmOutcome> => {
      const visit = await this.stages.lockVisit(tx, visitId);
      if (!visit) return 'no_such_visit';
      if (visit.exitedAt) return 'left_stage';
      if (visit.overdueAt) return 'already_overdue';
      const now = this.clock.now();
      // An alarm a little early (clocks differ) does nothing: the sweep fires it once due.
      if (!visit.dueAt || visit.dueAt.getTime() > now.getTime()) return 'not_due';
      if (!(await this.stages.markOverdue(tx, visit.id, now))) return 'already_overdue';

      const request = (await this.requests.findForProcessing(visit.requestId, tx))!;
      const overdue = { stage: visit.stage, dueAt: visit.dueAt.toISOString(), daysLate: daysLate(visit.dueAt, now) };
      // The day due as the office that had to act counts it: the end of its 1 April is 2 April in UTC.
      const dueDay = localDate(visit.dueAt, visit.responsibleCountry ? countryTimeZone(visit.responsibleCountry as CountryCode) : 'UTC');
      const recipients = await this.recipients(visit, request);
      await this.notifications.addAll(
        recipients.map((userId) => ({
          userId,
          kind: 'request.overdue',
          requestId: request.id,
          // The reference and the stage, never case content (the same rule as every notification).
          message: `${request.reference}: ${visit.stage} overdue since ${dueDay} (${overdue.daysLate} day(s) late)`,
          data: { reference: request.reference, ...overdue, office: visit.office, responsibleCountry: visit.responsibleCountry },
          causeKey: `overdue:${visit.id}`,
          createdAt: now,
        })),
        tx,
      );
      await this.documents.schedule(tx, {
        requestId: request.id,
        kind: 'overdue_notice',
        issuedAt: now,
        // The platform reminds on behalf of the requesting prosecution service, in its time zone.
        issuer: { country: request.requestingCountry, role: 'fiscal' },
        source: { fields: request.fields, state: request.state, version: request.version, overdue },
      });
      return 'overdue';
    });
    if (outcome === 'overdue') {
      this.logger.log(`Stage visit ${visitId} is overdue: notice scheduled`);
      this.relay.kick();
    }
    return outcome;
  }

  /**
   * The office that must act (the requesting cancillería while it authorizes and transmits, the
   * requested central authority while it acknowledges and executes, the fiscal while asked for
   * information) and the requesting fiscal, who must know where the request is stuck.
   */
  private async recipients(visit: RequestStageEntity, request: RequestRecord): Promise<string[]> {
    const ids = [request.createdBy];
    const country = visit.responsibleCountry as CountryCode;
    if (visit.office === 'cancilleria' || visit.office === 'central_authority') {
      ids.push(...(await this.notifications.usersWithRole(visit.office, country)));
    }
    return [...new Set(ids)];
  }
}
