// Annexing a file from the request's page, as a browser without JavaScript posts the multipart form:
// each refusal shown beside the field in the user's language with nothing stored (415 for an
// executable named .pdf, 413 for a file too large, 400 for a kind not chosen), then a court order
// annexed, listed with its SHA-256, and downloaded byte for byte.
import { createHash } from 'node:crypto';
import { binaryBody } from '../support/documents.js';
import { signedInBrowser, type FormBrowser } from '../support/page-session.js';
import { createRequest } from '../support/request-flow.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const COURT_ORDER = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n% auto\n');
const EXECUTABLE = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(600, 0x90)]);
const MAX_BYTES = 20_000;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ env: { ENLACE_ANNEX_MAX_BYTES: String(MAX_BYTES) } });
});
afterAll(() => t?.close());

const rows = async (id: string) => (await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM annexes WHERE request_id = $1', [id]))[0]!.n;

/** Posts the page's annex form (its action carries the CSRF token) with these fields and file. */
async function annex(browser: FormBrowser, page: string, fields: Record<string, string>, file: Buffer, filename: string, language = 'es') {
  const action = /<form method="post" action="([^"]+)" enctype="multipart\/form-data"[^>]*id="annex-form"/.exec(page)?.[1];
  if (!action) throw new Error('No annex form on the page');
  let call = browser.agent.post(action.replace(/&amp;/g, '&')).set('Accept-Language', language);
  for (const [name, value] of Object.entries(fields)) call = call.field(name, value);
  return call.attach('file', file, filename);
}

describe('annexing a file from the request page', () => {
  it('shows a form whose body was cut off mid-file as a refusal beside the file, in the user’s language, storing nothing', async () => {
    const fiscal = await signedInBrowser(t, 'fiscal.gt@demo.enlace', { 'Accept-Language': 'fr' });
    const flow = await createRequest(t, { requestedCountry: 'US', translations: undefined });
    const page = await fiscal.open(`/desk/requests/${flow.id}`);
    const action = /<form method="post" action="([^"]+)" enctype="multipart\/form-data"[^>]*id="annex-form"/.exec(page.text)![1]!.replace(/&amp;/g, '&');
    const cut = ['--cut', 'Content-Disposition: form-data; name="file"; filename="auto.pdf"', 'Content-Type: application/pdf', '', '%PDF-1.4\n1 0 obj'].join('\r\n');
    const refused = await fiscal.agent.post(action).set('Accept-Language', 'fr').set('Content-Type', 'multipart/form-data; boundary=cut').send(cut);
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('id="annex-file-error">');
    expect(refused.text).toContain('Le fichier n’est pas arrivé en entier. Choisissez-le de nouveau et renvoyez le formulaire.');
    expect(refused.text).toContain('href="#annex-file"');
    expect(await rows(flow.id)).toBe(0);
  });

  it('refuses a forged type, a file too large and a kind not chosen beside the field, then annexes a court order listed by hash and downloadable', async () => {
    const fiscal = await signedInBrowser(t, 'fiscal.gt@demo.enlace');
    const flow = await createRequest(t, { requestedCountry: 'US', translations: undefined });
    let page = await fiscal.open(`/desk/requests/${flow.id}`);
    expect(page.text).toContain('id="annex-form"');
    expect(page.text).toContain('<label class="usa-label" for="annex-file">Archivo</label>');
    expect(page.text).toContain('Ningún archivo anexado.');

    const description = 'Auto del Juzgado Quinto Penal que ordena obtener los registros bancarios';
    // An executable renamed .pdf: 415, the message beside the file field, what was chosen kept, nothing stored.
    const forged = await annex(fiscal, page.text, { kind: 'court_order', language: 'es', description }, EXECUTABLE, 'auto.pdf');
    expect(forged.status).toBe(415);
    expect(forged.text).toContain('<span class="usa-error-message" id="annex-file-error">Archivo: El archivo no es un PDF, JPEG ni PNG');
    expect(forged.text).toContain('href="#annex-file"');
    expect(forged.text).toContain(`>${description}</textarea>`);
    expect(forged.text).toMatch(/<option value="court_order" selected/);
    expect(await rows(flow.id)).toBe(0);

    // Too large: 413, in the user's language.
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(MAX_BYTES, 0x20)]);
    const tooLarge = await annex(fiscal, page.text, { kind: 'evidence', language: 'es', description: 'Demasiado grande' }, big, 'big.pdf');
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.text).toContain('id="annex-file-error">Archivo: El archivo supera el tamaño máximo');
    expect(await rows(flow.id)).toBe(0);

    // No kind chosen: 400 beside the kind.
    const noKind = await annex(fiscal, page.text, { language: 'es', description }, COURT_ORDER, 'auto.pdf');
    expect(noKind.status).toBe(400);
    expect(noKind.text).toContain('id="annex-kind-error">Tipo de documento: Complete este campo.');
    expect(await rows(flow.id)).toBe(0);

    // The same refusal in English for a user reading the pages in English.
    const english = await signedInBrowser(t, 'fiscal.gt@demo.enlace', { 'Accept-Language': 'en' });
    const pageEn = await english.open(`/desk/requests/${flow.id}`);
    const forgedEn = await annex(english, pageEn.text, { kind: 'court_order', language: 'es', description }, EXECUTABLE, 'auto.pdf', 'en');
    expect(forgedEn.status).toBe(415);
    expect(forgedEn.text).toContain('id="annex-file-error">File: The file is not a PDF, JPEG or PNG');

    // A court order: 303 back to the page, listed with its hash and a download link.
    const done = await annex(fiscal, page.text, { kind: 'court_order', language: 'es', description }, COURT_ORDER, 'auto-juzgado.pdf');
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(`/desk/requests/${flow.id}?done=annexed#annexes`);
    page = await fiscal.open(done.headers.location.replace(/#.*$/, ''));
    expect(page.text).toContain('Archivo anexado.');
    expect(page.text).toContain(`data-annex="${sha256(COURT_ORDER)}"`);
    expect(page.text).toContain(`<code class="enlace-hash">${sha256(COURT_ORDER)}</code>`);
    expect(page.text).toContain('Orden judicial');
    const link = /<a href="(\/desk\/annexes\/[0-9a-f-]{36})" download/.exec(page.text)?.[1];
    expect(link).toBeDefined();
    const download = await fiscal.agent
      .get(link!)
      .buffer(true)
      .parse(binaryBody as never)
      .expect(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(sha256(download.body as Buffer)).toBe(sha256(COURT_ORDER));
    expect(await rows(flow.id)).toBe(1);
  }, 300_000);
});
