/**
 * What a page may load: its own scripts, styles, images and fonts, nothing inline (no <script> or
 * <style> element, no style= or on...= attribute), no frame, forms only to itself.
 */
export const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
  "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

/** The headers of every page: HTML that no cache keeps (pages carry case data and form tokens), the CSP. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'Content-Security-Policy': PAGE_CSP,
};

/**
 * What a handler set for the payload it meant to send (a PDF's or a CSV's type, its file name) does not
 * describe the error answered instead: a refusal after those headers (the access log's line could not be
 * written) would otherwise go out as JSON labelled `application/pdf`, which Fastify refuses with a 500, or
 * as an error page saved to disk under the document's name.
 */
export function dropPayloadHeaders(reply: { removeHeader(name: string): unknown }): void {
  for (const name of ['content-type', 'content-disposition', 'content-length']) reply.removeHeader(name);
}
