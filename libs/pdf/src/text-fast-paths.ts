// pdfmake's and pdfkit's per-word work, done once where the answer cannot differ (profiled with
// `node --cpu-prof` on the bilingual standardized form: 2,700 words, 500 lines, 8 pages). Each patch
// gives the same bytes as the code it replaces; PdfRenderer installs them once per process.
import { requireFromPdfmake } from './pdfmake-module.js';

type Item = Record<string, unknown> & { text: string };
interface StyleStackLike {
  push(entry: unknown): void;
}
interface StyleStackStatic {
  getStyleProperty(item: unknown, stack: StyleStackLike | undefined, property: string, defaultValue: unknown): unknown;
  copyStyle(source?: unknown, destination?: unknown): Record<string, unknown>;
}
interface PdfkitFont {
  lineHeight(size: number, includeGap?: boolean): number;
  widthOfString(text: string, size: number, features?: unknown): number;
}
interface TextInlinesLike {
  pdfDocument: { provideFont(family: unknown, bold: unknown, italics: unknown): PdfkitFont };
  widthOfText(text: string, inline: Item): number;
}

interface Answers {
  font: PdfkitFont;
  alignment: unknown;
  fontSize: number;
  fontFeatures: unknown;
  characterSpacing: unknown;
  color: unknown;
  decoration: unknown;
  decorationColor: unknown;
  decorationStyle: unknown;
  decorationThickness: unknown;
  background: unknown;
  link: unknown;
  linkToPage: unknown;
  linkToDestination: unknown;
  noWrap: unknown;
  opacity: unknown;
  sup: unknown;
  sub: unknown;
  lineHeight: number;
  preserveLeadingSpaces: unknown;
  preserveTrailingSpaces: unknown;
}

const LEADING = /^(\s)+/g;
const TRAILING = /(\s)+$/g;
// Every character of JavaScript's \s is below 0x21 or at 0xA0 and above.
const mayBeSpace = (code: number) => code <= 0x20 || code >= 0xa0;

// The words of the last text TextBreaker split, and for each the style object its properties were
// copied from (TextBreaker copies one per run of the text onto each of its words). measure() runs on
// that very array right after (TextInlines.buildInlines); any other array is measured word by word.
let splitting = false;
let lastWords: unknown[] | undefined;
let lastSources: unknown[] = [];
let measuringPatched = false;

/**
 * pdfmake's TextBreaker splits each run of a text into words and copies the run's style properties
 * onto every word (`copyStyle(style, word)`); TextInlines.measure then asks the style stack 22
 * properties for every word, whose answers depend only on the word's own properties and the stack.
 * Words copied from the same style object, measured with the same stack, get the same answers: here
 * they are asked once per run of such words. The words' widths, heights and space cuts are still
 * measured one by one, and written in pdfmake's order.
 */
export function patchMeasuring(): void {
  if (measuringPatched) return;
  measuringPatched = true;
  const Stack = (requireFromPdfmake('./js/StyleContextStack.js') as { default: StyleStackStatic }).default;
  const copyStyle = Stack.copyStyle;
  Stack.copyStyle = function copyStyleRemembered(source?: unknown, destination?: unknown) {
    if (splitting && destination !== undefined) lastSources.push(source);
    return copyStyle.call(this, source, destination);
  };
  const TextBreaker = (requireFromPdfmake('./js/TextBreaker.js') as { default: { prototype: { getBreaks(texts: unknown, stack: unknown): unknown[] } } }).default;
  const getBreaks = TextBreaker.prototype.getBreaks;
  TextBreaker.prototype.getBreaks = function getBreaksRemembered(texts: unknown, stack: unknown) {
    lastWords = undefined;
    lastSources = [];
    splitting = true;
    try {
      const words = getBreaks.call(this, texts, stack);
      // One copy per word, in order, or the sources are not trusted.
      if (lastSources.length === words.length) lastWords = words;
      return words;
    } finally {
      splitting = false;
    }
  };

  const ask = (self: TextInlinesLike, item: Item, stack: StyleStackLike): Answers => {
    const get = (property: string, fallback: unknown) => Stack.getStyleProperty(item, stack, property, fallback);
    const family = get('font', 'Roboto');
    const bold = get('bold', false);
    const italics = get('italics', false);
    return {
      font: self.pdfDocument.provideFont(family, bold, italics),
      alignment: get('alignment', 'left'),
      fontSize: get('fontSize', 12) as number,
      fontFeatures: get('fontFeatures', null),
      characterSpacing: get('characterSpacing', 0),
      color: get('color', 'black'),
      decoration: get('decoration', null),
      decorationColor: get('decorationColor', null),
      decorationStyle: get('decorationStyle', null),
      decorationThickness: get('decorationThickness', null),
      background: get('background', null),
      link: get('link', null),
      linkToPage: get('linkToPage', null),
      linkToDestination: get('linkToDestination', null),
      noWrap: get('noWrap', null),
      opacity: get('opacity', 1),
      sup: get('sup', false),
      sub: get('sub', false),
      lineHeight: get('lineHeight', 1) as number,
      preserveLeadingSpaces: get('preserveLeadingSpaces', false),
      preserveTrailingSpaces: get('preserveTrailingSpaces', false),
    };
  };

  const TextInlines = (requireFromPdfmake('./js/TextInlines.js') as { default: { prototype: Record<string, unknown> } }).default;
  TextInlines.prototype.measure = function measure(this: TextInlinesLike, array: Item[], stack: StyleStackLike) {
    if (array.length) {
      const leadingIndent = Stack.getStyleProperty(array[0], stack, 'leadingIndent', 0) as number;
      if (leadingIndent) {
        array[0]!.leadingCut = -leadingIndent;
        array[0]!.leadingIndent = leadingIndent;
      }
    }
    const sources = lastWords === array ? lastSources : undefined;
    let a: Answers | undefined;
    for (let i = 0; i < array.length; i++) {
      const item = array[i]!;
      if (!a || !sources || sources[i] !== sources[i - 1]) a = ask(this, item, stack);
      // pdfmake's assignments, in its order (the words keep the same shape).
      item.font = a.font;
      item.alignment = a.alignment;
      item.fontSize = a.fontSize;
      item.fontFeatures = a.fontFeatures;
      item.characterSpacing = a.characterSpacing;
      item.color = a.color;
      item.decoration = a.decoration;
      item.decorationColor = a.decorationColor;
      item.decorationStyle = a.decorationStyle;
      item.decorationThickness = a.decorationThickness;
      item.background = a.background;
      item.link = a.link;
      item.linkToPage = a.linkToPage;
      item.linkToDestination = a.linkToDestination;
      item.noWrap = a.noWrap;
      item.opacity = a.opacity;
      item.sup = a.sup;
      item.sub = a.sub;
      if (item.sup || item.sub) item.fontSize = a.fontSize * 0.58;
      const text = item.text;
      item.width = this.widthOfText(text, item);
      item.height = a.font.lineHeight(item.fontSize as number) * a.lineHeight;
      if (!item.leadingCut) item.leadingCut = 0;
      if (!a.preserveLeadingSpaces && text.length > 0 && mayBeSpace(text.charCodeAt(0))) {
        const leadingSpaces = text.match(LEADING);
        if (leadingSpaces) (item.leadingCut as number) += this.widthOfText(leadingSpaces[0], item);
      }
      item.trailingCut = 0;
      if (!a.preserveTrailingSpaces && text.length > 0 && mayBeSpace(text.charCodeAt(text.length - 1))) {
        const trailingSpaces = text.match(TRAILING);
        if (trailingSpaces) item.trailingCut = this.widthOfText(trailingSpaces[0], item);
      }
    }
    return array;
  };
}

// ---- pdfmake: breaking a text into lines -----------------------------------------------------------

interface LineLike {
  inlines: Item[];
  lastLineInParagraph?: boolean;
  hasEnoughSpaceForInline(inline: Item, nextInlines?: Item[]): boolean;
  getAvailableWidth(): number;
  addInline(inline: Item): void;
}
let lineBreakingPatched = false;

/**
 * pdfmake's LayoutBuilder.buildNextLine, except for one argument: before placing each word it copied
 * every word left in the paragraph (`_inlines.slice(1)`) for Line.hasEnoughSpaceForInline, which
 * reads them only when the word is glued to the next ones (`noNewLine`, a run of a text that
 * continues in the next run without a break). A paragraph of n words copied n²/2 words; the copy is
 * now made only for a glued word. The same lines.
 */
export function patchLineBreaking(): void {
  if (lineBreakingPatched) return;
  lineBreakingPatched = true;
  const Line = (requireFromPdfmake('./js/Line.js') as { default: new (maxWidth: number) => LineLike }).default;
  const TextInlines = (requireFromPdfmake('./js/TextInlines.js') as { default: new (pdfDocument: null) => TextInlinesLike }).default;
  const LayoutBuilder = (requireFromPdfmake('./js/LayoutBuilder.js') as { default: { prototype: Record<string, unknown> } }).default;

  const cloneInline = (inline: Item): Item => {
    const copy = (inline.constructor as () => Item)();
    for (const key in inline) copy[key] = inline[key];
    return copy;
  };
  const findMaxFitLength = (text: string, maxWidth: number, measure: (part: string) => number): number => {
    let low = 1;
    let high = text.length;
    let bestFit = 1;
    while (low <= high) {
      const mid = Math.floor((low + high) / 2);
      if (measure(text.substring(0, mid)) <= maxWidth) {
        bestFit = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return bestFit;
  };

  LayoutBuilder.prototype.buildNextLine = function buildNextLine(this: { writer: { context(): { availableWidth: number } } }, textNode: { _inlines?: Item[] }) {
    if (!textNode._inlines || textNode._inlines.length === 0) return null;
    const line = new Line(this.writer.context().availableWidth);
    const textInlines = new TextInlines(null);
    let isForceContinue = false;
    const fits = (inlines: Item[]) => {
      const next = inlines[0]!;
      return line.hasEnoughSpaceForInline(next, next.noNewLine ? inlines.slice(1) : undefined);
    };
    while (textNode._inlines && textNode._inlines.length > 0 && (fits(textNode._inlines) || isForceContinue)) {
      let isHardWrap = false;
      const inline = textNode._inlines.shift()!;
      if (!inline.noWrap && inline.text.length > 1 && (inline.width as number) > line.getAvailableWidth()) {
        const maxChars = findMaxFitLength(inline.text, line.getAvailableWidth(), (part) => textInlines.widthOfText(part, inline));
        if (maxChars < inline.text.length) {
          const newInline = cloneInline(inline);
          newInline.text = inline.text.substr(maxChars);
          inline.text = inline.text.substr(0, maxChars);
          newInline.width = textInlines.widthOfText(newInline.text, newInline);
          inline.width = textInlines.widthOfText(inline.text, inline);
          textNode._inlines.unshift(newInline);
          isHardWrap = true;
        }
      }
      line.addInline(inline);
      isForceContinue = Boolean(inline.noNewLine) && !isHardWrap;
    }
    line.lastLineInParagraph = textNode._inlines.length === 0;
    return line;
  };
}

// ---- pdfkit: content streams --------------------------------------------------------------------

interface EncodingFont {
  subset: { includeGlyph(id: number): number };
  widths: number[];
  unicode: unknown[];
  scale: number;
  layoutCached(text: string): { glyphs: { id: number; advanceWidth: number; codePoints: number[] }[] | null; positions: unknown[] | null };
}
type Encode = (this: EncodingFont, text: string, features?: unknown) => [string[], unknown[]];

/**
 * pdfkit's `encode` for one document's font (7.8% of the bilingual form's CPU): the text shaped word
 * by word (as its `layout` splits it), each glyph added to the document's subset and written as its
 * 4-digit hex id, three new strings per glyph. A word's hex ids are kept per document font: its
 * glyphs were added to the subset, in the same order, the first time it was drawn, so drawing it
 * again adds nothing and gives the same ids. The same TJ operators, subset and widths.
 */
export function wordByWordEncode(original: Encode): Encode {
  const encodedWords = new WeakMap<EncodingFont, Map<string, string[]>>();
  return function encode(this: EncodingFont, text: string, features?: unknown): [string[], unknown[]] {
    if (features) return original.call(this, text, features);
    let words = encodedWords.get(this);
    if (!words) encodedWords.set(this, (words = new Map()));
    const hex: string[] = [];
    const positions: unknown[] = [];
    let last = 0;
    const length = text.length;
    for (let index = 0; index <= length; index++) {
      if (index < length) {
        const c = text.charCodeAt(index);
        if (c !== 32 && c !== 9) continue;
      } else if (last === length) {
        break;
      }
      const word = index < length ? text.slice(last, index + 1) : text.slice(last);
      last = index + 1;
      const run = this.layoutCached(word);
      let ids = words.get(word);
      if (ids === undefined) {
        ids = [];
        for (const glyph of run.glyphs!) {
          const gid = this.subset.includeGlyph(glyph.id);
          ids.push(`0000${gid.toString(16)}`.slice(-4));
          if (this.widths[gid] == null) this.widths[gid] = glyph.advanceWidth * this.scale;
          if (this.unicode[gid] == null) this.unicode[gid] = glyph.codePoints;
        }
        words.set(word, ids);
      }
      for (let k = 0; k < ids.length; k++) hex.push(ids[k]!);
      const runPositions = run.positions!;
      for (let k = 0; k < runPositions.length; k++) positions.push(runPositions[k]);
    }
    return [hex, positions];
  };
}

/** pdfkit's indirect object, as far as writing its stream goes. */
export interface StreamReference {
  document: object;
  compress: boolean;
  buffer: Buffer[];
  data: Record<string, unknown> & { Length?: number };
  uncompressedLength: number;
  /** Lines written as text and not yet turned into bytes (ours). */
  pendingText?: string;
  write(chunk: unknown): void;
  finalize(): void;
}

/** Turns the lines kept as text into one chunk of bytes, where pdfkit would have had one per line. */
export function flushPendingText(ref: StreamReference): void {
  if (ref.pendingText === undefined) return;
  ref.buffer.push(Buffer.from(ref.pendingText, 'latin1'));
  ref.pendingText = undefined;
}

let contentPatched = false;

/**
 * pdfkit turns every operator line of a page (`BT`, `/F2 9 Tf`, `0.3 w`...) into a Buffer of its
 * own as it is written (`Buffer.from(line + '\n', 'binary')`), and joins them when the page ends:
 * about 20,000 small buffers for an 8-page form. For pdfmake's documents the lines are kept as one
 * string and turned into bytes once, before anything else is written to the stream and when it
 * ends: the same bytes, the same Length. Other pdfkit documents in the process are untouched.
 */
export function patchContentStreams(Reference: { prototype: StreamReference }, isPdfmakeDocument: (document: object) => boolean): void {
  if (contentPatched) return;
  contentPatched = true;
  const { write, finalize } = Reference.prototype;
  Reference.prototype.write = function writeKept(this: StreamReference, chunk: unknown) {
    if (typeof chunk !== 'string' || !isPdfmakeDocument(this.document)) {
      flushPendingText(this);
      return write.call(this, chunk);
    }
    // What write() does with the line's bytes, counted as latin1 (one byte per character).
    const line = chunk + '\n';
    this.pendingText = this.pendingText === undefined ? line : this.pendingText + line;
    this.uncompressedLength += line.length;
    if (this.data.Length == null) this.data.Length = 0;
    this.data.Length += line.length;
    if (this.compress) this.data.Filter = 'FlateDecode';
  };
  Reference.prototype.finalize = function finalizeKept(this: StreamReference) {
    flushPendingText(this);
    return finalize.call(this);
  };
}
