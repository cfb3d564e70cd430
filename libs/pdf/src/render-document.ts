// View model in, PDF bytes and both hashes out: the one call the document processor makes.
import { createHash } from 'node:crypto';
import { contentHash, renderDefinition, type DocumentViewModel } from '@enlace/templates';
import { PdfRenderer } from './pdf-renderer.js';

export interface RenderedDocument {
  bytes: Buffer;
  /** SHA-256 (hex) of the bytes: what `GET /api/requests/:id/documents` lists. */
  sha256: string;
  /** SHA-256 (hex) of the view model's canonical JSON: what every page of the PDF prints. */
  contentHash: string;
  /**
   * What rendering took where it ran (a pool's thread or process): wall milliseconds, and CPU
   * milliseconds where the renderer is a process of its own (a thread's CPU cannot be told apart from
   * its process's on Node 20).
   */
  work?: { wallMs: number; cpuMs?: number };
}

let defaultRenderer: PdfRenderer | undefined;

/** The process's renderer (fonts parsed once, on first use). */
export function sharedRenderer(): PdfRenderer {
  return (defaultRenderer ??= new PdfRenderer());
}

export async function renderDocument(viewModel: DocumentViewModel, renderer: PdfRenderer = sharedRenderer()): Promise<RenderedDocument> {
  const hash = contentHash(viewModel);
  const bytes = await renderer.render(renderDefinition(viewModel, hash));
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex'), contentHash: hash };
}
