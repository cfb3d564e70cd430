// What the API accepts as a body: JSON only, not nested deeper than any field of the contract, and
// no characters that corrupt a record or the way it reads. Each refusal names the field at fault
// and happens before anything runs, so nothing is ever written by a malformed body.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { DomainError, ErrorCode, findUnsafeText, unsafeTextRefusal } from '@enlace/core';
import { apiPathOf } from './api-path.js';

/** The deepest field of the contract is `translations.es.measures[0]` (depth 4); leave room, refuse abuse. */
export const MAX_JSON_DEPTH = 16;

/**
 * The depth of the JSON text's nesting, counted without parsing, so that a body nested thousands
 * of levels deep is refused before the parser (and later the validator) recurse into it.
 */
export function exceedsDepth(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

const invalid = (field: string, rule: string, message: string) =>
  new DomainError(ErrorCode.ValidationFailed, message, { fields: [{ field, rule, message }] });

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined;
}

/** The API routes that take files, as multipart/form-data read as a stream by their controller. */
const MULTIPART_ROUTES: readonly RegExp[] = [/^\/documents\/verify\/?$/, /^\/requests\/[0-9a-fA-F-]{36}\/annexes\/?$/];

/**
 * Installs the JSON parser of the API (depth first, Fastify's own prototype-poisoning-safe parse
 * next, then the characters), and refuses any other body under `/api` with 415: a form-encoded post
 * must not create a request. Pages served under other prefixes keep their own parsers.
 */
export function registerJsonBody(app: NestFastifyApplication, bodyLimit: number): void {
  const instance = app.getHttpAdapter().getInstance();
  const parse = instance.getDefaultJsonParser('error', 'error');
  app.useBodyParser('application/json', { bodyLimit }, (request, body, done) => {
    const text = body.toString('utf8');
    if (exceedsDepth(text, MAX_JSON_DEPTH)) {
      done(invalid('body', 'max_depth', `The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels`), undefined);
      return;
    }
    parse(request as never, text, (error, parsed) => {
      if (error) return done(error, undefined);
      const unsafe = findUnsafeText(parsed);
      if (unsafe) return done(unsafeTextRefusal(unsafe), undefined);
      done(null, parsed);
    });
  });
  instance.addHook('onRequest', (request, _reply, done) => {
    const below = apiPathOf(request.url);
    if (below === null || !hasBody(request)) return done();
    const type = String(request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type === 'application/json') return done();
    if (type === 'multipart/form-data' && MULTIPART_ROUTES.some((route) => route.test(below))) return done();
    done(new DomainError(ErrorCode.UnsupportedMediaType, 'The API accepts only application/json bodies', { contentType: type || null }));
  });
}
