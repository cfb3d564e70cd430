import { Injectable, Logger } from '@nestjs/common';
import { Clock, DomainError, ErrorCode } from '@enlace/core';
import { DocumentScheduler } from '@enlace/documents';
import { OutboxRelay } from '@enlace/outbox';
import {
  Database,
  HistoryRepository,
  OutboxRepository,
  RequestsRepository,
  type HistoryEntity,
  type LockedRequest,
  type OutboxDraft,
  type RequestRecord,
  type StateChange,
  type Transaction,
} from '@enlace/persistence';
import { JobName } from '@enlace/queue';
import { StageClock } from '@enlace/turnaround';
import { Metrics } from '@enlace/observability';
import {
  decide,
  editRefusal,
  isEditable,
  restoreRequest,
  STAGE_EVENTS,
  type Decision,
  type RequestContext,
  type RequestEffect,
  type RequestEventType,
  type RequestFields,
  type WorkflowActor,
} from '@enlace/workflows';
import { FieldEnrichers } from './field-enrichers.js';

export interface CommittedChange {
  from: string;
  to: string;
  version: number;
  /** The request as the change wrote it (with its creator's name): the answer needs no second read. */
  request: RequestRecord;
  /** The states the request entered, this change's included, oldest first. */
  stateChanges: StateChange[];
}

export interface EventCommand {
  type: RequestEventType;
  expectedVersion: number;
  comment?: string;
  data?: Record<string, unknown>;
}

const REFUSALS: Record<Exclude<Decision, { ok: true }>['reason'], [ErrorCode, string]> = {
  invalid_transition: [ErrorCode.InvalidTransition, 'This event is not allowed in the current state'],
  forbidden: [ErrorCode.Forbidden, 'Your role or country may not send this event'],
  liaison_not_authorized: [ErrorCode.LiaisonNotAuthorized, 'You are not an authorized liaison of your country'],
  incomplete_request: [ErrorCode.IncompleteRequest, 'The request is not complete'],
  rule_violation: [ErrorCode.RuleViolation, 'The request breaks a rule for this pair of countries'],
};

const toDate = (iso: string | undefined): Date | null => (iso ? new Date(iso) : null);

/**
 * The one path every change of a request takes, in one transaction: lock the row, restore the
 * machine, decide, compare-and-set the version, append the hash-chained history row, and write
 * the effects to the outbox. The relay is kicked after commit; its sweep covers a crash in between.
 */
@Injectable()
export class WorkflowRunner {
  private readonly logger = new Logger(WorkflowRunner.name);

  constructor(
    private readonly db: Database,
    private readonly requests: RequestsRepository,
    private readonly history: HistoryRepository,
    private readonly outbox: OutboxRepository,
    private readonly relay: OutboxRelay,
    private readonly clock: Clock,
    private readonly documents: DocumentScheduler,
    private readonly enrichers: FieldEnrichers,
    private readonly stageClock: StageClock,
    private readonly metrics: Metrics,
  ) {}

  async send(id: string, actor: WorkflowActor, command: EventCommand): Promise<void> {
    const change = await this.db.transaction((tx) => this.sendIn(tx, id, actor, command));
    this.committed(id, command.type, change);
  }

  /** After the commit of a change made by `sendIn`: said in the log, counted, its effects handed to the queue. */
  committed(id: string, event: string, change: CommittedChange): void {
    this.logger.log(`Request ${id}: ${event} ${change.from} -> ${change.to}, version ${change.version}`);
    this.metrics.transitions.inc({ event });
    this.relay.kick();
  }

  /** `send` inside the caller's transaction; the caller kicks the relay after its commit. */
  async sendIn(tx: Transaction, id: string, actor: WorkflowActor, command: EventCommand): Promise<CommittedChange> {
    const lock = await this.lock(tx, id, actor, command.expectedVersion);
    const locked = lock.record;
    const at = this.clock.now();
    // What the platform completes by itself for this event (e.g. the informal exchanges carried into
    // the form at STANDARDIZE), decided on and persisted with the change, or with nothing if refused.
    const enriched = await this.enrichers.apply(tx, { event: command.type, record: locked, actor, at });
    const record = { ...locked, fields: enriched.fields };
    const decision = decide(restoreRequest(record), {
      type: command.type,
      actor,
      at: at.toISOString(),
      comment: command.comment,
      data: command.data,
      request: { ...record.fields, requestedCountry: record.requestedCountry },
      // The stage's deadline, for the guards that depend on it (a reminder once it has passed).
      stage: STAGE_EVENTS.includes(command.type) ? await this.stageClock.facts(tx, record) : undefined,
    });
    if (!decision.ok) {
      const [code, generic] = REFUSALS[decision.reason];
      // A refusal that time lifts says from when (a reminder before the stage's deadline).
      const possibleFrom = 'gaps' in decision ? decision.gaps.violations.find((v) => v.possibleFrom)?.possibleFrom : undefined;
      const message = possibleFrom ? `A reminder is possible once the stage's deadline has passed: after ${possibleFrom}` : generic;
      throw new DomainError(code, message, 'gaps' in decision ? { ...decision.gaps } : { state: record.state });
    }
    const { entry, written } = await this.commit(tx, lock, record, command.expectedVersion, actor, at, {
      event: command.type,
      toState: decision.state,
      machineVersion: decision.persisted.machineVersion,
      snapshot: decision.persisted.snapshot,
      milestones: decision.context.milestones,
      fields: record.fields,
      comment: command.comment ?? null,
      data: enriched.changed.length > 0 ? { ...command.data, enrichedFields: enriched.changed } : (command.data ?? null),
    });
    // The stage left ends and the stage entered starts its clock (and deadline), in this transaction.
    const advanceCopy = decision.context.advanceCopy;
    await this.stageClock.changed(tx, record, entry, decision.context.milestones.transmittedAt, decision.context.route?.channel, advanceCopy && !advanceCopy.confirmedAt ? advanceCopy.confirmBy : undefined);
    await this.carryOut(tx, record, entry, decision.effects, at);
    return written;
  }

  /** The creating fiscal's change of content, versioned and recorded like any other change. */
  async edit(id: string, actor: WorkflowActor, expectedVersion: number, changes: RequestFields): Promise<void> {
    await this.db.transaction((tx) => this.editIn(tx, id, actor, expectedVersion, changes));
  }

  /** `edit` inside the caller's transaction. */
  async editIn(tx: Transaction, id: string, actor: WorkflowActor, expectedVersion: number, changes: RequestFields): Promise<CommittedChange> {
    const lock = await this.lock(tx, id, actor, expectedVersion);
    const record = lock.record;
    const snapshot = restoreRequest(record);
    const refusal = editRefusal(snapshot.context, actor);
    if (refusal) {
      const [code] = REFUSALS[refusal];
      throw new DomainError(code, refusal === 'forbidden' ? 'Only the creating fiscal may edit the request' : REFUSALS[refusal][1]);
    }
    if (!isEditable(snapshot)) {
      throw new DomainError(ErrorCode.InvalidTransition, `A request in state ${record.state} can no longer be edited`, {
        state: record.state,
      });
    }
    if (changes.requestedCountry && changes.requestedCountry !== record.requestedCountry) {
      // The reference (GT-MX-2026-000123) names the requested country: a new country is a new request.
      throw new DomainError(ErrorCode.RuleViolation, 'The requested country cannot change after creation', {
        violations: [{ field: 'requestedCountry', rule: 'immutable' }],
      });
    }
    const fields = mergeFields(record.fields, changes);
    const { written } = await this.commit(tx, lock, record, expectedVersion, actor, this.clock.now(), {
      event: 'EDIT',
      toState: record.state,
      machineVersion: record.machineVersion,
      snapshot: record.snapshot,
      milestones: snapshot.context.milestones,
      fields,
      comment: null,
      data: { fields: Object.keys(changes).sort() },
    });
    return written;
  }

  /**
   * Locks a request its creating fiscal may still change (what PATCH checks), for a change that is not
   * of its fields (an annex): 404 unseen, 403 another user, 409 past the editable states.
   */
  async lockEditable(tx: Transaction, id: string, actor: WorkflowActor): Promise<RequestRecord> {
    const record = await this.requests.lockVisible(tx, id, actor);
    if (!record) throw new DomainError(ErrorCode.NotFound, 'No such request');
    const snapshot = restoreRequest(record);
    const refusal = editRefusal(snapshot.context, actor);
    if (refusal) throw new DomainError(REFUSALS[refusal][0], refusal === 'forbidden' ? 'Only the creating fiscal may attach files to the request' : REFUSALS[refusal][1]);
    if (!isEditable(snapshot)) {
      throw new DomainError(ErrorCode.InvalidTransition, `A request in state ${record.state} can no longer be changed`, { state: record.state });
    }
    return record;
  }

  /** The row locked with the history the change needs (its chain's last link, the states it entered), in one statement. */
  private async lock(tx: Transaction, id: string, actor: WorkflowActor, expectedVersion: number): Promise<LockedRequest> {
    const locked = await this.requests.lockVisibleWithHistory(tx, id, actor);
    if (!locked) throw new DomainError(ErrorCode.NotFound, 'No such request');
    if (locked.record.version !== expectedVersion) {
      throw new DomainError(ErrorCode.VersionConflict, `The request is at version ${locked.record.version}, not ${expectedVersion}`, {
        currentVersion: locked.record.version,
      });
    }
    return locked;
  }

  private async commit(
    tx: Transaction,
    lock: LockedRequest,
    record: RequestRecord,
    expectedVersion: number,
    actor: WorkflowActor,
    at: Date,
    change: {
      event: string;
      toState: string;
      machineVersion: number;
      snapshot: unknown;
      milestones: RequestContext['milestones'];
      fields: RequestFields;
      comment: string | null;
      data: Record<string, unknown> | null;
    },
  ): Promise<{ entry: HistoryEntity; written: CommittedChange }> {
    const updated = await this.requests.compareAndSet(tx, record.id, expectedVersion, {
      state: change.toState as RequestRecord['state'],
      machineVersion: change.machineVersion,
      snapshot: change.snapshot,
      fields: change.fields,
      sharedAt: toDate(change.milestones.sharedAt),
      submittedAt: toDate(change.milestones.submittedAt),
      authorizedAt: toDate(change.milestones.authorizedAt),
      transmittedAt: toDate(change.milestones.transmittedAt),
      viaCancilleriaAt: toDate(change.milestones.viaCancilleriaAt),
      receivedAt: toDate(change.milestones.receivedAt),
      updatedAt: at,
    });
    if (!updated) throw new DomainError(ErrorCode.VersionConflict, 'The request changed meanwhile', {});
    const entry = await this.history.append(
      tx,
      {
        requestId: record.id,
        event: change.event,
        fromState: record.state,
        toState: change.toState,
        actorId: actor.id,
        actorRole: actor.role,
        actorCountry: actor.country,
        comment: change.comment,
        data: change.data,
        at,
      },
      lock.lastLink,
    );
    const entered = entry.fromState !== entry.toState ? [{ toState: entry.toState, at: entry.at }] : [];
    return {
      entry,
      written: {
        from: record.state,
        to: change.toState,
        version: updated.version,
        request: { ...updated, createdByName: record.createdByName },
        stateChanges: [...lock.stateChanges, ...entered],
      },
    };
  }

  /** Writes each effect the machine named: a pending document, or a notification job. */
  private async carryOut(tx: Transaction, record: RequestRecord, entry: HistoryEntity, effects: RequestEffect[], at: Date): Promise<void> {
    // Every outbox row of the change in one insert, in the order of the effects.
    const jobs: OutboxDraft[] = [];
    for (const effect of effects) {
      if (effect.type === 'renderDocument') {
        // Beyond kind and revision, what the machine gave the document to print (a reminder's late stage).
        const { kind, revision, ...printed } = effect.params;
        const { render } = await this.documents.record(tx, {
          requestId: record.id,
          kind,
          revision,
          issuedAt: at,
          issuer: { country: entry.actorCountry, role: entry.actorRole },
          source: {
            fields: record.fields,
            state: entry.toState,
            version: record.version + 1,
            event: { type: entry.event, actorId: entry.actorId, comment: entry.comment, data: entry.data, historyId: entry.id },
            ...printed,
          },
        });
        jobs.push(render);
      } else {
        jobs.push({ requestId: record.id, job: JobName.NotifyParties, payload: { ...effect.params, historyId: entry.id } });
      }
    }
    await this.outbox.add(tx, jobs, at);
  }
}

/** Each field given replaces the stored one; null removes an optional field. */
function mergeFields(current: RequestFields, changes: RequestFields): RequestFields {
  const merged: Record<string, unknown> = { ...current };
  for (const [name, value] of Object.entries(changes)) {
    if (value === null) delete merged[name];
    else if (value !== undefined) merged[name] = value;
  }
  return merged as RequestFields;
}
