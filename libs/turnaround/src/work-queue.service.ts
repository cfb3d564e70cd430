import { Injectable } from '@nestjs/common';
import { Clock, DomainError, ErrorCode } from '@enlace/core';
import { StagesRepository, type QueueOrder, type QueuedVisit, type Viewer } from '@enlace/persistence';
import { RESPONSIBLE_OFFICES, daysBetween, officeDay, workingDaysBetween, type CountryCode } from '@enlace/workflows';

export interface WorkQueueItem extends Omit<QueuedVisit, 'enteredAt' | 'dueAt' | 'basis'> {
  enteredAt: string;
  dueAt: string | null;
  /**
   * Days left before the due date (negative: days late), counted as the deadline was: working days on
   * the office's calendar for a working-day service level, calendar days otherwise.
   */
  daysLeft: number | null;
  overdue: boolean;
}

export interface WorkQueue {
  asOf: string;
  items: WorkQueueItem[];
  total: number;
  page: number;
  pageSize: number;
}

/** When a request's current stage is due, and whether that moment has passed. */
export interface StageDue {
  dueAt: string;
  overdue: boolean;
}

const isOverdue = (dueAt: Date, now: Date): boolean => dueAt.getTime() <= now.getTime();

/**
 * An office's work: the requests whose current stage the service levels give to this user's office
 * in this user's country (service-levels.json, "office" and "responsible"). Nothing is decided here
 * about what the user may do with them: that is each request's availableEvents.
 */
@Injectable()
export class WorkQueueService {
  constructor(
    private readonly stages: StagesRepository,
    private readonly clock: Clock,
  ) {}

  async queue(viewer: Viewer, order: QueueOrder, page: { page: number; pageSize: number }): Promise<WorkQueue> {
    if (!viewer.country || !(RESPONSIBLE_OFFICES as readonly string[]).includes(viewer.role)) {
      throw new DomainError(ErrorCode.Forbidden, 'Only an office that acts on requests has a work queue');
    }
    const country = viewer.country;
    const now = this.clock.now();
    const { items, total } = await this.stages.waitingOn(viewer, viewer.role, country, order, { limit: page.pageSize, offset: (page.page - 1) * page.pageSize });
    return {
      asOf: now.toISOString(),
      items: items.map(({ basis, ...visit }) => ({
        ...visit,
        enteredAt: visit.enteredAt.toISOString(),
        dueAt: visit.dueAt?.toISOString() ?? null,
        daysLeft: visit.dueAt === null ? null : daysLeft(country, basis, now, visit.dueAt),
        overdue: visit.dueAt !== null && isOverdue(visit.dueAt, now),
      })),
      total,
      page: page.page,
      pageSize: page.pageSize,
    };
  }

  /**
   * The due date of the current stage of each of these requests (the caller has already read them,
   * so may see them), by request id; a stage without a service level (a draft, a closed request) has none.
   */
  async dueDates(requestIds: readonly string[]): Promise<Map<string, StageDue>> {
    const now = this.clock.now();
    const rows = await this.stages.openDueDates(requestIds);
    return new Map(rows.map((row) => [row.requestId, { dueAt: row.dueAt.toISOString(), overdue: isOverdue(row.dueAt, now) }]));
  }
}

function daysLeft(country: CountryCode, basis: string | null, now: Date, due: Date): number {
  if (basis === 'working_days') return workingDaysBetween(country, now, due);
  // Calendar days on the office's clock, as its deadline was counted: due at the end of its Tuesday, on Tuesday evening, 0.
  return daysBetween(officeDay(country, now), officeDay(country, due));
}
