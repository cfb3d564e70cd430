import { HttpException, Injectable, SetMetadata, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, ERROR_STATUS } from '@enlace/core';
import type { AccessAction } from '@enlace/persistence';
import { catchError, concatMap, from, type Observable } from 'rxjs';
import { AccessLogService, outcomeOf } from './access-log.service.js';
import type { Principal } from './principal.js';

const ACCESS = 'enlace:access-log';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface AccessSpec {
  action: AccessAction;
  /** What the route's `:id` names. */
  target: 'request' | 'document' | 'none';
  /** A change (its success is in the request's own history): only refusals are recorded here. */
  refusalsOnly: boolean;
}

/**
 * The route is recorded in the access log: who (the signed-in user, from the API's token or the
 * page's session), what (the action and the request or document its `:id` names), when, and the
 * outcome (allowed, refused with its status, failed). A read is answered only once its line is written.
 */
export const Audited = (action: AccessAction, options: Partial<Omit<AccessSpec, 'action'>> = {}) =>
  SetMetadata(ACCESS, { action, target: options.target ?? 'request', refusalsOnly: options.refusalsOnly ?? false } satisfies AccessSpec);

interface HttpRequest {
  principal?: Principal;
  params?: Record<string, string | undefined>;
  ip?: string;
}

function statusOf(error: unknown): number {
  if (error instanceof DomainError) return ERROR_STATUS[error.code];
  if (error instanceof HttpException) return error.getStatus();
  const status = (error as { statusCode?: number })?.statusCode;
  return typeof status === 'number' ? status : 500;
}

type CaseShown = { members?: { requestId: string }[] };

/** A case read (or a list of cases) is a read of every request it shows. */
function requestsOfCases(action: AccessAction, value: unknown): string[] | null {
  if (action === 'case.read') return ((value as CaseShown)?.members ?? []).map((m) => m.requestId);
  if (action === 'case.list') return ((value as { items?: CaseShown[] })?.items ?? []).flatMap((c) => (c.members ?? []).map((m) => m.requestId));
  return null;
}

@Injectable()
export class AccessLogInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly log: AccessLogService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const spec = this.reflector.get<AccessSpec | undefined>(ACCESS, context.getHandler());
    const request = context.switchToHttp().getRequest<HttpRequest>();
    if (!spec || !request.principal) return next.handle();
    const principal = request.principal;
    const id = request.params?.id;
    const named = id && UUID.test(id) ? id : null;
    const entry = (status: number, requestId: string | null = spec.target === 'request' ? named : null) => ({
      actorId: principal.id,
      actorRole: principal.role,
      actorCountry: principal.country,
      action: spec.action,
      requestId,
      documentId: spec.target === 'document' ? named : null,
      outcome: outcomeOf(status),
      status,
      address: request.ip ?? null,
    });
    return next.handle().pipe(
      concatMap((value) =>
        from(
          (async () => {
            if (!spec.refusalsOnly) {
              const status = context.switchToHttp().getResponse<{ statusCode: number }>().statusCode;
              // A list is a read of every request it carries.
              const listed = spec.action === 'request.list' ? ((value as { items?: { id: string }[] })?.items ?? []).map((i) => i.id) : requestsOfCases(spec.action, value);
              await this.log.record(listed ? listed.map((requestId) => entry(status, requestId)) : [entry(status)]);
            }
            return value;
          })(),
        ),
      ),
      catchError((error: unknown) =>
        from(
          (async () => {
            await this.log.record([entry(statusOf(error))]);
            throw error;
          })(),
        ),
      ),
    );
  }
}
