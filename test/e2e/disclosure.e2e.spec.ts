// The disclosure policy through every door: for every role of the requesting country (GT), the
// requested country (MX) and a third country (HN), at every state from draft to transmitted, what
// each reads of the protected persons in the JSON (request, list, history, messages) and in each PDF
// it may download. Before transmission, nobody outside Guatemala meets the minor's name, birth date,
// birth certificate or shelter anywhere, however the prose writes the name; once transmitted, the
// Mexican central authority reads the whole request.
import type { Person } from '@enlace/workflows';
import { SMUGGLED_MINOR, buildRequestFields } from '../../templates/testing/request.factory.js';
import { downloadDocument, pdfParseText } from '../support/documents.js';
import { signedInBrowser } from '../support/page-session.js';
import { USERS, createRequest, documentsWhenSettled, sendEvent, type Flow, type Step } from '../support/request-flow.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { addUser } from '../support/users.factory.js';

// A second protected person, a minor only by date of birth (no protected role, no vulnerability).
const CHILD_WITNESS: Person = {
  role: 'witness',
  fullName: 'Kevin Ottoniel Xol Caal',
  dateOfBirth: '2013-06-21',
  identityDocument: 'CUI 3012 45678 1601',
  location: 'Casa hogar Nuestros Ahijados, Antigua Guatemala',
};

/** What must not reach an outsider before transmission, folded (no case, no accents). */
const LEAKS = [
  'josue andres munoz perez',
  'munoz perez',
  'josue munoz',
  'perez, josue',
  SMUGGLED_MINOR.dateOfBirth!,
  '3 de noviembre de 2009',
  '0801-2009-11234',
  'albergue del dif',
  'kevin ottoniel xol caal',
  'xol caal',
  '3012 45678 1601',
  '2013-06-21',
  'nuestros ahijados',
];

const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ');
const leaksIn = (text: string) => LEAKS.filter((leak) => fold(text).includes(leak));

type Who = { email: string; country: 'GT' | 'MX' | 'HN' | null; label: string };

let t: TestApp;
let flow: Flow;
const viewers: Who[] = [];
const pdfText = new Map<string, string>();

const download = (id: string, email: string) => downloadDocument(t, id, email);

async function textOfPdf(id: string, bytes: Buffer): Promise<string> {
  if (!pdfText.has(id)) pdfText.set(id, await pdfParseText(bytes));
  return pdfText.get(id)!;
}

/** Everything `who` can read about the request now: the JSON of every read route and the text of every PDF. */
async function everythingSeenBy(who: Who): Promise<{ visible: boolean; json: string; pdfs: Record<string, string>; refused: string[] }> {
  const auth = await t.login(who.email);
  const get = (path: string) => t.http().get(path).set('Authorization', auth);
  const request = await get(`/api/requests/${flow.id}`);
  if (request.status === 404) return { visible: false, json: '', pdfs: {}, refused: [] };
  expect(request.status).toBe(200);
  const parts = [JSON.stringify(request.body)];
  parts.push(JSON.stringify((await get('/api/requests?pageSize=100').expect(200)).body));
  parts.push(JSON.stringify((await get(`/api/requests/${flow.id}/history`).expect(200)).body));
  const messages = await get(`/api/requests/${flow.id}/messages`);
  if (messages.status === 200) parts.push(JSON.stringify(messages.body));
  parts.push(JSON.stringify((await get('/api/notifications').expect(200)).body));
  const listed: { id: string; kind: string; revision: number; status: string }[] = (await get(`/api/requests/${flow.id}/documents`).expect(200)).body;
  const pdfs: Record<string, string> = {};
  for (const document of listed.filter((d) => d.status === 'ready')) {
    const response = await download(document.id, who.email);
    expect(response.status).toBe(200);
    pdfs[`${document.kind}#${document.revision}`] = await textOfPdf(document.id, response.body as Buffer);
  }
  // What is not listed cannot be downloaded either.
  const all: { id: string; kind: string }[] = (await t.http().get(`/api/requests/${flow.id}/documents`).set('Authorization', await t.login(USERS.fiscalGT))).body;
  const refused: string[] = [];
  for (const document of all.filter((d) => !listed.some((l) => l.id === d.id))) {
    const response = await download(document.id, who.email);
    expect(response.status).toBe(404);
    refused.push(document.kind);
  }
  return { visible: true, json: parts.join('\n'), pdfs, refused };
}

beforeAll(async () => {
  t = await startTestApp({ consume: true, redis: true });
  const extra = async (label: string, role: 'fiscal' | 'cancilleria' | 'central_authority' | 'supervisor', country: 'GT' | 'MX' | 'HN', liaison = false) => {
    const { email } = await addUser(t, { role, country, ...(liaison ? { liaisonStatus: 'authorized' } : {}) });
    viewers.push({ email, country, label });
  };
  for (const [label, email] of Object.entries(USERS)) {
    viewers.push({ email, label, country: label === 'admin' ? null : (label.slice(-2) as 'GT' | 'MX' | 'HN') });
  }
  await extra('centralAuthorityGT', 'central_authority', 'GT');
  await extra('supervisorMX', 'supervisor', 'MX');
  await extra('liaisonHN', 'fiscal', 'HN', true);
  await extra('centralAuthorityHN', 'central_authority', 'HN');
  await extra('supervisorHN', 'supervisor', 'HN');
  flow = await createRequest(t, {
    persons: [...buildRequestFields().persons!, CHILD_WITNESS],
    measures: [
      ...buildRequestFields().measures!,
      {
        type: 'testimony',
        description: 'Entrevista especializada del niño Kevin XOL CAAL, en cámara Gesell.',
        // The structured field names the child too: masked like the prose until transmission.
        witness: 'Kevin Ottoniel Xol Caal',
        questions: ['¿Viajaba Kevin Ottoniel con MUÑOZ PÉREZ, Josué?'],
      },
    ],
  });
}, 120_000);
afterAll(() => t?.close());

const STEPS: Step[] = [
  { type: 'SHARE_DRAFT', by: 'fiscalGT', comment: 'Compartimos el caso de josue munoz (partida 0801-2009-11234) para consulta.' },
  { type: 'STANDARDIZE', by: 'fiscalGT' },
  { type: 'SUBMIT', by: 'fiscalGT' },
  { type: 'AUTHORIZE', by: 'cancilleriaGT' },
  { type: 'TRANSMIT', by: 'autoridadGT' },
];

it('keeps every protected identity inside Guatemala until transmission, and hands it whole to the Mexican central authority after', async () => {
  const report: Record<string, Record<string, unknown>> = {};
  const expected: Record<string, Record<string, unknown>> = {};
  for (let step = 0; step <= STEPS.length; step++) {
    if (step > 0) {
      const response = await sendEvent(t, flow, STEPS[step - 1]);
      expect([STEPS[step - 1].type, response.status]).toEqual([STEPS[step - 1].type, 200]);
      if (STEPS[step - 1].type === 'SHARE_DRAFT') {
        // The requesting fiscal names the child in the informal channel, in lower case and without accents.
        await t
          .http()
          .post(`/api/requests/${flow.id}/messages`)
          .set('Authorization', await t.login(USERS.fiscalGT))
          .send({ body: 'El menor josue andres munoz perez y el niño kevin xol siguen en el albergue del DIF.' })
          .expect(201);
      }
    }
    await documentsWhenSettled(t, flow.id);
    const state = flow.body.state as string;
    const transmitted = state === 'transmitted';
    const at = `${step}:${state}`;
    report[at] = {};
    expected[at] = {};
    for (const who of viewers) {
      const seen = await everythingSeenBy(who);
      if (!seen.visible) continue;
      const outsider = who.country !== 'GT' && !transmitted;
      const actual = {
        leaksInJson: leaksIn(seen.json),
        leaksInPdfs: Object.fromEntries(Object.entries(seen.pdfs).map(([kind, text]) => [kind, leaksIn(text)])),
        kinds: Object.keys(seen.pdfs).map((k) => k.split('#')[0]).filter((k, i, all) => all.indexOf(k) === i),
      };
      report[at][who.label] = actual;
      expected[at][who.label] = outsider
        ? {
            leaksInJson: [],
            leaksInPdfs: Object.fromEntries(Object.keys(seen.pdfs).map((k) => [k, []])),
            kinds: ['informal_draft'].filter(() => Object.keys(seen.pdfs).length > 0),
          }
        : actual;
      if (outsider) expect(seen.refused.every((kind) => kind !== 'informal_draft')).toBe(true);
    }
  }
  expect(report).toEqual(expected);

  // Who could look at all, and when: the counterpart liaison from SHARE_DRAFT on, the rest of Mexico
  // only with transmission, nobody of the third country.
  const lookers = (at: string) => Object.keys(report[at]).sort();
  expect(lookers('0:draft')).toEqual(['fiscalGT', 'supervisorGT']);
  expect(lookers('1:draft')).toEqual(['fiscalGT', 'fiscalMX', 'supervisorGT']);
  expect(lookers('5:transmitted')).toEqual(
    // Guatemala's central authorities from authorization on (they transmit on this route); Mexico's
    // cancillería never, since the route runs between central authorities.
    ['autoridadGT', 'centralAuthorityGT', 'autoridadMX', 'cancilleriaGT', 'fiscalGT', 'fiscalMX', 'supervisorGT', 'supervisorMX'].sort(),
  );
  // Before transmission the counterpart read the informal drafts and nothing else.
  expect(report['4:authorized'].fiscalMX).toMatchObject({ kinds: ['informal_draft'] });
  // Inside Guatemala the form names the child in full all along (the test can tell a leak).
  expect((report['3:pending_authorization'].cancilleriaGT as { leaksInPdfs: Record<string, string[]> }).leaksInPdfs['standardized_form#1']).toEqual(
    expect.arrayContaining(['josue andres munoz perez', '0801-2009-11234', 'kevin ottoniel xol caal']),
  );

  // Once transmitted, the Mexican central authority reads the whole request: JSON and every formal document.
  const authority = report['5:transmitted'].autoridadMX as { leaksInJson: string[]; leaksInPdfs: Record<string, string[]>; kinds: string[] };
  expect(authority.kinds).toEqual(['informal_draft', 'standardized_form', 'authorization', 'transmission_note']);
  expect(authority.leaksInJson).toEqual(expect.arrayContaining(['josue andres munoz perez', SMUGGLED_MINOR.dateOfBirth!, '0801-2009-11234', 'albergue del dif', 'kevin ottoniel xol caal']));
  expect(authority.leaksInPdfs['standardized_form#1']).toEqual(expect.arrayContaining(['josue andres munoz perez', '0801-2009-11234', 'albergue del dif']));
  // The informal draft stays what it was: made for the informal channel, initials only.
  expect(authority.leaksInPdfs['informal_draft#1']).toEqual([]);
  const full = await t.http().get(`/api/requests/${flow.id}`).set('Authorization', await t.login(USERS.autoridadMX)).expect(200);
  expect(full.body.disclosure).toBe('full');
  expect(full.body.persons).toContainEqual(SMUGGLED_MINOR);
}, 240_000);

it('shows the counterpart the initials, role, nationality and vulnerabilities of a protected person, nothing else', async () => {
  // A fresh shared draft: the request of the walk above is transmitted by now.
  const shared = await createRequest(t);
  await sendEvent(t, shared, { type: 'SHARE_DRAFT', by: 'fiscalGT' });
  const seen = await t.http().get(`/api/requests/${shared.id}`).set('Authorization', await t.login(USERS.fiscalMX)).expect(200);
  expect(seen.body.disclosure).toBe('protected');
  expect(seen.body.persons[1]).toEqual({
    role: 'smuggled_migrant',
    fullName: 'J. A. M. P.',
    nationality: SMUGGLED_MINOR.nationality,
    vulnerabilities: SMUGGLED_MINOR.vulnerabilities,
    protected: true,
  });
  expect(seen.body.summaryOfFacts).toContain('al adolescente J. A. M. P., de 16 años');
  const own = await t.http().get(`/api/requests/${shared.id}`).set('Authorization', await t.login(USERS.fiscalGT)).expect(200);
  expect(own.body.disclosure).toBe('full');
  expect(own.body.persons[1]).toEqual(SMUGGLED_MINOR);
});

it('masks a protected person known by one name only wherever the counterpart reads it', async () => {
  const yeni: Person = { role: 'smuggled_migrant', fullName: 'Yeni', nationality: 'hondureña' };
  const shared = await createRequest(t, {
    persons: [...buildRequestFields().persons!, yeni],
    summaryOfFacts: 'La migrante Yeni fue trasladada al albergue junto con otros once migrantes.',
  });
  await sendEvent(t, shared, { type: 'SHARE_DRAFT', by: 'fiscalGT', comment: 'Consulta sobre el caso de YENI.' });
  await t.http().post(`/api/requests/${shared.id}/messages`).set('Authorization', await t.login(USERS.fiscalGT)).send({ body: 'Yeni declaró ayer.' }).expect(201);
  const auth = await t.login(USERS.fiscalMX);
  const seen = (await t.http().get(`/api/requests/${shared.id}`).set('Authorization', auth).expect(200)).body;
  const history = (await t.http().get(`/api/requests/${shared.id}/history`).set('Authorization', auth).expect(200)).body;
  const messages = (await t.http().get(`/api/requests/${shared.id}/messages`).set('Authorization', auth).expect(200)).body;
  expect(seen.summaryOfFacts).toBe('La migrante Y. fue trasladada al albergue junto con otros once migrantes.');
  expect(seen.persons.at(-1)).toEqual({ role: 'smuggled_migrant', fullName: 'Y.', nationality: 'hondureña', protected: true });
  expect({ history: /yeni/i.test(JSON.stringify(history)), messages: /yeni/i.test(JSON.stringify(messages)) }).toEqual({ history: false, messages: false });
  expect(JSON.stringify(messages)).toContain('Y. declaró ayer.');
  const own = (await t.http().get(`/api/requests/${shared.id}`).set('Authorization', await t.login(USERS.fiscalGT)).expect(200)).body;
  expect(own.summaryOfFacts).toContain('La migrante Yeni fue trasladada');
});

it('finds a shared draft by a protected name for the requesting fiscal, never for the counterpart who sees it masked', async () => {
  const shared = await createRequest(t, { title: 'Traslado irregular de Josué Muñoz Pérez' });
  await sendEvent(t, shared, { type: 'SHARE_DRAFT', by: 'fiscalGT' });
  const reference = shared.body.reference as string;
  const listed = async (email: string, search: string) => {
    const html = (await (await signedInBrowser(t, email)).open(`/desk/requests?search=${encodeURIComponent(search)}`)).text;
    return { search, listed: html.includes(reference), fullTitle: html.includes('Josué Muñoz Pérez'), maskedTitle: html.includes('Traslado irregular de J. A. M. P.') };
  };
  expect(await listed(USERS.fiscalGT, 'Muñoz Pérez')).toEqual({ search: 'Muñoz Pérez', listed: true, fullTitle: true, maskedTitle: false });
  // The counterpart reads "Traslado irregular de J. A. M. P.": a search by the name it cannot read
  // (or by any part of a title it is shown masked) finds nothing; the reference finds it.
  expect(await listed(USERS.fiscalMX, 'Muñoz Pérez')).toEqual({ search: 'Muñoz Pérez', listed: false, fullTitle: false, maskedTitle: false });
  expect(await listed(USERS.fiscalMX, 'Traslado irregular')).toEqual({ search: 'Traslado irregular', listed: false, fullTitle: false, maskedTitle: false });
  expect(await listed(USERS.fiscalMX, reference)).toEqual({ search: reference, listed: true, fullTitle: false, maskedTitle: true });
});
