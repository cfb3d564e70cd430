import { Injectable } from '@nestjs/common';
import { Clock, DomainError, ErrorCode } from '@enlace/core';
import { UsersRepository } from '@enlace/persistence';
import { hashPassword, verifyPassword } from './password-hasher.js';
import { toPrincipal, type Principal } from './principal.js';
import { TokenService } from './token.service.js';

export interface LoginResult {
  accessToken: string;
  user: { id: string; email: string; name: string; role: string; country: string | null };
}

@Injectable()
export class AuthService {
  /** Verified against when the e-mail is unknown, so that timing does not tell which e-mails exist. */
  private readonly decoy = hashPassword('enlace-decoy-password');

  constructor(
    private readonly users: UsersRepository,
    private readonly tokens: TokenService,
    private readonly clock: Clock,
  ) {}

  async login(email: string, password: string): Promise<LoginResult> {
    const user = await this.users.findByEmail(email);
    const valid = await verifyPassword(user?.passwordHash ?? (await this.decoy), password);
    if (!user || !valid) throw new DomainError(ErrorCode.Unauthorized, 'E-mail or password is not correct');
    return {
      accessToken: await this.tokens.issue(user.id),
      user: { id: user.id, email: user.email, name: user.name, role: user.role, country: user.country },
    };
  }

  /** The principal behind a bearer token, read fresh so that a revoked liaison is refused at once. */
  async authenticate(token: string): Promise<Principal | null> {
    const userId = await this.tokens.verify(token);
    const user = userId ? await this.users.findById(userId) : null;
    return user ? toPrincipal(user, this.clock.now()) : null;
  }
}
