import { Injectable } from '@nestjs/common';
import { StagesRepository, type HistoryEntity, type RequestEntity, type Transaction } from '@enlace/persistence';
import { JobName } from '@enlace/queue';
import { advanceCopyDeadline, datedDeadline, deadlineFor, earlierDeadline, type StageChannel, type StageFacts } from '@enlace/workflows';
import { DECISION_EVENTS, isStage, measureTypesOf, urgentDeadlineOf } from './stages.js';

export type StagedRequest = Pick<RequestEntity, 'id' | 'requestingCountry' | 'requestedCountry' | 'fields' | 'transmittedAt'>;

/**
 * Keeps the stage clocks, inside the transaction of each change of state (the runner calls it right
 * after appending the history row): the visit being left ends, and with it its deadline and alarm;
 * the stage entered starts a visit with its deadline, and the deadline's alarm goes to the outbox to
 * run at the due time. Nothing here decides a transition: the machine did, this records its timing.
 */
@Injectable()
export class StageClock {
  constructor(private readonly stages: StagesRepository) {}

  /**
   * @param request the request as locked, before the change
   * @param entry the history row just appended
   * @param transmittedAt the request's transmission milestone after the change, if reached
   * @param channel the channel of the request's route, if it has one (whose office acts may depend on it)
   * @param advanceCopyConfirmBy the day (YYYY-MM-DD) by which the formal transmission must confirm an
   *   urgent advance copy still unconfirmed: the stage waiting before it is due by then at the latest
   */
  async changed(
    tx: Transaction,
    request: StagedRequest,
    entry: Pick<HistoryEntity, 'event' | 'fromState' | 'toState' | 'at'> & Partial<Pick<HistoryEntity, 'data'>>,
    transmittedAt?: string | Date | null,
    channel?: StageChannel,
    advanceCopyConfirmBy?: string,
  ): Promise<void> {
    const advance = (stage: string, enteredAt: Date) =>
      advanceCopyConfirmBy
        ? advanceCopyDeadline({ stage, enteredAt, requestingCountry: request.requestingCountry, requestedCountry: request.requestedCountry, channel, confirmBy: advanceCopyConfirmBy })
        : null;
    if (entry.fromState === entry.toState) {
      // An advance copy recorded while the request waits: its confirmation day may come before the stage's deadline.
      const deadline = advance(entry.toState, entry.at);
      const visit = deadline && (await this.stages.tightenOpen(tx, request.id, deadline));
      if (visit?.dueAt) await this.stages.armAlarm(tx, JobName.DeadlineAlarm, visit, entry.at);
      return;
    }
    await this.stages.closeOpen(tx, request.id, entry.at, entry.event, DECISION_EVENTS);
    const transmitted = Boolean(transmittedAt ?? request.transmittedAt);
    if (transmitted && !request.transmittedAt) await this.stages.markTransmitted(tx, request.id, DECISION_EVENTS);
    if (!isStage(entry.toState)) return;

    const stage = { stage: entry.toState, enteredAt: entry.at, requestingCountry: request.requestingCountry, requestedCountry: request.requestedCountry };
    // A postponement's date is its own deadline; every other stage has its service level.
    const deadline = earlierDeadline(
      datedDeadline({ ...stage, data: entry.data }) ?? deadlineFor({ ...stage, urgentDeadline: urgentDeadlineOf(request.fields), channel }),
      transmitted ? null : advance(entry.toState, entry.at),
    );
    const visit = await this.stages.open(tx, {
      requestId: request.id,
      stage: entry.toState,
      requestingCountry: request.requestingCountry,
      requestedCountry: request.requestedCountry,
      transmitted,
      measureTypes: measureTypesOf(request.fields),
      enteredAt: entry.at,
      enteredBy: entry.event,
      deadline,
    });
    if (visit.dueAt) await this.stages.armAlarm(tx, JobName.DeadlineAlarm, visit, entry.at);
  }

  /** The stage the request waits in now, as a guard reads it: its deadline and the side that must act. */
  async facts(tx: Transaction, request: Pick<RequestEntity, 'id' | 'requestedCountry'>): Promise<StageFacts | undefined> {
    const visit = await this.stages.openVisit(tx, request.id);
    if (!visit) return undefined;
    return {
      state: visit.stage,
      dueAt: visit.dueAt ? new Date(visit.dueAt).toISOString() : null,
      responsible: visit.responsibleCountry === null ? null : visit.responsibleCountry === request.requestedCountry ? 'requested' : 'requesting',
    };
  }
}
