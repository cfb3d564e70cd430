import { createHash } from 'node:crypto';
import { PDFParse } from 'pdf-parse';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { HAPPY_PATH, USERS, advanceUntil, createRequest, documentsWhenSettled, sendEvent } from '../support/request-flow.js';
import { ENGLISH_TRANSLATION } from '../../templates/testing/request.factory.js';

async function download(t: TestApp, id: string, by: keyof typeof USERS = 'fiscalGT') {
  const response = await t
    .http()
    .get(`/api/documents/${id}`)
    .set('Authorization', await t.login(USERS[by]))
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
  return response;
}

async function textOf(bytes: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

describe('documents of each step, rendered by the queue workers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ consume: true, redis: true });
  });
  afterAll(() => t.close());

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
    const note = await textOf((await download(t, documents[3].id)).body as Buffer);
    expect(note).toContain(form.sha256);
    expect(note).toContain(documents[2].sha256);
    // The central authority sees the formal documents; a fiscal of another country sees nothing.
    await t.http().get(`/api/documents/verify/${form.sha256}`).set('Authorization', await t.login(USERS.autoridadMX)).expect(200);
    await t.http().get(`/api/documents/verify/${form.sha256}`).set('Authorization', await t.login(USERS.fiscalUS)).expect(404);
    expect((await download(t, form.id, 'fiscalUS')).status).toBe(404);
  });

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

  it('refuses hashes that are not a SHA-256 and ids that are not documents', async () => {
    const auth = await t.login(USERS.fiscalGT);
    await t.http().get('/api/documents/verify/xyz').set('Authorization', auth).expect(400);
    await t.http().get(`/api/documents/verify/${'a'.repeat(64)}`).set('Authorization', auth).expect(404);
    await t.http().get('/api/documents/00000000-0000-4000-8000-000000000000').set('Authorization', auth).expect(404);
  });
});
