import { Injectable, SetMetadata, createParamDecorator, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, ErrorCode } from '@enlace/core';
import { AuthService } from './auth.service.js';
import type { Principal } from './principal.js';

const PUBLIC = 'enlace:public';
/** A route anyone may call without a token (login, health). */
export const Public = () => SetMetadata(PUBLIC, true);

const ENROLMENT = 'enlace:second-factor-enrolment';
/** A route open to a user who must still enrol a second factor (the enrolment itself, logout). */
export const SecondFactorEnrolment = () => SetMetadata(ENROLMENT, true);

interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  principal?: Principal;
}

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer (\S+)$/i.exec(header) : null;
    const principal = match ? await this.auth.authenticate(match[1]) : null;
    if (!principal) throw new DomainError(ErrorCode.Unauthorized, 'A valid bearer token is required');
    if (principal.mustEnrolSecondFactor && !this.reflector.getAllAndOverride<boolean>(ENROLMENT, [context.getHandler(), context.getClass()])) {
      throw new DomainError(ErrorCode.SecondFactorEnrollmentRequired, 'Your role signs in with a second factor: enrol one first (POST /api/auth/totp/enrol)');
    }
    request.principal = principal;
    return true;
  }
}

/** The signed-in user, as the guard established it. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => context.switchToHttp().getRequest<AuthenticatedRequest>().principal!,
);
