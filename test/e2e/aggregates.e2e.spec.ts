// Aggregates that do not point at a case: the admin's region figures showed a never-shared GT -> US
// draft as `visits: 1` for its measure. Groups of fewer than 5 requests are now held back
// (`suppressed: true`, every figure null; "fewer than 5" on the dashboard), larger ones shown.
import { USERS, createRequest, sendEvent } from '../support/request-flow.js';
import { formBrowser } from '../support/page-session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const transfer = { type: 'transfer_detained_person' as const, description: 'Traslado temporal de un detenido para declarar.' };
const bank = { type: 'bank_records' as const, description: 'Estados de cuenta de 2025.' };
type Item = { stage: string; measure?: string; visits: number | null; open: number | null; medianHours: number | null; suppressed: boolean };

async function figures(who: keyof typeof USERS, query: string) {
  const response = await t.http().get(`/api/analytics/turnaround${query}`).set('Authorization', await t.login(USERS[who]));
  expect(response.status).toBe(200);
  return response.body as { suppressedBelow: number | null; items: Item[] };
}

it('holds back a group of one never-shared draft from the admin, shows a group of five, and says so in the JSON and the CSV', async () => {
  await createRequest(t, { requestedCountry: 'US', measures: [transfer] });
  for (let i = 0; i < 5; i++) await createRequest(t, { requestedCountry: 'MX', measures: [bank] });

  const region = await figures('admin', '?groupBy=measure');
  expect(region.suppressedBelow).toBe(5);
  const draftOf = (measure: string) => region.items.find((i) => i.measure === measure && i.stage === 'draft')!;
  expect(draftOf('transfer_detained_person')).toMatchObject({ visits: null, open: null, medianHours: null, suppressed: true });
  expect(draftOf('bank_records')).toMatchObject({ visits: 5, open: 5, suppressed: false });
  expect(JSON.stringify(region.items.filter((i) => i.visits !== null && i.visits > 0 && i.visits < 5))).toBe('[]');

  const pairs = await figures('admin', '?groupBy=countryPair');
  expect(pairs.items.find((i) => (i as unknown as { requestedCountry: string }).requestedCountry === 'US')).toMatchObject({ visits: null, suppressed: true });

  const csv = await t.http().get('/api/analytics/turnaround?groupBy=measure').set('Authorization', await t.login(USERS.admin)).set('Accept', 'text/csv');
  const line = csv.text.split('\r\n').find((l) => l.startsWith('transfer_detained_person,draft,'))!;
  expect(line).toBe('transfer_detained_person,draft,,,,,,,,,,,,,true');

  // The requesting country's supervisor reads each of these requests anyway: its figures are whole.
  const own = await figures('supervisorGT', '?groupBy=measure');
  expect(own.suppressedBelow).toBeNull();
  expect(own.items.find((i) => i.measure === 'transfer_detained_person' && i.stage === 'draft')).toMatchObject({ visits: 1, suppressed: false });
});

it('shows "fewer than 5" on the admin’s dashboard, in the user’s language, and no single case', async () => {
  const flow = await createRequest(t, { requestedCountry: 'US', measures: [transfer] });
  expect((await sendEvent(t, flow, { type: 'STANDARDIZE', by: 'fiscalGT' })).status).toBe(200); // one request standardized
  for (const [lang, words] of [['es', 'menos de 5'], ['en', 'fewer than 5'], ['fr', 'moins de 5']] as const) {
    const browser = formBrowser(t, { 'Accept-Language': lang });
    await browser.signIn(USERS.admin);
    const page = await browser.open('/desk/dashboard');
    const row = (stage: string) => new RegExp(`<tr data-stage="${stage}">([\\s\\S]*?)</tr>`).exec(page.text)![1];
    expect(row('draft')).toContain('<td data-field="visits">7</td>');
    expect(row('standardized')).toContain(`<td data-field="visits">${words}</td>`);
    expect(row('standardized')).toContain(`<td data-field="medianHours">${words}</td>`);
    expect(row('pending_authorization')).toContain('<td data-field="visits">0</td>');
    expect(page.text).not.toMatch(/data-field="(visits|open|overdue)">[1-4]</);
  }
  // The supervisor's own figures: the one standardized request is counted as it is.
  const supervisor = formBrowser(t, { 'Accept-Language': 'es' });
  await supervisor.signIn(USERS.supervisorGT);
  const page = await supervisor.open('/desk/dashboard');
  expect(/<tr data-stage="standardized">([\s\S]*?)<\/tr>/.exec(page.text)![1]).toContain('<td data-field="visits">1</td>');
});
