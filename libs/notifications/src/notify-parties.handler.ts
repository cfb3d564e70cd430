import { Injectable } from '@nestjs/common';
import { Clock } from '@enlace/core';
import type { OutboxHandler } from '@enlace/outbox';
import { HistoryRepository, NotificationsRepository, RequestsRepository, type OutboxEntity, type RequestRecord } from '@enlace/persistence';
import { JobName } from '@enlace/queue';
import { restoreRequest } from '@enlace/workflows';

/**
 * Tells the parties of a request that it moved: the creating fiscal, the requesting cancillería once
 * the request reached it, the requesting central authority once authorized where it transmits, the
 * requested cancillería once the diplomatic note reached it, the requested central authority once the
 * request reached it, and the requested
 * country's liaisons when a draft is shared with them. The message carries the reference and the
 * step, never case content.
 */
@Injectable()
export class NotifyPartiesHandler implements OutboxHandler {
  readonly job = JobName.NotifyParties;

  constructor(
    private readonly requests: RequestsRepository,
    private readonly history: HistoryRepository,
    private readonly notifications: NotificationsRepository,
    private readonly clock: Clock,
  ) {}

  async handle(row: OutboxEntity): Promise<void> {
    const entry = await this.history.findById(String(row.payload.historyId));
    const request = row.requestId ? await this.requests.findForProcessing(row.requestId) : null;
    if (!entry || !request) return;
    const recipients = (await this.recipients(request, entry.event)).filter((id) => id !== entry.actorId);
    await this.notifications.addAll(
      [...new Set(recipients)].map((userId) => ({
        userId,
        kind: `request.${entry.event.toLowerCase()}`,
        requestId: request.id,
        message: `${request.reference}: ${entry.event} (${entry.fromState} → ${entry.toState})`,
        data: { reference: request.reference, event: entry.event, from: entry.fromState, to: entry.toState, at: entry.at.toISOString() },
        causeKey: `outbox:${row.id}`,
        createdAt: this.clock.now(),
      })),
    );
  }

  private async recipients(request: RequestRecord, event: string): Promise<string[]> {
    const ids = [request.createdBy];
    if (request.submittedAt) ids.push(...(await this.notifications.usersWithRole('cancilleria', request.requestingCountry)));
    if (request.authorizedAt && restoreRequest(request).context.route?.transmitter.role === 'central_authority') {
      ids.push(...(await this.notifications.usersWithRole('central_authority', request.requestingCountry)));
    }
    if (request.viaCancilleriaAt) ids.push(...(await this.notifications.usersWithRole('cancilleria', request.requestedCountry)));
    if (request.receivedAt) ids.push(...(await this.notifications.usersWithRole('central_authority', request.requestedCountry)));
    if (event === 'SHARE_DRAFT') ids.push(...(await this.notifications.authorizedLiaisons(request.requestedCountry, this.clock.now())));
    return ids;
  }
}
