import { Injectable } from '@nestjs/common';
import type { OutboxHandler } from '@enlace/outbox';
import type { OutboxEntity } from '@enlace/persistence';
import { JobName } from '@enlace/queue';
import { OverdueService } from './overdue.service.js';

/**
 * The alarm of a deadline: a delayed job whose id is the stage visit's id, run at the due time. The
 * deadline row is the truth; the alarm only asks OverdueService to look at it, which is idempotent.
 */
@Injectable()
export class DeadlineAlarmHandler implements OutboxHandler {
  readonly job = JobName.DeadlineAlarm;

  constructor(private readonly overdue: OverdueService) {}

  async handle(row: OutboxEntity): Promise<void> {
    const visitId = String(row.payload.stageId);
    // Early (the queue's clock and ours differ): fail, so that BullMQ retries it and the alarm stays
    // armed; past its retries, the periodic sweep fires the deadline.
    if ((await this.overdue.fire(visitId)) === 'not_due') throw new Error(`Deadline ${visitId} is not due yet`);
  }
}
