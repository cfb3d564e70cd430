import { execFileSync } from 'node:child_process';
import { PDFParse } from 'pdf-parse';
import type { Response } from 'supertest';
import type { TestApp } from './test-app.js';

/** Supertest's parser for a body kept as bytes (a PDF, an annex), whatever its type. */
export function binaryBody(res: NodeJS.ReadableStream, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

/** A document as `email` downloads it through the API: the whole response, its body the PDF's bytes. */
export async function downloadDocument(t: TestApp, id: string, email: string): Promise<Response & { body: Buffer }> {
  return t
    .http()
    .get(`/api/documents/${id}`)
    .set('Authorization', await t.login(email))
    .buffer(true)
    .parse(binaryBody as never);
}

/**
 * A PDF's text as poppler's pdftotext reads it (an independent reader, not the library that wrote it),
 * every run of white space one space, so that a wrapped value still matches; `layout` keeps each
 * line's columns in reading order, as a table is printed.
 */
export function pdftotext(bytes: Buffer, options: { layout?: boolean } = {}): string {
  const args = [...(options.layout ? ['-layout'] : []), '-enc', 'UTF-8', '-', '-'];
  return execFileSync('pdftotext', args, { input: bytes }).toString('utf8').replace(/\s+/g, ' ');
}

/** A PDF's text as pdf-parse (pdf.js) reads it, line breaks kept. */
export async function pdfParseText(bytes: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}
