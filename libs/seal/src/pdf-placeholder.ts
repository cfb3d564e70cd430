// The signature placeholder a seal fills: @signpdf/placeholder-plain's plainAddPlaceholder, but for
// how its objects are written. It writes `Buffer.from(PDFObject.convert(...))`, which encodes as
// UTF-8 the binary string PDFObject made of a text string with accents (UTF-16BE after a byte-order
// mark, one character a byte): the seal's /Name, /Location and /Reason read "Ã¾Ã¿ M i n i s t e r i o
// ... Rep Ãº blica" in a reader's signature panel (vbuch/node-signpdf#174, closed unfixed). Here a
// text string with accents is written as a hex string of those UTF-16BE bytes (ISO 32000-1 §7.9.2.2),
// plain ASCII that no byte of a character can end or break. Reading the PDF's cross-reference
// table, page and AcroForm, and the incremental update's trailer, is the library's own code.
import { createRequire } from 'node:module';
import { DEFAULT_SIGNATURE_LENGTH, PDFKitReferenceMock, PDFObject, removeTrailingNewLine, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';

const plain = createRequire(createRequire(import.meta.url).resolve('@signpdf/placeholder-plain'));
type Info = { xref: { maxIndex: number }; root: string; rootRef: string };
const part = <T>(name: string): T => (plain(`./${name}.js`) as { default: T }).default;
const readPdf = part<(pdf: Buffer) => Info>('readPdf');
const getPageRef = part<(pdf: Buffer, info: Info) => string>('getPageRef');
const getIndexFromRef = part<(xref: Info['xref'], ref: string) => number>('getIndexFromRef');
const createBufferRootWithAcroform = part<(pdf: Buffer, info: Info, form: unknown) => Buffer>('createBufferRootWithAcroform');
const createBufferPageWithAnnotation = part<(pdf: Buffer, info: Info, pageRef: string, widget: unknown) => Buffer>('createBufferPageWithAnnotation');
const createBufferTrailer = part<(pdf: Buffer, info: Info, added: Map<number, number>) => Buffer>('createBufferTrailer');
// The placeholder-plain package's own dependency (it builds the signature, widget and form objects).
const { pdfkitAddPlaceholder } = plain('@signpdf/placeholder-pdfkit010') as {
  pdfkitAddPlaceholder: (input: Record<string, unknown>) => { form: unknown; widget: unknown };
};

export interface PlaceholderInput {
  pdfBuffer: Buffer;
  reason: string;
  contactInfo: string;
  name: string;
  location: string;
  signingTime: Date;
  signatureLength?: number;
  appName?: string;
}

/** A text string with characters beyond ASCII as UTF-16BE with its byte-order mark, which PDFObject writes in hex. */
const asText = (value: unknown): unknown => {
  if (!(value instanceof String) || /^[\x20-\x7e]*$/.test(String(value))) return value;
  return Buffer.from(`\ufeff${String(value)}`, 'utf16le').swap16();
};
const withTextInHex = (object: unknown): unknown =>
  object && typeof object === 'object' && object.constructor === Object
    ? Object.fromEntries(Object.entries(object).map(([key, value]) => [key, asText(value)]))
    : object;

const acroFormRefOf = (text: string): string | undefined => /\/AcroForm\s+(\d+\s\d+\sR)/.exec(text)?.[1] || undefined;

/** A PAdES (ETSI.CAdES.detached) signature placeholder added to `pdfBuffer` as an incremental update. */
export function addSealPlaceholder(input: PlaceholderInput): Buffer {
  let pdf = removeTrailingNewLine(input.pdfBuffer);
  const info = readPdf(pdf);
  const pageRef = getPageRef(pdf, info);
  const pageIndex = getIndexFromRef(info.xref, pageRef);
  const added = new Map<number, number>();
  const mock = {
    ref: (object: unknown, knownIndex?: number) => {
      info.xref.maxIndex += 1;
      const index = knownIndex ?? info.xref.maxIndex;
      added.set(index, pdf.length + 1);
      pdf = Buffer.concat([pdf, Buffer.from(`\n${index} 0 obj\n`), Buffer.from(PDFObject.convert(withTextInHex(object)), 'latin1'), Buffer.from('\nendobj\n')]);
      return new PDFKitReferenceMock(info.xref.maxIndex);
    },
    page: { dictionary: new PDFKitReferenceMock(pageIndex, { data: { Annots: [] } }) },
    _root: { data: {} as Record<string, unknown> },
  };
  const acroFormRef = acroFormRefOf(info.root);
  if (acroFormRef) mock._root.data.AcroForm = acroFormRef;
  const { form, widget } = pdfkitAddPlaceholder({
    pdf: mock,
    pdfBuffer: input.pdfBuffer,
    reason: input.reason,
    contactInfo: input.contactInfo,
    name: input.name,
    location: input.location,
    signingTime: input.signingTime,
    signatureLength: input.signatureLength ?? DEFAULT_SIGNATURE_LENGTH,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    widgetRect: [0, 0, 0, 0],
    appName: input.appName,
  });
  if (!acroFormRefOf(pdf.toString('latin1'))) {
    added.set(getIndexFromRef(info.xref, info.rootRef), pdf.length + 1);
    pdf = Buffer.concat([pdf, Buffer.from('\n'), createBufferRootWithAcroform(pdf, info, form)]);
  }
  added.set(pageIndex, pdf.length + 1);
  pdf = Buffer.concat([pdf, Buffer.from('\n'), createBufferPageWithAnnotation(pdf, info, pageRef, widget)]);
  return Buffer.concat([pdf, Buffer.from('\n'), createBufferTrailer(pdf, info, added)]);
}
