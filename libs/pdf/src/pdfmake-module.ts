// pdfmake's folder and a require() rooted in it, so the classes patched here are the ones pdfmake
// renders with (pdfkit is resolved from pdfmake, not from this package).
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
export const pdfmakeDir = path.dirname(require.resolve('pdfmake/package.json'));
export const requireFromPdfmake = createRequire(path.join(pdfmakeDir, 'package.json'));
