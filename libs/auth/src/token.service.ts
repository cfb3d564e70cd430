import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@enlace/config';
import { SignJWT, jwtVerify } from 'jose';

const ISSUER = 'enlace';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Seconds of disagreement tolerated between the clocks of the API processes. */
const CLOCK_TOLERANCE_SECONDS = 5;

/** What a valid token says: whose it is and of which of their session generations. */
export interface TokenClaims {
  userId: string;
  generation: number;
}

/** Short-lived signed access tokens (HS256); the user's rights are re-read on every request. */
@Injectable()
export class TokenService {
  private readonly key: Uint8Array;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    if (!config.tokenSecret) throw new Error('No token secret configured');
    this.key = new TextEncoder().encode(config.tokenSecret);
  }

  issue(user: { id: string; sessionGeneration: number }): Promise<string> {
    return new SignJWT({ gen: user.sessionGeneration })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(`${this.config.tokenTtlSeconds}s`)
      .sign(this.key);
  }

  /**
   * The claims of a token that is ours, signed, with an expiry, issued in the past and no longer ago
   * than a token lives (a token without `exp`, or with `iat` in the future, is refused), naming a
   * user id and a session generation; null for anything else.
   */
  async verify(token: string): Promise<TokenClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        algorithms: ['HS256'],
        requiredClaims: ['exp', 'iat', 'sub'],
        maxTokenAge: this.config.tokenTtlSeconds,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      });
      const generation = payload.gen;
      if (typeof payload.sub !== 'string' || !UUID.test(payload.sub)) return null;
      if (typeof generation !== 'number' || !Number.isSafeInteger(generation)) return null;
      return { userId: payload.sub, generation };
    } catch {
      return null;
    }
  }
}
