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
import zlib from 'node:zlib';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { pdfmakeDir, requireFromPdfmake } from './pdfmake-module.js';
import { flushPendingText, patchContentStreams, patchLineBreaking, patchMeasuring, wordByWordEncode, type StreamReference } from './text-fast-paths.js';

const require = createRequire(import.meta.url);

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
  layoutCache?: Record<string, ShapedRun>;
  subset: { glyphs: number[]; encode(): Buffer };
  layoutRun(text: string, features?: unknown): ShapedRun;
  layoutCached(text: string): ShapedRun;
  layout(text: string, features?: unknown, onlyWidth?: boolean): ShapedRun;
  encode: unknown;
}
interface ShapedRun {
  glyphs: unknown[] | null;
  positions: unknown[] | null;
  advanceWidth: number;
}
type EmbeddedFontCtor = (new (doc: unknown, font: unknown, id: string) => EmbeddedFontLike) & { prototype: { encode: Parameters<typeof wordByWordEncode>[0] } };

interface ParsedFont {
  font: unknown;
  /** Shaped runs by word (pdfkit splits text at spaces and tabs before shaping). */
  words: Map<string, ShapedRun>;
  /** Widths of texts measured (words and short runs of words), in the font's units. */
  widths: Map<string, number>;
  /** Encoded subsets (the TTF embedded in a PDF) by the glyphs they hold, in their order. */
  subsets: Map<string, Buffer>;
}

/** pdfkit's indirect object, as far as a stream's end is concerned. */
interface PdfkitReference extends StreamReference {
  document: { _security?: unknown };
  end(chunk?: Buffer): void;
}

// ---- the process-wide parsed font registry -------------------------------------------------

/** Parsed fonts by the virtual name under which the renderer declares them to pdfmake. */
const parsedFonts = new Map<string, ParsedFont>();
let EmbeddedFont: EmbeddedFontCtor | undefined;
let providerPatched = false;
let encodeWordByWord: ReturnType<typeof wordByWordEncode> | undefined;
let maxCachedWords = 3_000;
// Longer "words" are hashes, references and URLs: unique to a document, kept with the document only
// (the content hash is shaped a dozen times in a 4-page form: every footer, measured and drawn).
const MAX_CACHED_WORD_LENGTH = 40;
// Documents of one kind use the same glyphs (labels, names, digits), so a few subsets cover most of
// them; each is 20-40 KiB encoded.
const MAX_CACHED_SUBSETS = 64;
/** A subset's deflated bytes, by the encoded subset they were deflated from (see `patchFontStreams`). */
const deflatedSubsets = new WeakMap<Buffer, Buffer>();
let streamsPatched = false;

/** Prefix of the virtual font names served from memory; never a real path. */
const MEMORY_FONT_PREFIX = 'enlace-memory-font:';

function parseFont(buffer: Buffer): { font: unknown; ctor: EmbeddedFontCtor } {
  // pdfkit exposes no parser, but opening a font on a throwaway document returns the EmbeddedFont
  // it built: its `.font` is the parsed fontkit font, its constructor the class to reuse.
  const PDFKit = requireFromPdfmake('pdfkit') as new (opts: object) => { font(src: Buffer): { _font: EmbeddedFontLike }; ref(): PdfkitReference };
  const probe = new PDFKit({ autoFirstPage: false });
  const embedded = probe.font(buffer)._font;
  patchFontStreams(probe.ref().constructor as { prototype: PdfkitReference });
  return { font: embedded.font, ctor: embedded.constructor as EmbeddedFontCtor };
}

/**
 * A font subset served from the cache (`cachedSubsetEncode`) is deflated once too: pdfkit's stream
 * ends by deflating what it was given; for those bytes the deflated copy is written instead, with
 * the same dictionary (Length, then Filter) and the same bytes as zlib would give again. Any other
 * stream, or an encrypted document, takes pdfkit's own path.
 */
function patchFontStreams(Reference: { prototype: PdfkitReference }): void {
  if (streamsPatched) return;
  const end = Reference.prototype.end;
  Reference.prototype.end = function endStream(this: PdfkitReference, chunk?: Buffer) {
    const cached = chunk ? deflatedSubsets.get(chunk) : undefined;
    flushPendingText(this);
    if (!chunk || !cached || !this.compress || this.document._security || this.buffer.length > 0) return end.call(this, chunk);
    // What write() and finalize() do, with the deflating done beforehand.
    const deflated = cached.length > 0 ? cached : zlib.deflateSync(chunk);
    if (cached.length === 0) deflatedSubsets.set(chunk, deflated);
    this.uncompressedLength += chunk.length;
    this.data.Length = deflated.length;
    this.data.Filter = 'FlateDecode';
    this.compress = false;
    this.buffer.push(deflated);
    this.finalize();
  };
  streamsPatched = true;
}

/** The subset's `encode`, answered from the parsed font's cache when it holds the same glyphs. */
function cachedSubsetEncode(parsed: ParsedFont, subset: EmbeddedFontLike['subset']): () => Buffer {
  const encode = subset.encode.bind(subset);
  return () => {
    const key = subset.glyphs.join(',');
    let bytes = parsed.subsets.get(key);
    if (!bytes) {
      bytes = Buffer.from(encode());
      if (parsed.subsets.size >= MAX_CACHED_SUBSETS) parsed.subsets.clear();
      parsed.subsets.set(key, bytes);
      // Deflated on its first use (an empty buffer marks it as one of ours).
      deflatedSubsets.set(bytes, Buffer.alloc(0));
    }
    return bytes;
  };
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
      font.subset.encode = cachedSubsetEncode(parsed, font.subset);
      font.layout = wordByWordLayout(parsed.widths);
      font.encode = (encodeWordByWord ??= wordByWordEncode(EmbeddedFont.prototype.encode));
      this._fontFamilies[file as string] = font;
      byType[type] = font;
    }
    return font;
  };
  providerPatched = true;
}

// Widths are kept for texts up to this length (a word, a label, a short line drawn as one text).
const MAX_MEASURED_TEXT_LENGTH = 160;

/**
 * pdfkit's `layout`: a text shaped word by word (each word with the space or tab after it), the
 * runs joined; with `onlyWidth`, their summed width alone, which is kept per text. The same runs,
 * sums and arrays as pdfkit's own (which scans with `[' ', '\t'].includes` per character).
 */
function wordByWordLayout(widths: Map<string, number>): (this: EmbeddedFontLike, text: string, features?: unknown, onlyWidth?: boolean) => ShapedRun {
  return function layout(this: EmbeddedFontLike, text: string, features?: unknown, onlyWidth?: boolean): ShapedRun {
    if (features) return this.layoutRun(text, features);
    const keep = onlyWidth && text.length <= MAX_MEASURED_TEXT_LENGTH;
    if (keep) {
      const known = widths.get(text);
      if (known !== undefined) return { glyphs: null, positions: null, advanceWidth: known };
    }
    const glyphs: unknown[] | null = onlyWidth ? null : [];
    const positions: unknown[] | null = onlyWidth ? null : [];
    let advanceWidth = 0;
    const take = (word: string) => {
      const run = this.layoutCached(word);
      if (glyphs && positions) {
        for (const glyph of run.glyphs!) glyphs.push(glyph);
        for (const position of run.positions!) positions.push(position);
      }
      advanceWidth += run.advanceWidth;
    };
    let last = 0;
    for (let index = 0; index < text.length; index++) {
      const c = text.charCodeAt(index);
      if (c === 32 || c === 9) {
        take(text.slice(last, index + 1));
        last = index + 1;
      }
    }
    if (last < text.length) take(text.slice(last));
    if (keep) {
      if (widths.size >= maxCachedWords) widths.clear();
      widths.set(text, advanceWidth);
    }
    return { glyphs, positions, advanceWidth };
  };
}

/** pdfkit's per-document `layoutCached`, over a process-wide bounded map (long words: the document's own). */
function sharedLayoutCached(words: Map<string, ShapedRun>): (this: EmbeddedFontLike, text: string) => ShapedRun {
  return function layoutCached(this: EmbeddedFontLike, text: string): ShapedRun {
    if (text.length > MAX_CACHED_WORD_LENGTH) {
      const own = (this.layoutCache ??= Object.create(null) as Record<string, ShapedRun>) as Record<string, ShapedRun>;
      return (own[text] ??= this.layoutRun(text));
    }
    let run = words.get(text);
    if (run === undefined) {
      run = this.layoutRun(text);
      if (words.size >= maxCachedWords) words.clear();
      words.set(text, run);
    }
    return run;
  };
}

// ---- pdfmake's hot paths, same results with less work -------------------------------------------

type StyleEntry = string | Record<string, unknown>;
interface StyleStack {
  styleDictionary: Record<string, Record<string, unknown> & { extends?: string | string[] }>;
  defaultStyle?: Record<string, unknown>;
  styleOverrides: StyleEntry[];
}
interface StyleStackClass {
  prototype: {
    getProperty(this: StyleStack, property: string): unknown;
    push(this: StyleStack, entry: StyleEntry): void;
    pop(this: StyleStack, howMany?: number): void;
  };
  getStyleProperty(item: unknown, stack: StyleStack | undefined, property: string, defaultValue: unknown): unknown;
}
interface QrRect {
  type: string;
  x: number;
  y: number;
  w: number;
  h: number;
  lineWidth?: number;
  color?: string;
  r?: number;
}

const isValue = (v: unknown) => v !== undefined && v !== null;
const isStringLike = (v: unknown): v is string => typeof v === 'string' || v instanceof String;
let hotPathsPatched = false;

/** A named style's value for a property, through its `extends` (pdfmake's lookup, without a closure and a Set per call). */
function fromNamedStyle(stack: StyleStack, name: string, property: string, visited?: Set<string>): unknown {
  if (visited?.has(name)) return undefined;
  const style = stack.styleDictionary[name];
  if (!style) return undefined;
  if (isValue(style[property])) return style[property];
  if (style.extends) {
    const seen = visited ?? new Set<string>();
    seen.add(name);
    const parents = Array.isArray(style.extends) ? style.extends : [style.extends];
    for (let i = parents.length - 1; i >= 0; i--) {
      const value = fromNamedStyle(stack, parents[i]!, property, seen);
      if (isValue(value)) return value;
    }
  }
  return undefined;
}

function fromEntry(stack: StyleStack, entry: StyleEntry, property: string): unknown {
  return isStringLike(entry) ? fromNamedStyle(stack, String(entry), property) : entry[property];
}

// A stack's answers, kept until it changes (push or pop): measuring a paragraph asks the same stack
// for the same 22 properties once per word.
const stackAnswers = new WeakMap<StyleStack, Map<string, unknown>>();

function fromStack(stack: StyleStack, property: string): unknown {
  let answers = stackAnswers.get(stack);
  if (!answers) stackAnswers.set(stack, (answers = new Map()));
  else if (answers.has(property)) return answers.get(property);
  const value = walkStack(stack, property);
  answers.set(property, value);
  return value;
}

function walkStack(stack: StyleStack, property: string): unknown {
  const overrides = stack.styleOverrides;
  for (let i = overrides.length - 1; i >= 0; i--) {
    const value = fromEntry(stack, overrides[i]!, property);
    if (isValue(value)) return value;
  }
  return stack.defaultStyle && stack.defaultStyle[property];
}

/**
 * Two of pdfmake's inner loops, rewritten to give the same answers with less work (profiled on the
 * standardized form):
 * - a style property (`StyleContextStack.getStyleProperty`, asked 22 times for every word while
 *   measuring) pushed the item and its styles on the stack, walked the stack with a new closure
 *   and Set per named style, and popped them: about a tenth of a render. Here the item's own styles
 *   are looked at first, then the stack, in the order pdfmake pushes them, with nothing allocated.
 * - a QR code was drawn as one filled square per dark module (hundreds of fill operations, each
 *   setting its colour); adjacent squares of a row are drawn as one rectangle: the same pixels.
 * Installed once per process, for every renderer (with or without the font cache), so that the
 * bytes of a document never depend on which renderer made it.
 */
function patchPdfmakeHotPaths(): void {
  if (hotPathsPatched) return;
  hotPathsPatched = true;
  patchMeasuring();
  patchLineBreaking();
  const PDFKit = requireFromPdfmake('pdfkit') as new (opts: object) => { ref(): PdfkitReference };
  const PdfmakeDocument = (requireFromPdfmake('./js/PDFDocument.js') as { default: abstract new (...args: never[]) => object }).default;
  patchContentStreams(new PDFKit({ autoFirstPage: false }).ref().constructor as { prototype: PdfkitReference }, (document) => document instanceof PdfmakeDocument);
  const Stack = (requireFromPdfmake('./js/StyleContextStack.js') as { default: StyleStackClass }).default;
  const { push, pop } = Stack.prototype;
  Stack.prototype.push = function pushEntry(this: StyleStack, entry: StyleEntry) {
    stackAnswers.delete(this);
    push.call(this, entry);
  };
  Stack.prototype.pop = function popEntries(this: StyleStack, howMany?: number) {
    stackAnswers.delete(this);
    pop.call(this, howMany);
  };
  Stack.prototype.getProperty = function getProperty(this: StyleStack, property: string) {
    return fromStack(this, property);
  };
  Stack.getStyleProperty = function getStyleProperty(item, stack, property, defaultValue) {
    const own = (item as Record<string, unknown>)[property];
    if (isValue(own)) return own;
    if (!stack) return defaultValue;
    // What `auto(item)` pushes, looked at from the top: the item (no value, seen above), then its styles.
    if (!isStringLike(item) && (item as { section?: unknown }).section === undefined) {
      const style = (item as { style?: StyleEntry | StyleEntry[] }).style;
      if (style) {
        const names = Array.isArray(style) ? style : [style];
        for (let i = names.length - 1; i >= 0; i--) {
          const value = fromEntry(stack, names[i]!, property);
          if (isValue(value)) return value;
        }
      }
    }
    const value = fromStack(stack, property);
    return isValue(value) ? value : defaultValue;
  };

  const Renderer = (requireFromPdfmake('./js/Renderer.js') as { default: { prototype: { renderLine(line: PdfmakeLine, x: number, y: number): void } } }).default;
  const renderLine = Renderer.prototype.renderLine;
  Renderer.prototype.renderLine = function renderMergedLine(line: PdfmakeLine, x: number, y: number) {
    return renderLine.call(this, withMergedInlines(line), x, y);
  };

  const qr = (requireFromPdfmake('./js/qrEnc.js') as { default: { measure(node: { _canvas?: QrRect[] }): unknown } }).default;
  const measure = qr.measure.bind(qr);
  qr.measure = (node) => {
    const measured = measure(node) as { _canvas?: QrRect[] };
    if (measured._canvas) measured._canvas = mergeRows(measured._canvas);
    return measured;
  };
}

/** pdfmake's line of inlines (one per word), as far as drawing it goes. */
interface PdfmakeLine {
  inlines: Inline[];
  _pageNodeRef?: unknown;
}
type Inline = Record<string, unknown> & { text: string; x: number; width: number };

// What an inline may carry that is drawn per inline (links, page references, decorations, shifted
// baselines): such an inline is drawn on its own, as pdfmake does.
const OWN_DRAWING = ['link', 'linkToPage', 'linkToDestination', '_pageNodeRef', 'fontFeatures', 'sup', 'sub', 'decoration', 'background'] as const;
// What must be equal for two words to be one text object: font, size, colour, spacing, opacity, height.
const SAME_STYLE = ['font', 'fontSize', 'color', 'opacity', 'characterSpacing', 'height'] as const;

function drawnAlone(inline: Inline): boolean {
  for (const key of OWN_DRAWING) {
    const value = inline[key];
    if (value !== undefined && value !== null && value !== false) return true;
  }
  return inline.text.includes('\n');
}

function sameStyle(a: Inline, b: Inline): boolean {
  for (const key of SAME_STYLE) if (a[key] !== b[key]) return false;
  return true;
}

/**
 * pdfmake draws every word as a text object of its own (its Renderer says "TODO: lines without
 * differently styled inlines should be written to pdf as one stream"): font, size, colour and
 * position set again for each. Words of a line in the same style that touch (each starts where the
 * previous ends: any line but a justified one) are drawn as one text: pdfkit shapes it word by word
 * exactly as pdfmake measured it, so every glyph lands where it did.
 */
function withMergedInlines(line: PdfmakeLine): PdfmakeLine {
  const inlines = line.inlines;
  const count = inlines.length;
  if (line._pageNodeRef || count < 2) return line;
  let merged: Inline[] | undefined;
  let i = 0;
  while (i < count) {
    const first = inlines[i]!;
    let next = i + 1;
    let end = first.x + first.width;
    if (!drawnAlone(first)) {
      while (next < count) {
        const inline = inlines[next]!;
        if (!sameStyle(first, inline) || Math.abs(end - inline.x) >= 1e-6 || drawnAlone(inline)) break;
        end = inline.x + inline.width;
        next++;
      }
    }
    if (next - i > 1) {
      merged ??= inlines.slice(0, i);
      let text = first.text;
      for (let k = i + 1; k < next; k++) text += inlines[k]!.text;
      // A copy, not Object.create(first): an inline made a prototype lost its fast properties (measured 5-15% more CPU).
      merged.push({ ...first, text, width: end - first.x });
    } else if (merged) {
      merged.push(first);
    }
    i = next;
  }
  if (!merged) return line;
  // The same line (height, ascender, outline, id) with fewer, longer inlines.
  const drawn = Object.create(line) as PdfmakeLine;
  drawn.inlines = merged;
  return drawn;
}

/** Joins squares of the same row, height and colour that touch into one rectangle (the background stays first). */
function mergeRows(canvas: QrRect[]): QrRect[] {
  const merged: QrRect[] = [];
  for (const rect of canvas) {
    const last = merged[merged.length - 1];
    if (
      merged.length > 1 &&
      last &&
      rect.type === 'rect' &&
      last.type === 'rect' &&
      !rect.r &&
      !last.r &&
      rect.y === last.y &&
      rect.h === last.h &&
      rect.color === last.color &&
      rect.lineWidth === last.lineWidth &&
      last.x + last.w === rect.x
    ) {
      merged[merged.length - 1] = { ...last, w: last.w + rect.w };
    } else {
      merged.push(rect);
    }
  }
  return merged;
}

function registerMemoryFont(file: string): string {
  const key = `${MEMORY_FONT_PREFIX}${file}`;
  if (!parsedFonts.has(key)) {
    const { font, ctor } = parseFont(readFileSync(file));
    EmbeddedFont ??= ctor;
    parsedFonts.set(key, { font, words: new Map(), widths: new Map(), subsets: new Map() });
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
    patchPdfmakeHotPaths();

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
