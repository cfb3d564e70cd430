// The benchmark's baseline: the same document drawn directly with pdfkit, the lowest layer pdfmake
// itself renders with. It prints the same strings (taken once, outside the timed loop, from our
// pdfmake definition), in the same Roboto font at the same sizes, with a comparable layout: page
// header and footer, the QR code as vector squares, section titles, two-column field tables with
// rules, lists, wrapping and page breaks. Fonts are read from disk once and registered per
// document, which is how a pdfkit application keeps them in memory.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';

const require = createRequire(import.meta.url);
const fontDir = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');

export interface BaselineFonts {
  regular: Buffer;
  bold: Buffer;
  italic: Buffer;
}

export function loadBaselineFonts(): BaselineFonts {
  return {
    regular: readFileSync(path.join(fontDir, 'Roboto-Regular.ttf')),
    bold: readFileSync(path.join(fontDir, 'Roboto-Medium.ttf')),
    italic: readFileSync(path.join(fontDir, 'Roboto-Italic.ttf')),
  };
}

type Face = 'regular' | 'bold' | 'italic';

interface EmbeddedFontLike {
  font: unknown;
  layoutCache?: Record<string, unknown>;
}
type EmbeddedFontCtor = new (doc: unknown, font: unknown, id: string) => EmbeddedFontLike;

/**
 * Parsed fonts for the stricter reference figure: pdfkit given the same advantage as our renderer
 * (each TTF parsed once per process, shaped words shared across documents). Not the baseline the
 * target is measured against (that one is pdfkit as an application uses it), but it shows how much
 * of the remaining cost is pdfmake's layout engine.
 */
export interface ParsedBaselineFonts {
  ctor: EmbeddedFontCtor;
  faces: Record<Face, { font: unknown; words: Record<string, unknown> }>;
}

export function parseBaselineFonts(fonts: BaselineFonts): ParsedBaselineFonts {
  let ctor: EmbeddedFontCtor | undefined;
  const parse = (buffer: Buffer) => {
    const probe = new PDFDocument({ autoFirstPage: false }) as unknown as { font(src: Buffer): { _font: EmbeddedFontLike } };
    const embedded = probe.font(buffer)._font;
    ctor = embedded.constructor as EmbeddedFontCtor;
    return { font: embedded.font, words: Object.create(null) as Record<string, unknown> };
  };
  const faces = { regular: parse(fonts.regular), bold: parse(fonts.bold), italic: parse(fonts.italic) };
  return { ctor: ctor!, faces };
}
export type Block =
  | { type: 'text'; text: string; size: number; face: Face; gapBefore: number }
  | { type: 'row'; cells: string[]; widths: number[] }
  | { type: 'rule' }
  | { type: 'qr'; modules: boolean[][] };

export interface BaselineDocument {
  blocks: Block[];
  header: (page: number, pages: number) => string[];
  footer: string;
  creationDate: Date;
}

const PAGE_WIDTH = 595.28;
const CONTENT_WIDTH = PAGE_WIDTH - 100;

/** Flattens our pdfmake definition into the blocks the baseline draws (done once, untimed). */
export function baselineFromDefinition(definition: TDocumentDefinitions): BaselineDocument {
  const blocks: Block[] = [];
  const styles = (definition.styles ?? {}) as Record<string, { fontSize?: number; bold?: boolean; italics?: boolean }>;
  const inlineText = (node: unknown): string => {
    if (typeof node === 'string') return node;
    if (Array.isArray(node)) return node.map(inlineText).join('');
    if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if ('text' in n) return inlineText(n.text);
      if ('stack' in n) return (n.stack as unknown[]).map(inlineText).join('\n');
      if ('ul' in n) return (n.ul as unknown[]).map((i) => `• ${inlineText(i)}`).join('\n');
      if ('ol' in n) return (n.ol as unknown[]).map((i, k) => `${k + 1}. ${inlineText(i)}`).join('\n');
    }
    return '';
  };
  const walk = (node: Content | undefined): void => {
    if (node === undefined || node === null) return;
    if (typeof node === 'string') {
      blocks.push({ type: 'text', text: node, size: 9.5, face: 'regular', gapBefore: 0 });
      return;
    }
    if (Array.isArray(node)) return node.forEach(walk);
    const n = node as unknown as Record<string, unknown>;
    if ('qr' in n) {
      const qr = QRCode.create(String(n.qr), { errorCorrectionLevel: 'M' });
      const size = qr.modules.size;
      blocks.push({
        type: 'qr',
        modules: Array.from({ length: size }, (_, r) => Array.from({ length: size }, (_, c) => qr.modules.get(r, c) === 1)),
      });
    } else if ('table' in n) {
      const table = n.table as { body: unknown[][]; widths?: unknown[] };
      const cols = table.body[0]?.length ?? 1;
      const fixed = (table.widths ?? []).map((w) => (typeof w === 'number' ? w : 0));
      const rest = CONTENT_WIDTH - fixed.reduce((a, b) => a + b, 0);
      const stars = (table.widths ?? []).filter((w) => typeof w !== 'number').length || 1;
      const widths = Array.from({ length: cols }, (_, i) => fixed[i] || rest / stars);
      blocks.push({ type: 'rule' });
      for (const row of table.body) {
        blocks.push({ type: 'row', cells: row.map(inlineText), widths });
        blocks.push({ type: 'rule' });
      }
    } else if ('columns' in n) {
      (n.columns as Content[]).forEach(walk);
    } else if ('stack' in n) {
      (n.stack as Content[]).forEach(walk);
    } else if ('ul' in n || 'ol' in n) {
      blocks.push({ type: 'text', text: inlineText(n), size: 9.5, face: 'regular', gapBefore: 0 });
    } else if ('text' in n) {
      const style = typeof n.style === 'string' ? styles[n.style] : undefined;
      const size = (n.fontSize as number | undefined) ?? style?.fontSize ?? 9.5;
      const bold = (n.bold as boolean | undefined) ?? style?.bold ?? false;
      const italic = (n.italics as boolean | undefined) ?? style?.italics ?? false;
      const text = inlineText(n.text);
      if (text !== '') blocks.push({ type: 'text', text, size, face: bold ? 'bold' : italic ? 'italic' : 'regular', gapBefore: n.headlineLevel ? 8 : 0 });
    }
  };
  walk(definition.content);
  const header = definition.header as (page: number, pages: number) => Content;
  const footer = (definition.footer as (page: number, pages: number) => Content)(1, 1);
  const info = definition.info ?? {};
  return {
    blocks,
    header: (page, pages) => {
      const lines: string[] = [];
      const collect = (c: unknown): void => {
        if (typeof c === 'string') lines.push(c);
        else if (Array.isArray(c)) c.forEach(collect);
        else if (c && typeof c === 'object') {
          const o = c as Record<string, unknown>;
          if ('text' in o) lines.push(inlineText(o.text));
          else if ('stack' in o) collect(o.stack);
          else if ('columns' in o) collect(o.columns);
        }
      };
      collect(header(page, pages));
      return lines;
    },
    footer: inlineText((footer as { stack: Content[] }).stack),
    creationDate: info.creationDate ?? new Date(0),
  };
}

/** Draws the document with pdfkit and returns its bytes. */
export function renderWithPdfkit(doc: BaselineDocument, fonts: BaselineFonts, parsed?: ParsedBaselineFonts): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({
      size: 'A4',
      margins: { top: 78, bottom: 58, left: 50, right: 50 },
      bufferPages: true,
      info: { CreationDate: doc.creationDate, ModDate: doc.creationDate, Producer: 'baseline', Creator: 'baseline' },
    });
    const chunks: Buffer[] = [];
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    if (parsed) {
      const internals = pdf as unknown as { _fontCount: number; _fontFamilies: Record<string, unknown> };
      for (const face of ['regular', 'bold', 'italic'] as const) {
        const font = new parsed.ctor(pdf, parsed.faces[face].font, `F${++internals._fontCount}`);
        font.layoutCache = parsed.faces[face].words;
        internals._fontFamilies[face] = font;
      }
    } else {
      pdf.registerFont('regular', fonts.regular);
      pdf.registerFont('bold', fonts.bold);
      pdf.registerFont('italic', fonts.italic);
    }
    const left = 50;
    const bottom = 841.89 - 58;
    const ensure = (height: number) => {
      if (pdf.y + height > bottom) pdf.addPage();
    };
    for (const block of doc.blocks) {
      switch (block.type) {
        case 'text': {
          // No measuring pass: pdfkit flows the text and breaks pages itself.
          pdf.font(block.face).fontSize(block.size);
          ensure(block.size * 2 + block.gapBefore);
          pdf.y += block.gapBefore;
          pdf.text(block.text, left, pdf.y, { width: CONTENT_WIDTH, lineGap: 1.4 });
          pdf.y += 3;
          break;
        }
        case 'row': {
          pdf.fontSize(9.5);
          const heights = block.cells.map((c, i) => {
            pdf.font(i === 0 && block.cells.length === 2 ? 'bold' : 'regular');
            return pdf.heightOfString(c, { width: block.widths[i]! - 8, lineGap: 1.4 });
          });
          const h = Math.max(...heights) + 6;
          ensure(h);
          const top = pdf.y;
          let x = left;
          block.cells.forEach((c, i) => {
            pdf.font(i === 0 && block.cells.length === 2 ? 'bold' : 'regular');
            pdf.text(c, x + 4, top + 3, { width: block.widths[i]! - 8, lineGap: 1.4 });
            x += block.widths[i]!;
          });
          pdf.y = top + h;
          break;
        }
        case 'rule':
          pdf.moveTo(left, pdf.y).lineTo(left + CONTENT_WIDTH, pdf.y).lineWidth(0.3).strokeColor('#9a9a9a').stroke();
          break;
        case 'qr': {
          const size = block.modules.length;
          const cell = 92 / size;
          const x0 = left + CONTENT_WIDTH - 92;
          const y0 = 78;
          block.modules.forEach((row, r) =>
            row.forEach((on, c) => {
              if (on) pdf.rect(x0 + c * cell, y0 + r * cell, cell, cell);
            }),
          );
          pdf.fillColor('black').fill();
          break;
        }
      }
    }
    const range = pdf.bufferedPageRange();
    for (let i = 0; i < range.count; i++) {
      pdf.switchToPage(range.start + i);
      const [reference = '', title = '', pageOf = ''] = doc.header(i + 1, range.count);
      pdf.font('bold').fontSize(8.5).text(reference, left, 22, { lineBreak: false });
      pdf.font('regular').fontSize(8.5).text(title, left, 22, { width: CONTENT_WIDTH, align: 'center', lineBreak: false });
      pdf.text(pageOf, left, 22, { width: CONTENT_WIDTH, align: 'right', lineBreak: false });
      pdf.moveTo(left, 37).lineTo(left + CONTENT_WIDTH, 37).lineWidth(0.5).stroke();
      pdf.moveTo(left, 841.89 - 44).lineTo(left + CONTENT_WIDTH, 841.89 - 44).stroke();
      pdf.fontSize(7).fillColor('#555555').text(doc.footer, left, 841.89 - 40, { lineBreak: false });
      pdf.fillColor('black');
    }
    pdf.end();
  });
}
