// Owns pdfmake: fonts, resource access policies, and a parsed-font cache.
//
// Why the cache: pdfmake 0.3 builds a new pdfkit document per PDF, and pdfkit parses every TTF
// it is handed again (fontkit.create) and shapes every word again (its layout cache lives on the
// per-document font object). That was 40-45% of pdfmake's CPU for a 2-page document. Here each
// font is parsed once per process, and each document gets a fresh pdfkit `EmbeddedFont` (its own
// subset, widths and ToUnicode map, so the output bytes are exactly those of an uncached render)
// wrapped around the shared parsed font, sharing one bounded cache of shaped words. Shaping a
// word depends only on the font and the word, so sharing it cannot change a document.
//
// Why the policies: a definition can name URLs and local files (images, attachments, fonts).
// Templates only put strings from users into `text`, but the renderer does not rely on that alone:
// no URL is ever fetched and no file outside the font folder is ever read.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';

const require = createRequire(import.meta.url);
const pdfmakeDir = path.dirname(require.resolve('pdfmake/package.json'));
// pdfmake's own copy of pdfkit, so the classes patched and used below are the ones it renders with.
const requireFromPdfmake = createRequire(path.join(pdfmakeDir, 'package.json'));

/** Roboto as shipped with pdfmake: full Latin coverage (á, é, ñ, ü, ç, œ, «», ’...). */
export const DEFAULT_FONT_DIR = path.join(pdfmakeDir, 'fonts', 'Roboto');
export const DEFAULT_FONT_FILES = {
  normal: 'Roboto-Regular.ttf',
  bold: 'Roboto-Medium.ttf',
  italics: 'Roboto-Italic.ttf',
  bolditalics: 'Roboto-MediumItalic.ttf',
} as const;

type FontStyle = keyof typeof DEFAULT_FONT_FILES;

export interface PdfRendererOptions {
  /** Folder of the TTF files; the only folder pdfmake may read. Default: pdfmake's Roboto. */
  fontDir?: string;
  /** Family name used by the templates. Default `Roboto`. */
  fontFamily?: string;
  /** File name per style inside `fontDir`. */
  fontFiles?: Record<FontStyle, string>;
  /**
   * Keep parsed fonts and shaped words in memory across documents (default true). `false` is
   * pdfmake's stock behaviour (read and parse the TTF files for every document), kept for the
   * benchmark's reference figure.
   */
  cacheFonts?: boolean;
  /**
   * Shaped words kept per font style, shared by all renderers of the process (the first renderer
   * created sets it). Past the bound the cache starts over. Default 3,000 (a few MiB).
   */
  maxCachedWords?: number;
}

// ---- minimal typings of the pdfmake/pdfkit internals used here ------------------------------

interface PdfmakeInstance {
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (path: string) => boolean): void;
  setFonts(fonts: Record<string, Record<FontStyle, string>>): void;
  createPdf(definition: TDocumentDefinitions): { getBuffer(): Promise<Buffer> };
}

interface PdfkitFontHost {
  _fontCount: number;
  _fontFamilies: Record<string, unknown>;
  fontCache: Record<string, Record<string, unknown>>;
  getFontFile(family: string, bold: boolean, italics: boolean): unknown;
  getFontType(bold: boolean, italics: boolean): string;
}

interface EmbeddedFontLike {
  font: unknown;
  layoutCache?: Record<string, unknown>;
  layoutRun(text: string): unknown;
  layoutCached(text: string): unknown;
}
type EmbeddedFontCtor = new (doc: unknown, font: unknown, id: string) => EmbeddedFontLike;

interface ParsedFont {
  font: unknown;
  /** Shaped runs by word (pdfkit splits text at spaces and tabs before shaping). */
  words: Map<string, unknown>;
}

// ---- the process-wide parsed font registry -------------------------------------------------

/** Parsed fonts by the virtual name under which the renderer declares them to pdfmake. */
const parsedFonts = new Map<string, ParsedFont>();
let EmbeddedFont: EmbeddedFontCtor | undefined;
let providerPatched = false;
let maxCachedWords = 3_000;
// Longer "words" are hashes, references and URLs: unique to a document, not worth keeping.
const MAX_CACHED_WORD_LENGTH = 40;

/** Prefix of the virtual font names served from memory; never a real path. */
const MEMORY_FONT_PREFIX = 'enlace-memory-font:';

function parseFont(buffer: Buffer): { font: unknown; ctor: EmbeddedFontCtor } {
  // pdfkit exposes no parser, but opening a font on a throwaway document returns the EmbeddedFont
  // it built: its `.font` is the parsed fontkit font, its constructor the class to reuse.
  const PDFKit = requireFromPdfmake('pdfkit') as new (opts: object) => { font(src: Buffer): { _font: EmbeddedFontLike } };
  const probe = new PDFKit({ autoFirstPage: false });
  const embedded = probe.font(buffer)._font;
  return { font: embedded.font, ctor: embedded.constructor as EmbeddedFontCtor };
}

/**
 * Teaches pdfmake's document class to serve fonts registered here from memory. Fonts not in the
 * registry (a renderer with `cacheFonts: false`, or anyone else's pdfmake use) take pdfmake's path.
 */
function patchFontProvider(): void {
  if (providerPatched) return;
  const PdfmakeDocument = (requireFromPdfmake('./js/PDFDocument.js') as { default: { prototype: Record<string, unknown> } }).default;
  const original = PdfmakeDocument.prototype.provideFont as (this: PdfkitFontHost, f: string, b: boolean, i: boolean) => unknown;
  PdfmakeDocument.prototype.provideFont = function provideFont(this: PdfkitFontHost, family: string, bold: boolean, italics: boolean) {
    const file = this.getFontFile(family, bold, italics);
    const parsed = typeof file === 'string' ? parsedFonts.get(file) : undefined;
    if (!parsed || !EmbeddedFont) return original.call(this, family, bold, italics);
    const type = this.getFontType(bold, italics);
    const byType = (this.fontCache[family] ??= {});
    let font = byType[type] as EmbeddedFontLike | undefined;
    if (!font) {
      // What pdfkit's doc.font() does, minus the parsing: a numbered font of this document,
      // registered so that doc.end() embeds its subset.
      font = new EmbeddedFont(this, parsed.font, `F${++this._fontCount}`);
      font.layoutCached = sharedLayoutCached(parsed.words);
      this._fontFamilies[file as string] = font;
      byType[type] = font;
    }
    return font;
  };
  providerPatched = true;
}

/** pdfkit's per-document `layoutCached`, over a process-wide bounded map. */
function sharedLayoutCached(words: Map<string, unknown>): (this: EmbeddedFontLike, text: string) => unknown {
  return function layoutCached(this: EmbeddedFontLike, text: string): unknown {
    let run = words.get(text);
    if (run === undefined) {
      run = this.layoutRun(text);
      if (text.length <= MAX_CACHED_WORD_LENGTH) {
        if (words.size >= maxCachedWords) words.clear();
        words.set(text, run);
      }
    }
    return run;
  };
}

function registerMemoryFont(file: string): string {
  const key = `${MEMORY_FONT_PREFIX}${file}`;
  if (!parsedFonts.has(key)) {
    const { font, ctor } = parseFont(readFileSync(file));
    EmbeddedFont ??= ctor;
    parsedFonts.set(key, { font, words: new Map() });
  }
  return key;
}

// ---- the renderer ----------------------------------------------------------------------------

export class PdfRenderer {
  private readonly pdfmake: PdfmakeInstance;

  constructor(options: PdfRendererOptions = {}) {
    const fontDir = path.resolve(options.fontDir ?? DEFAULT_FONT_DIR);
    const family = options.fontFamily ?? 'Roboto';
    const files = options.fontFiles ?? DEFAULT_FONT_FILES;
    if (options.maxCachedWords !== undefined && parsedFonts.size === 0) maxCachedWords = options.maxCachedWords;

    // A private pdfmake instance (same class as the module's singleton), so the policies and fonts
    // set here are not shared with, or changed by, any other pdfmake user in the process.
    const singleton = require('pdfmake') as PdfmakeInstance;
    const Pdfmake = singleton.constructor as new () => PdfmakeInstance;
    this.pdfmake = new Pdfmake();
    this.pdfmake.setUrlAccessPolicy(() => false);
    const fontRoot = fontDir.endsWith(path.sep) ? fontDir : fontDir + path.sep;
    this.pdfmake.setLocalAccessPolicy((file) => typeof file === 'string' && path.resolve(file).startsWith(fontRoot));

    const descriptor = {} as Record<FontStyle, string>;
    for (const style of Object.keys(files) as FontStyle[]) {
      const file = path.join(fontDir, files[style]);
      if (options.cacheFonts === false) {
        descriptor[style] = file;
      } else {
        patchFontProvider();
        descriptor[style] = registerMemoryFont(file);
      }
    }
    this.pdfmake.setFonts({ [family]: descriptor });
  }

  /**
   * Renders a definition to PDF bytes. Deterministic for a given definition when it sets
   * `info.creationDate` (templates set it to the event's time); otherwise the epoch is used rather
   * than the clock, so the same definition always gives the same bytes.
   */
  async render(definition: TDocumentDefinitions): Promise<Buffer> {
    // pdfmake writes defaults into the object it is given; keep the caller's untouched.
    const info = { ...definition.info };
    info.creationDate ??= new Date(0);
    info.modDate ??= info.creationDate;
    return this.pdfmake.createPdf({ ...definition, info }).getBuffer();
  }
}
