import { Inject, Injectable } from '@nestjs/common';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '@enlace/config';

/** The length of the HMAC a token hides (SHA-256). */
const MAC_BYTES = 32;

/**
 * CSRF tokens by signed double submit (OWASP): the browser holds a random secret in an HttpOnly,
 * SameSite=Lax cookie; every form carries an HMAC of that secret and of the signed-in user's id,
 * which another site can neither read nor forge. A token made before sign-in is not valid after it.
 * The HMAC is sent masked, XORed with a random pad sent beside it (as Rails and Django do): pages are
 * compressed and echo what the address bar carried, so a token that stayed the same across responses
 * could be guessed a character at a time from their sizes (BREACH).
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

  /** A token for one response: a fresh pad, then the HMAC XORed with it. */
  tokenFor(secret: string, userId: string | null): string {
    const pad = randomBytes(MAC_BYTES);
    const mac = this.mac(secret, userId);
    const masked = Buffer.alloc(MAC_BYTES);
    for (let i = 0; i < MAC_BYTES; i++) masked[i] = mac[i] ^ pad[i];
    return Buffer.concat([pad, masked]).toString('base64url');
  }

  matches(secret: string, userId: string | null, token: unknown): boolean {
    if (typeof token !== 'string') return false;
    const given = Buffer.from(token, 'base64url');
    if (given.length !== 2 * MAC_BYTES) return false;
    const mac = Buffer.alloc(MAC_BYTES);
    for (let i = 0; i < MAC_BYTES; i++) mac[i] = given[i] ^ given[MAC_BYTES + i];
    return timingSafeEqual(mac, this.mac(secret, userId));
  }

  private mac(secret: string, userId: string | null): Buffer {
    return createHmac('sha256', this.key).update(`${secret}.${userId ?? ''}`).digest();
  }
}
