import { Inject, Injectable } from '@nestjs/common';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '@enlace/config';

/**
 * CSRF tokens by signed double submit (OWASP): the browser holds a random secret in an HttpOnly,
 * SameSite=Strict cookie; every form carries an HMAC of that secret and of the signed-in user's id,
 * which another site can neither read nor forge. A token made before sign-in is not valid after it.
 */
@Injectable()
export class CsrfTokens {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    if (!config.tokenSecret) throw new Error('No token secret configured');
    this.key = createHash('sha256').update(`enlace-csrf:${config.tokenSecret}`).digest();
  }

  newSecret(): string {
    return randomBytes(24).toString('base64url');
  }

  isSecret(value: unknown): value is string {
    return typeof value === 'string' && /^[\w-]{32}$/.test(value);
  }

  tokenFor(secret: string, userId: string | null): string {
    return createHmac('sha256', this.key).update(`${secret}.${userId ?? ''}`).digest('base64url');
  }

  matches(secret: string, userId: string | null, token: unknown): boolean {
    if (typeof token !== 'string') return false;
    const expected = Buffer.from(this.tokenFor(secret, userId));
    const given = Buffer.from(token);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
