import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadDocument, pdfParseText } from '../support/documents.js';
import { formBrowser } from '../support/page-session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { HAPPY_PATH, USERS, advanceUntil, createRequest, documentsWhenSettled, sendEvent } from '../support/request-flow.js';
import { ENGLISH_TRANSLATION } from '../../templates/testing/request.factory.js';
import { formatDate } from '../../templates/labels.js';

const download = async (t: TestApp, id: string, by: keyof typeof USERS = 'fiscalGT') => downloadDocument(t, id, USERS[by]);
const textOf = pdfParseText;

describe('documents of each step, rendered by the queue workers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ consume: true, redis: true });
  });
  afterAll(() => t.close());

  // Five steps, each waiting for its document to be rendered and sealed: on a loaded 2-core machine,
  // with the render thread compiling its sources first (Jest), more than the default minute.
  it('the happy path GT -> MX yields the five documents in order, each downloadable and verifying', async () => {
    const flow = await createRequest(t);
    for (const step of HAPPY_PATH.slice(1, 6)) {
      expect((await sendEvent(t, flow, step)).status).toBe(200);
      // Each step's document must be rendered before the next cites it by hash.
      await documentsWhenSettled(t, flow.id);
    }
    const documents = await documentsWhenSettled(t, flow.id);
    expect(documents.map((d) => [d.kind, d.revision, d.status])).toEqual([
      ['informal_draft', 1, 'ready'],
      ['standardized_form', 1, 'ready'],
      ['authorization', 1, 'ready'],
      ['transmission_note', 1, 'ready'],
      ['acknowledgement', 1, 'ready'],
    ]);
    for (const document of documents) {
      const response = await download(t, document.id);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(createHash('sha256').update(response.body as Buffer).digest('hex')).toBe(document.sha256);
      const verified = await t.http().get(`/api/documents/verify/${document.sha256}`).set('Authorization', await t.login(USERS.fiscalGT)).expect(200);
      expect(verified.body).toMatchObject({ kind: document.kind, reference: flow.body.reference });
    }
    const form = documents[1];
    const texts = await Promise.all(documents.map(async (d) => textOf((await download(t, d.id)).body as Buffer)));
    // One code a clerk can follow: each footer prints its document's code, the next document
    // cites that same code under the same label, and the verification accepts it.
    for (const [i, document] of documents.entries()) {
      expect(texts[i]).toContain(`Código de verificación: ${document.contentHash}`);
      const verified = await t.http().get(`/api/documents/verify/${document.contentHash}`).set('Authorization', await t.login(USERS.fiscalGT)).expect(200);
      expect(verified.body).toMatchObject({ kind: document.kind, sha256: document.sha256, contentHash: document.contentHash });
    }
    const [authorization, note, acknowledgement] = [texts[2]!, texts[3]!, texts[4]!];
    expect(authorization).toContain(form.contentHash);
    expect(note).toContain(form.contentHash);
    expect(note).toContain(documents[2].contentHash);
    expect(note).not.toContain('SHA-256');
    // Letterheads, numbered notes of each office's yearly sequence, place and date where signed.
    const year = new Date().getUTCFullYear();
    expect(texts[1]).toContain('Ministerio Público de la República de Guatemala');
    expect(texts[1]).toMatch(new RegExp(`Nota n\\.º MP-GT/(${year}|${year - 1})/\\d{5}`));
    expect(authorization).toMatch(/Nota n\.º MINEX-GT\/\d{4}\/\d{5}/);
    // Under Nassau the route runs between central authorities: the transmission note is the note of
    // Guatemala's central authority (the Ministerio Público), not of its cancillería (issue 13).
    expect(note).toContain('15 avenida 15-16, zona 1, Barrio Gerona');
    expect(note).not.toContain('2a. avenida La Reforma 4-47, zona 10');
    expect(note).toContain('Ciudad de Guatemala, ');
    expect(note).toMatch(/Destinatario\s+Autoridad central de México\s+Fiscalía General de la República\s+Entre autoridades centrales/);
    expect(note).toContain('El Ministerio Público de la República de Guatemala saluda atentamente a la autoridad central de México');
    expect(note).toContain('las muestras de su más alta y distinguida consideración');
    // Name and post of who signs it.
    expect(note).toMatch(/Héctor Manuel Son Turnil\s+Secretario de Asuntos Internacionales/);
    expect(acknowledgement).toContain('Fiscalía General de la República de los Estados Unidos Mexicanos saluda atentamente a las autoridades de Guatemala');
    expect(acknowledgement).toMatch(/Nota n\.º FGR-MX\/\d{4}\/\d{5}/);
    // Two notes of the same office, one after the other in its sequence.
    const numbers = await t.sql<{ kind: string; office_id: string; note_number: number }>(
      'SELECT kind, office_id, note_number FROM documents WHERE request_id = $1 AND note_number IS NOT NULL ORDER BY created_at',
      [flow.id],
    );
    // The Ministerio Público numbers the form and the transmission note; the cancillería its authorization.
    const ministerio = numbers.filter((n) => n.office_id === 'GT-MP').map((n) => n.note_number);
    expect(ministerio).toHaveLength(2);
    expect(ministerio[1]).toBe(ministerio[0]! + 1);
    expect(numbers.filter((n) => n.office_id === 'GT-MINEX').map((n) => n.kind)).toEqual(['authorization']);
    expect(numbers.find((n) => n.kind === 'informal_draft')).toBeUndefined();
    // The public page (the QR code's address) accepts the printed code and names the issuing office.
    const page = await t.http().get(`/verify/${documents[3].contentHash}`).expect(200);
    expect(page.text).toContain('Ministerio Público de la República de Guatemala');
    expect(page.text).toContain(documents[3].contentHash);
    // The central authority sees the formal documents; a fiscal of another country sees nothing.
    await t.http().get(`/api/documents/verify/${form.sha256}`).set('Authorization', await t.login(USERS.autoridadMX)).expect(200);
    await t.http().get(`/api/documents/verify/${form.sha256}`).set('Authorization', await t.login(USERS.fiscalUS)).expect(404);
    expect((await download(t, form.id, 'fiscalUS')).status).toBe(404);
  }, 240_000);

  it('a GT -> US request carries the English labels and the supplied translation', async () => {
    const flow = await createRequest(t, { requestedCountry: 'US', legalBasis: ['UNTOC_ART18'], translations: { en: ENGLISH_TRANSLATION } });
    await advanceUntil(t, flow, 'AUTHORIZE');
    const form = (await documentsWhenSettled(t, flow.id)).find((d) => d.kind === 'standardized_form')!;
    expect(form.status).toBe('ready');
    const text = await textOf((await download(t, form.id)).body as Buffer);
    expect(text).toContain(flow.body.reference as string);
    expect(text).toMatch(/Request for mutual legal assistance/i);
    expect(text).toMatch(/Solicitud de asistencia/i);
    expect(text).toContain('Migrant smuggling: the Tecún Umán');
    expect(text).toContain('Peña Ibáñez');
  });

  it('seals every document with its issuing office’s certificate; one byte changed anywhere is invalid', async () => {
    const started = Date.now() - 1_000;
    const flow = await createRequest(t);
    for (const step of HAPPY_PATH.slice(1, 6)) {
      expect((await sendEvent(t, flow, step)).status).toBe(200);
      await documentsWhenSettled(t, flow.id);
    }
    const documents = await documentsWhenSettled(t, flow.id);
    const sealedBy: Record<string, string> = {
      informal_draft: 'GT-MP',
      standardized_form: 'GT-MP',
      authorization: 'GT-MINEX',
      // Under Nassau Guatemala's central authority (the Ministerio Público) transmits.
      transmission_note: 'GT-MP',
      acknowledgement: 'MX-FGR',
    };
    const check = (bytes: Buffer) => t.http().post('/api/documents/verify').attach('file', bytes, { filename: 'document.pdf', contentType: 'application/pdf' });
    for (const document of documents) {
      const bytes = (await download(t, document.id)).body as Buffer;
      // Anyone, without a token: the bytes are this document, and its seal names the office.
      const answer = await check(bytes).expect(200);
      expect(answer.body).toMatchObject({
        valid: true,
        sha256: document.sha256,
        document: { kind: document.kind, reference: flow.body.reference },
        seal: { sealed: true, valid: true, office: { id: sealedBy[document.kind] } },
      });
      // Sealed when the step happened (the signature dictionary's /M, to the second).
      const signedAt = Date.parse(answer.body.seal.signedAt);
      expect(signedAt).toBeGreaterThanOrEqual(started - (started % 1000));
      expect(signedAt).toBeLessThanOrEqual(Date.now());
      for (const at of [12, Math.floor(bytes.length / 3), bytes.length - 10]) {
        const forged = Buffer.from(bytes);
        forged[at] ^= 0x20;
        const refused = await check(forged).expect(200);
        expect(refused.body).toMatchObject({ valid: false, document: null, seal: { valid: false } });
      }
    }
    const note = (await download(t, documents[2].id)).body as Buffer; // the cancillería's authorization
    const sealedAt = (await check(note).expect(200)).body.seal.signedAt as string;
    // An independent reader agrees: poppler's pdfsig finds the PAdES signature valid, made by the
    // cancillería's office at the moment the API reads (pdfsig prints it on the TZ clock: UTC here).
    const file = join(mkdtempSync(join(tmpdir(), 'enlace-pdfsig-')), 'note.pdf');
    writeFileSync(file, note);
    const pdfsig = spawnSync('pdfsig', [file], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
    expect(pdfsig.stdout).toContain('Signature Validation: Signature is Valid.');
    expect(pdfsig.stdout).toContain('Signature Type: ETSI.CAdES.detached');
    expect(pdfsig.stdout).toContain('OU=GT-MINEX');
    expect(pdfsig.stdout).toContain('O=Ministerio de Relaciones Exteriores de la República de Guatemala');
    const signingTime = /Signing Time: (.+)/.exec(pdfsig.stdout)?.[1];
    expect(new Date(`${signingTime} UTC`).toISOString()).toBe(sealedAt);
    // The public page: a dropped file is checked whole and the office that sealed it named.
    const browser = formBrowser(t);
    const form = await browser.open('/verify');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1]!;
    const page = await browser.agent.post(`/verify?_csrf=${encodeURIComponent(csrf)}`).attach('file', note, 'nota.pdf').expect(200);
    expect(page.text).toContain('Sello válido');
    expect(page.text).toContain('Ministerio de Relaciones Exteriores de la República de Guatemala (Guatemala)');
    // When it was sealed, on the sealing office's clock with its offset, as the note prints its own date.
    expect(page.text).toContain(`data-sealed-at="${sealedAt}">${formatDate(sealedAt, 'es', { timeZone: 'America/Guatemala' })}</dd>`);
    const forged = Buffer.from(note);
    forged[Math.floor(note.length / 2)] ^= 0x01;
    const refused = await browser.agent.post(`/verify?_csrf=${encodeURIComponent(csrf)}`).attach('file', forged, 'nota.pdf').expect(422);
    expect(refused.text).toContain('No válido');
    expect(refused.text).toContain('Sello no válido: el archivo fue modificado después de sellarse.');
    await t.http().post('/api/documents/verify').expect(400);
  }, 240_000);

  it('refuses hashes that are not a SHA-256 and ids that are not documents', async () => {
    const auth = await t.login(USERS.fiscalGT);
    await t.http().get('/api/documents/verify/xyz').set('Authorization', auth).expect(400);
    await t.http().get(`/api/documents/verify/${'a'.repeat(64)}`).set('Authorization', auth).expect(404);
    await t.http().get('/api/documents/00000000-0000-4000-8000-000000000000').set('Authorization', auth).expect(404);
  });
});
