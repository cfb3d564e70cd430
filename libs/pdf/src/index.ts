export { DEFAULT_FONT_DIR, DEFAULT_FONT_FILES, PdfRenderer, type PdfRendererOptions } from './pdf-renderer.js';
export { renderDocument, sharedRenderer, type RenderedDocument } from './render-document.js';
export { DEFAULT_WORKER_HEAP_MIB, PdfRenderPool, type PdfRenderPoolOptions } from './pdf-render-pool.js';
