// Helpers for specs that inspect a pdfmake definition without rendering it.
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';

/** Every node of a content tree (objects only), depth first. */
export function nodes(content: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    out.push(n);
    for (const key of ['text', 'stack', 'columns', 'ul', 'ol']) if (key in n) visit(n[key]);
    if ('table' in n) visit((n.table as { body: unknown[][] }).body);
  };
  visit(content);
  return out;
}

/** The plain text of a node or content tree: inline runs joined, blocks on separate lines. */
export function plainText(content: unknown): string {
  if (typeof content === 'string' || typeof content === 'number') return String(content);
  if (Array.isArray(content)) return content.map(plainText).join('\n');
  if (!content || typeof content !== 'object') return '';
  const n = content as Record<string, unknown>;
  if ('text' in n) return Array.isArray(n.text) ? n.text.map(plainText).join('') : plainText(n.text);
  for (const key of ['stack', 'columns', 'ul', 'ol']) if (key in n) return plainText(n[key]);
  if ('table' in n) return (n.table as { body: unknown[][] }).body.map((row) => row.map(plainText).join(' | ')).join('\n');
  return '';
}

/** All the text a definition prints: content, plus header and footer of the given page. */
export function definitionText(def: TDocumentDefinitions, page = 1, pages = 1): string {
  const dynamic = (part: unknown): unknown =>
    typeof part === 'function' ? (part as (p: number, n: number, s: unknown) => Content)(page, pages, { width: 595.28, height: 841.89, orientation: 'portrait' }) : part;
  return [plainText(dynamic(def.header)), plainText(def.content), plainText(dynamic(def.footer))].join('\n');
}

/** The numbered section titles of a definition, in order. */
export function sectionTitles(def: TDocumentDefinitions): string[] {
  return nodes(def.content)
    .filter((n) => n.style === 'sectionTitle')
    .map((n) => plainText(n));
}
