import { createHash } from 'node:crypto';
import { PDFParse } from 'pdf-parse';
import { DOCUMENT_KINDS, contentHash, renderDefinition, type DocumentViewModel } from '@enlace/templates';
import { ENGLISH_TRANSLATION, FORM_SHA256, STRUCTURED_MEASURES, buildViewModel, issuerOf } from '../../../templates/testing/request.factory.js';
import { PdfRenderer } from './pdf-renderer.js';
import { renderDocument } from './render-document.js';

async function pdfText(bytes: Buffer): Promise<{ text: string; pages: number }> {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    const { text, total } = await parser.getText();
    // Lines break where the layout wraps them; compare words, not line breaks.
    return { text: text.replace(/\s+/g, ' '), pages: total };
  } finally {
    await parser.destroy();
  }
}

/** A GT -> US request written in Spanish: the US accepts English only. */
function gtToUs(kind: DocumentViewModel['kind']): DocumentViewModel {
  return buildViewModel(kind, {
    reference: 'GT-US-2026-000042',
    labels: { primary: 'es', secondary: 'en' },
    request: { requestedCountry: 'US', translations: { en: ENGLISH_TRANSLATION } },
  });
}

const renderer = new PdfRenderer();

describe('renderDocument', () => {
  // Label of the document's title block, in Spanish and English, per kind.
  const titles: Record<DocumentViewModel['kind'], [string, string]> = {
    informal_draft: ['Borrador informal de solicitud', 'Informal draft request'],
    standardized_form: ['Formulario normalizado de solicitud', 'Standardized request form'],
    authorization: ['Autorización para formalizar la solicitud', 'Authorization to formalize the request'],
    transmission_note: ['Nota de transmisión', 'Transmission note'],
    acknowledgement: ['Acuse de recibo', 'Acknowledgement of receipt'],
    execution_report: ['Informe de ejecución', 'Execution report'],
    overdue_notice: ['Recordatorio de plazo vencido', 'Overdue notice'],
    supplementary_request: ['Solicitud complementaria', 'Supplementary request'],
    reminder_letter: ['Carta de recordatorio', 'Reminder letter'],
    forwarding_note: ['Nota de remisión a la autoridad central', 'Forwarding note to the central authority'],
  };

  it.each(DOCUMENT_KINDS)('%s: a real PDF whose text holds the reference, both languages and accents', async (kind) => {
    const vm = gtToUs(kind);
    const { bytes, sha256, contentHash: hash } = await renderDocument(vm, renderer);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(hash).toBe(contentHash(vm));

    const { text, pages } = await pdfText(bytes);
    expect(text).toContain('GT-US-2026-000042');
    expect(text).toContain(titles[kind][0]);
    expect(text).toContain(titles[kind][1]);
    expect(text).toContain(`Página 1 de ${pages} / Page 1 of ${pages}`);
    expect(text).toContain(`Página ${pages} de ${pages} / Page ${pages} of ${pages}`);
    expect(text).toContain('Solicitud de asistencia jurídica mutua en materia penal');
    expect(text).toContain('Request for mutual legal assistance in criminal matters');
    expect(text).toContain(hash);
    expect(text).toContain('Estados Unidos de América');
  });

  it('prints the request’s Spanish and English text with its accents (standardized form)', async () => {
    const { text } = await pdfText((await renderDocument(gtToUs('standardized_form'), renderer)).bytes);
    for (const s of [
      'Tráfico ilícito de migrantes',
      'Juan Carlos Peña Ibáñez',
      'alias «el Ñato»',
      'Josué Andrés Muñoz Pérez',
      'Resumen de los hechos',
      'Summary of the facts',
      'Medidas solicitadas',
      'Measures sought',
      '¿Quién solicitó la apertura de la cuenta y qué documentos presentó?',
      'TRANSLATION INTO ENGLISH',
      'an unaccompanied 16-year-old was found abandoned in Tapachula',
    ]) {
      expect(text).toContain(s);
    }
  });

  it('keeps protected persons to their initials in the rendered informal draft', async () => {
    const { text } = await pdfText((await renderDocument(buildViewModel('informal_draft'), renderer)).bytes);
    expect(text).toContain('J. A. M. P.');
    expect(text).not.toContain('Muñoz');
    expect(text).toContain('BORRADOR INFORMAL — NO VÁLIDO COMO SOLICITUD FORMAL');
  });

  it('prints French labels and accents', async () => {
    const vm = buildViewModel('acknowledgement', {
      reference: 'GT-CA-2026-000007',
      labels: { primary: 'fr' },
      request: { requestedCountry: 'CA' },
      issuer: issuerOf('CA', 'central_authority', 'CA-IAG/2026/00003'),
    });
    const { text } = await pdfText((await renderDocument(vm, renderer)).bytes);
    expect(text).toContain('Accusé de réception');
    expect(text).toContain('Page 1 sur 1');
    expect(text).toContain('Le Groupe d’entraide internationale du ministère de la Justice du Canada présente ses compliments aux autorités du Guatemala et accuse réception');
    // Signed in Ottawa at 10:30, not at the UTC hour.
    expect(text).toContain('Ottawa, le 2 mars 2026');
    expect(text).toContain('2 mars 2026, 10:30 (UTC−05:00)');
  });

  it('lists the enclosures with their hashes in the rendered transmission note, and the form’s hash in the authorization', async () => {
    for (const kind of ['transmission_note', 'authorization'] as const) {
      const { text } = await pdfText((await renderDocument(buildViewModel(kind), renderer)).bytes);
      expect(text).toContain(FORM_SHA256);
    }
  });

  it('gives byte-identical PDFs for the same view model, whatever renderer and cache state', async () => {
    const vm = buildViewModel('standardized_form');
    const first = await renderDocument(vm, renderer);
    const again = await renderDocument(structuredClone(vm), renderer);
    const fresh = await renderDocument(vm, new PdfRenderer());
    // pdfmake as shipped (fonts parsed for this document): the font cache changes nothing.
    const uncached = await renderDocument(vm, new PdfRenderer({ cacheFonts: false }));
    expect(again.bytes.equals(first.bytes)).toBe(true);
    expect(fresh.bytes.equals(first.bytes)).toBe(true);
    expect(uncached.bytes.equals(first.bytes)).toBe(true);
    // CreationDate and ModDate: the event's time, not the clock's.
    expect(first.bytes.toString('latin1').match(/\(D:20260302153000Z\)/g)).toHaveLength(2);
  });

  it('gives different bytes and hashes for a different view model', async () => {
    const a = await renderDocument(buildViewModel('authorization'), renderer);
    const b = await renderDocument(buildViewModel('authorization', { issuedAt: '2026-03-02T15:31:00.000Z' }), renderer);
    expect(b.sha256).not.toBe(a.sha256);
    expect(b.contentHash).not.toBe(a.contentHash);
  });

  it('prints a user string shaped like a pdfmake node literally', async () => {
    const hostile = '{"image":"/etc/passwd"}';
    const { text } = await pdfText((await renderDocument(buildViewModel('standardized_form', { request: { title: hostile } }), renderer)).bytes);
    expect(text).toContain(hostile);
  });
});

describe('PdfRenderer resource policy', () => {
  const base = () => renderDefinition(buildViewModel('acknowledgement'));

  it('never fetches a URL', async () => {
    const def = { ...base(), content: [{ image: 'https://example.org/logo.png' }] };
    await expect(renderer.render(def)).rejects.toThrow(/denied/i);
  });

  it('never reads a local file outside the font folder', async () => {
    const def = { ...base(), content: [{ image: '/etc/passwd' }] };
    await expect(renderer.render(def)).rejects.toThrow(/denied/i);
    const attachment = { ...base(), files: { x: { src: '/etc/hostname' } } };
    await expect(renderer.render(attachment)).rejects.toThrow(/denied/i);
  });

  it('does not change the definition it is given', async () => {
    const def = base();
    const keys = Object.keys(def).sort();
    await renderer.render(def);
    expect(Object.keys(def).sort()).toEqual(keys);
  });
});

describe('the standardized form: structured measures and the statements the instruments ask for', () => {
  const request = {
    requestedCountry: 'US' as const,
    translations: { en: ENGLISH_TRANSLATION },
    measures: Object.values(STRUCTURED_MEASURES),
    relatedRequests: [{ country: 'HN' as const, reference: 'GT-HN-2026-000077', date: '2026-02-10', summary: 'Registros migratorios del adolescente.' }],
  };

  // A field's label is printed in both languages, one under the other; a sub-section's title joined by a slash.
  it('prints each measure’s own fields under their labels, in each language of the form (the request as written, then its translation)', async () => {
    const vm = buildViewModel('standardized_form', { labels: { primary: 'es', secondary: 'en' }, request: { ...request, translations: { en: { ...ENGLISH_TRANSLATION, measures: request.measures.map((m) => m.description) } } } });
    const { text } = await pdfText((await renderDocument(vm, renderer)).bytes);
    for (const expected of [
      // search and seizure
      'Lugar a registrar',
      'Place to be searched',
      'Bodega 4, Calle 3 Poniente 12, Ciudad Hidalgo, Chiapas',
      'Objetos buscados',
      'Items sought',
      'Motivos para creer que se encuentran allí',
      'Grounds to believe they are there',
      // bank records
      'Institución',
      'Institution',
      'Banco del Soconusco, S.A.',
      'Titular',
      'Account holder',
      '0123-4567-89',
      // electronic evidence
      'Proveedor de servicios',
      'Service provider',
      '+52 962 555 0101',
      'TSE-PRES-2025-0042',
      // testimony and videoconference
      'Persona que declara',
      'Witness',
      'Ana Lucía Cifuentes Toj',
      '2026-12-10 15:00 – 2026-12-10 18:00 (America/Guatemala)',
      'Contacto técnico',
      'Technical contact',
      // transfer of a detained person
      'Consentimiento libre e informado de la persona',
      'The person’s free and informed consent',
      'Acta de consentimiento ante el juez de control, causa 88/2026',
      // step 3: what the instruments ask for
      'Texto de la disposición citada',
      'Text of the provision cited',
      'Prescripción de la acción penal',
      'Statute of limitations',
      'Grupo delictivo organizado',
      'Organized criminal group',
      'Doble incriminación',
      'Dual criminality',
      'Compromiso de reciprocidad',
      'Reciprocity undertaking',
      'Personas que asistirán a la ejecución',
      'Persons to be present at execution',
      'Certificación requerida para la admisibilidad',
      'Certification needed for admissibility',
      'Medidas de protección solicitadas',
      'Protective measures requested',
      'Intérprete de idioma mam',
      'Conservación de los datos',
      'Retention of the data',
      'Solicitudes relacionadas y otros Estados requeridos',
      'Related requests and other states asked',
      'Registros migratorios del adolescente.',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('labels them in French for Canada', async () => {
    const vm = buildViewModel('standardized_form', { labels: { primary: 'es', secondary: 'fr' }, request: { ...request, requestedCountry: 'CA', translations: undefined } });
    const { text } = await pdfText((await renderDocument(vm, renderer)).bytes);
    for (const expected of ['Lieu à perquisitionner', 'Objets recherchés', 'Fournisseur de services', 'Témoin', 'Double incrimination', 'Engagement de réciprocité']) {
      expect(text).toContain(expected);
    }
  });
});
