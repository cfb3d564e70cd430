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
