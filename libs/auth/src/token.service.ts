import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@enlace/config';
import { SignJWT, jwtVerify } from 'jose';


const ISSUER = 'enlace';

/** Short-lived signed access tokens (HS256); the user's rights are re-read on every request. */
@Injectable()
export class TokenService {
  private readonly key: Uint8Array;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    if (!config.tokenSecret) throw new Error('No token secret configured');
    this.key = new TextEncoder().encode(config.tokenSecret);
  }

  issue(userId: string): Promise<string> {
    return new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(`${this.config.tokenTtlSeconds}s`)
      .sign(this.key);
  }

  /** The user id the token was issued to, or null for a token that is bad, expired or not ours. */
  async verify(token: string): Promise<string | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: ['HS256'] });
      return payload.sub ?? null;
    } catch {
      return null;
    }
  }
}
