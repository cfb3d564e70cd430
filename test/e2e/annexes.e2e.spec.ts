import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ENGLISH_TRANSLATION } from '../../templates/testing/request.factory.js';
import { binaryBody, downloadDocument, pdfParseText } from '../support/documents.js';
import { csrfOf, formBrowser } from '../support/page-session.js';
import { USERS, advanceUntil, createRequest, documentsWhenSettled, sendEvent, type Flow } from '../support/request-flow.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// A court order as a (tiny) PDF, a certified translation as a PNG, and an executable named like a PDF.
const COURT_ORDER = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const TRANSLATION_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const EXECUTABLE = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(600, 0x90)]);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const MAX_BYTES = 20_000;
const MAX_COUNT = 3;

describe('annexes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ consume: true, redis: true, env: { ENLACE_ANNEX_MAX_BYTES: String(MAX_BYTES), ENLACE_ANNEX_MAX_COUNT: String(MAX_COUNT) } });
  });
  afterAll(() => t.close());

  async function attach(flow: Flow, file: Buffer, filename: string, fields: Record<string, string>, by: keyof typeof USERS = 'fiscalGT') {
    let call = t.http().post(`/api/requests/${flow.id}/annexes`).set('Authorization', await t.login(USERS[by]));
    for (const [name, value] of Object.entries(fields)) call = call.field(name, value);
    return call.attach('file', file, filename);
  }

  const stored = (flow: Flow) => {
    const dir = join(t.config.documentsDir, flow.id, 'annexes');
    return existsSync(dir) ? readdirSync(dir) : [];
  };
  const staging = () => {
    const dir = join(t.config.documentsDir, '.staging');
    return existsSync(dir) ? readdirSync(dir) : [];
  };
  const rows = async (flow: Flow) => (await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM annexes WHERE request_id = $1', [flow.id]))[0]!.n;

  it('a GT -> US request with a court order and a certified translation goes to transmission; the note lists both by hash, each download matches', async () => {
    const flow = await createRequest(t, { requestedCountry: 'US', legalBasis: ['UNTOC_ART18'], translations: { en: ENGLISH_TRANSLATION } });
    const order = await attach(flow, COURT_ORDER, 'auto-juzgado.pdf', { kind: 'court_order', language: 'es', description: 'Auto del Juzgado Quinto Penal que ordena obtener los registros bancarios' });
    expect(order.status).toBe(201);
    expect(order.body).toMatchObject({ kind: 'court_order', language: 'es', mediaType: 'application/pdf', sha256: sha256(COURT_ORDER), sizeBytes: COURT_ORDER.length, filename: 'auto-juzgado.pdf' });
    const translation = await attach(flow, TRANSLATION_PNG, 'translation.png', { kind: 'certified_translation', language: 'en', description: 'Certified English translation of the court order' });
    expect(translation.status).toBe(201);
    expect(translation.body).toMatchObject({ kind: 'certified_translation', mediaType: 'image/png', sha256: sha256(TRANSLATION_PNG) });

    // A forged type: an executable renamed .pdf is refused from its content, and nothing is stored.
    const forged = await attach(flow, EXECUTABLE, 'orden.pdf', { kind: 'evidence', language: 'es', description: 'Prueba' });
    expect(forged.status).toBe(415);
    expect(forged.body.error).toBe('unsupported_media_type');
    expect(await rows(flow)).toBe(2);
    expect(stored(flow).sort()).toEqual([`${sha256(COURT_ORDER)}.pdf`, `${sha256(TRANSLATION_PNG)}.png`].sort());
    expect(staging()).toEqual([]);

    await advanceUntil(t, flow, 'ACKNOWLEDGE');
    const documents = await documentsWhenSettled(t, flow.id);
    const note = documents.find((d) => d.kind === 'transmission_note')!;
    const form = documents.find((d) => d.kind === 'standardized_form')!;
    expect([note.status, form.status]).toEqual(['ready', 'ready']);
    const pdf = async (id: string) => pdfParseText((await downloadDocument(t, id, USERS.fiscalGT)).body);
    const [noteText, formText] = [await pdf(note.id), await pdf(form.id)];
    for (const text of [noteText, formText]) {
      expect(text).toContain(sha256(COURT_ORDER));
      expect(text).toContain(sha256(TRANSLATION_PNG));
      expect(text).toMatch(/Orden judicial \/ Court order/);
      expect(text).toMatch(/Traducción certificada \/ Certified translation/);
    }

    // The requested central authority, now that the request went through the formal channel, lists and downloads them.
    const listed = await t.http().get(`/api/requests/${flow.id}/annexes`).set('Authorization', await t.login(USERS.autoridadUS)).expect(200);
    expect(listed.body.map((a: { sha256: string }) => a.sha256)).toEqual([sha256(COURT_ORDER), sha256(TRANSLATION_PNG)]);
    for (const [annex, bytes] of [[listed.body[0], COURT_ORDER], [listed.body[1], TRANSLATION_PNG]] as const) {
      const download = await t.http().get(`/api/annexes/${annex.id}`).set('Authorization', await t.login(USERS.autoridadUS)).buffer(true).parse(binaryBody as never).expect(200);
      expect(download.headers['content-type']).toBe(annex.mediaType);
      expect(sha256(download.body as Buffer)).toBe(annex.sha256);
      expect((download.body as Buffer).equals(bytes)).toBe(true);
    }
    // The verification names an annex's request only to someone signed in who may see its annexes: a
    // file's holder (a bank, a suspect) must not learn from its hash that a request cites it.
    const checked = await t.http().post('/api/documents/verify').attach('file', COURT_ORDER, 'auto.pdf').expect(200);
    expect(checked.body).toMatchObject({ valid: false, sha256: sha256(COURT_ORDER), document: null });
    const anonymous = await t.http().get(`/verify/${sha256(TRANSLATION_PNG)}`).expect(404);
    expect(anonymous.text).not.toContain(flow.body.reference as string);
    const authority = formBrowser(t);
    await authority.signIn(USERS.autoridadUS);
    expect((await authority.open(`/verify/${sha256(TRANSLATION_PNG)}`)).text).toContain('Anexo: Traducción certificada');
    const dropped = await authority.agent.post(`/verify?_csrf=${encodeURIComponent(csrfOf((await authority.open('/verify')).text))}`).attach('file', COURT_ORDER, 'auto.pdf');
    expect(dropped.text).toContain(flow.body.reference as string);
    const outsider = formBrowser(t);
    await outsider.signIn(USERS.fiscalMX);
    const refused = await outsider.agent.get(`/verify/${sha256(TRANSLATION_PNG)}`).expect(404);
    expect(refused.text).not.toContain(flow.body.reference as string);
    // Past the editable states, nothing more can be attached.
    const late = await attach(flow, Buffer.concat([COURT_ORDER, Buffer.from('%late\n')]), 'late.pdf', { kind: 'other', language: 'es', description: 'Tarde' });
    expect(late.status).toBe(409);
    // The whole way from draft to transmission, with both forms in two languages rendered: minutes on a loaded machine.
  }, 300_000);

  it('answers a multipart body that cannot be read (no boundary, cut off mid-file) with 400 naming the file, storing nothing', async () => {
    const flow = await createRequest(t);
    const auth = await t.login(USERS.fiscalGT);
    const cut = [
      '--cut',
      'Content-Disposition: form-data; name="kind"',
      '',
      'evidence',
      '--cut',
      'Content-Disposition: form-data; name="file"; filename="auto.pdf"',
      'Content-Type: application/pdf',
      '',
      COURT_ORDER.toString('latin1').slice(0, 40),
    ].join('\r\n');
    const bodies = [
      { what: 'no boundary', type: 'multipart/form-data', body: 'x' },
      { what: 'a boundary too long to search for', type: `multipart/form-data; boundary=${'b'.repeat(300)}`, body: 'x' },
      { what: 'cut off mid-file', type: 'multipart/form-data; boundary=cut', body: cut },
    ];
    for (const { what, type, body } of bodies) {
      for (const path of [`/api/requests/${flow.id}/annexes`, '/api/documents/verify']) {
        const response = await t.http().post(path).set('Authorization', auth).set('Content-Type', type).send(body);
        expect({ what, path, status: response.status, error: response.body.error, fields: response.body.fields }).toEqual({
          what,
          path,
          status: 400,
          error: 'validation_failed',
          fields: [{ field: 'file', rule: 'malformed_multipart' }],
        });
      }
    }
    expect(await rows(flow)).toBe(0);
    expect(stored(flow)).toEqual([]);
    expect(staging()).toEqual([]);
  });

  it('refuses what is too large, one too many, a missing field, and anyone but the creating fiscal, storing nothing', async () => {
    const flow = await createRequest(t);
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(MAX_BYTES, 0x20)]);
    const tooLarge = await attach(flow, big, 'big.pdf', { kind: 'evidence', language: 'es', description: 'Demasiado grande' });
    expect(tooLarge.status).toBe(413);
    expect(await rows(flow)).toBe(0);
    expect(stored(flow)).toEqual([]);
    expect(staging()).toEqual([]);

    const noKind = await attach(flow, COURT_ORDER, 'auto.pdf', { language: 'es', description: 'Sin tipo' });
    expect(noKind.status).toBe(400);
    expect(noKind.body.fields).toEqual([expect.objectContaining({ field: 'kind', rule: 'one_of' })]);
    expect(await rows(flow)).toBe(0);

    expect((await attach(flow, COURT_ORDER, 'auto.pdf', { kind: 'court_order', language: 'es', description: 'x' }, 'fiscalMX')).status).toBe(404);
    expect((await attach(flow, COURT_ORDER, 'auto.pdf', { kind: 'court_order', language: 'es', description: 'x' }, 'supervisorGT')).status).toBe(403);
    // The counterpart reading the informal draft does not see the annexes either.
    expect((await t.http().get(`/api/requests/${flow.id}/annexes`).set('Authorization', await t.login(USERS.fiscalMX))).status).toBe(404);

    for (let i = 0; i < MAX_COUNT; i++) {
      const file = Buffer.concat([COURT_ORDER, Buffer.from(`%${i}\n`)]);
      expect((await attach(flow, file, `prueba-${i}.pdf`, { kind: 'evidence', language: 'es', description: `Prueba ${i}` })).status).toBe(201);
    }
    const tooMany = await attach(flow, Buffer.concat([COURT_ORDER, Buffer.from('%extra\n')]), 'extra.pdf', { kind: 'evidence', language: 'es', description: 'Una más' });
    expect(tooMany.status).toBe(413);
    expect(await rows(flow)).toBe(MAX_COUNT);
    expect(stored(flow)).toHaveLength(MAX_COUNT);
    expect(staging()).toEqual([]);
    const again = await attach(flow, Buffer.concat([COURT_ORDER, Buffer.from('%0\n')]), 'again.pdf', { kind: 'evidence', language: 'es', description: 'Repetido' });
    expect([409, 413]).toContain(again.status);
    expect(await sendEvent(t, flow, { type: 'SHARE_DRAFT', by: 'fiscalGT' })).toMatchObject({ status: 200 });
  });
});
