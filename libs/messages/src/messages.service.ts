import { Injectable } from '@nestjs/common';
import type { Principal } from '@enlace/auth';
import { Clock, DomainError, ErrorCode } from '@enlace/core';
import {
  Database,
  NotificationsRepository,
  RequestMessagesRepository,
  RequestsRepository,
  type RequestMessageRecord,
  type RequestRecord,
  type Transaction,
} from '@enlace/persistence';
import { isEditable, restoreRequest, textMaskerFor, type TextMasker } from '@enlace/workflows';
import { channelRole } from './message-access.js';

export interface MessageView {
  id: string;
  requestId: string;
  author: { id: string; name: string; office: string | null; role: string; country: string };
  body: string;
  createdAt: string;
  /** When the message was carried into the request's priorInformalExchanges; null until then. */
  carriedAt: string | null;
}

const NOT_FOUND = () => new DomainError(ErrorCode.NotFound, 'No such request');

/**
 * The informal channel on a shared draft, between the requesting fiscal and the requested country's
 * authorized liaisons (CRM plan, Axis 2 Action 2: the informal exchange should lead to a formal
 * request instead of staying in e-mail). Confidential: whoever may not read it gets 404.
 */
@Injectable()
export class MessagesService {
  constructor(
    private readonly db: Database,
    private readonly requests: RequestsRepository,
    private readonly messages: RequestMessagesRepository,
    private readonly notifications: NotificationsRepository,
    private readonly clock: Clock,
  ) {}

  async list(principal: Principal, requestId: string): Promise<MessageView[]> {
    const request = await this.requests.findVisible(requestId, principal);
    if (!request || channelRole(principal, request) === null) throw NOT_FOUND();
    const mask = textMaskerFor(principal, request);
    return (await this.messages.listForRequest(requestId)).map((m) => view(m, mask));
  }

  async post(principal: Principal, requestId: string, body: string): Promise<MessageView> {
    const id = await this.db.transaction(async (tx) => {
      // The request's lock orders a message against STANDARDIZE and SUBMIT, which carry the messages
      // into the form: a message is either carried by them or posted after them, never lost between.
      const request = await this.requests.lockVisible(tx, requestId, principal);
      const role = request ? channelRole(principal, request) : null;
      if (!request || role === null) throw NOT_FOUND();
      if (role === 'reader') throw new DomainError(ErrorCode.Forbidden, 'The cancillería reads the informal exchanges but does not take part');
      if (!principal.authorizedLiaison) {
        throw new DomainError(ErrorCode.LiaisonNotAuthorized, 'You are not an authorized liaison of your country');
      }
      if (!request.sharedAt) {
        throw new DomainError(ErrorCode.InvalidTransition, 'Share the draft (SHARE_DRAFT) before exchanging messages on it', {
          state: request.state,
        });
      }
      // Once the request has gone to the cancillería, the formal channel takes over: what is said
      // informally after that could no longer reach the form.
      if (!isEditable(restoreRequest(request))) {
        throw new DomainError(ErrorCode.InvalidTransition, 'The informal channel is closed once the request was submitted', {
          state: request.state,
        });
      }
      const now = this.clock.now();
      const messageId = await this.messages.insert(tx, {
        requestId,
        authorId: principal.id,
        authorRole: principal.role,
        authorCountry: principal.country!,
        body,
        createdAt: now,
      });
      await this.notifyOthers(request, principal, messageId, now, tx);
      return messageId;
    });
    const posted = (await this.messages.listForRequest(requestId)).find((m) => m.id === id)!;
    const request = (await this.requests.findVisible(requestId, principal))!;
    return view(posted, textMaskerFor(principal, request));
  }

  /** The other parties to the channel learn that there is a message, not what it says. */
  private async notifyOthers(
    request: RequestRecord,
    author: Principal,
    messageId: string,
    now: Date,
    tx: Transaction,
  ): Promise<void> {
    const liaisons = await this.notifications.authorizedLiaisons(request.requestedCountry, now);
    const recipients = [...new Set([request.createdBy, ...liaisons])].filter((id) => id !== author.id);
    await this.notifications.addAll(
      recipients.map((userId) => ({
        userId,
        kind: 'request.message',
        requestId: request.id,
        message: `${request.reference}: new message from ${author.name} (${author.country})`,
        data: { reference: request.reference, messageId, author: { id: author.id, name: author.name, country: author.country } },
        causeKey: `message:${messageId}`,
        createdAt: now,
      })),
      tx,
    );
  }
}

function view(message: RequestMessageRecord, mask: TextMasker): MessageView {
  return {
    id: message.id,
    requestId: message.requestId,
    author: {
      id: message.authorId,
      name: message.authorName,
      office: message.authorOffice,
      role: message.authorRole,
      country: message.authorCountry,
    },
    body: mask(message.body),
    createdAt: new Date(message.createdAt).toISOString(),
    carriedAt: message.carriedAt ? new Date(message.carriedAt).toISOString() : null,
  };
}
