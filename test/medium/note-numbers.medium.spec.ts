// The note numbers of each office on the real PostgreSQL: taken in the transaction that records the
// document, one after the other however many clerks sign at once, given back by a rollback (no
// gap), kept by a repeated step; and the date a note prints is the one where its office signs.
import { DocumentScheduler, ViewModelBuilder } from '@enlace/documents';
import { Database, DocumentsRepository } from '@enlace/persistence';
import { renderDefinition } from '@enlace/templates';
import { definitionText } from '../../templates/testing/definition-helpers.js';
import { createRequest, sendEvent, type Flow } from '../support/request-flow.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { TestClock } from '../support/test-clock.js';

// 31 December, 23:30 in Guatemala (UTC−6): in UTC it is already the next year.
const NEW_YEARS_EVE_2326_GT = '2027-01-01T05:30:00.000Z';

let t: TestApp;
const clock = new TestClock('2026-12-30T18:00:00.000Z');
beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(() => t?.close());

const issuedBy = { country: 'GT', role: 'cancilleria' };
const source = { fields: {}, state: 'authorized', version: 1 };

async function schedule(flow: Flow, revision: number, at = new Date('2026-06-01T15:00:00.000Z')) {
  const db = t.app.get(Database);
  const scheduler = t.app.get(DocumentScheduler);
  return db.transaction((tx) => scheduler.schedule(tx, { requestId: flow.id, kind: 'authorization', revision, issuedAt: at, source, issuer: issuedBy }));
}

const numbersOf = async (office: string, year: number) =>
  (await t.sql<{ note_number: number }>('SELECT note_number FROM documents WHERE office_id = $1 AND note_year = $2 ORDER BY note_number', [office, year])).map(
    (r) => r.note_number,
  );

it('twenty clerks of one office signing at once get twenty consecutive numbers, none twice', async () => {
  const flow = await createRequest(t);
  const before = await numbersOf('GT-MINEX', 2026);
  await Promise.all(Array.from({ length: 20 }, (_, i) => schedule(flow, 100 + i)));
  const after = (await numbersOf('GT-MINEX', 2026)).filter((n) => !before.includes(n));
  const first = (before.at(-1) ?? 0) + 1;
  expect(after).toEqual(Array.from({ length: 20 }, (_, i) => first + i));
});

it('a step rolled back gives its number back, and a repeated step keeps the one it has', async () => {
  const flow = await createRequest(t);
  const db = t.app.get(Database);
  const scheduler = t.app.get(DocumentScheduler);
  const first = await schedule(flow, 1);
  await expect(
    db.transaction(async (tx) => {
      await scheduler.schedule(tx, { requestId: flow.id, kind: 'authorization', revision: 2, issuedAt: new Date('2026-06-01T15:00:00.000Z'), source, issuer: issuedBy });
      throw new Error('the step failed after taking a number');
    }),
  ).rejects.toThrow('the step failed');
  const again = await schedule(flow, 1);
  expect(again.id).toBe(first.id);
  expect(again.noteNumber).toBe(first.noteNumber);
  const next = await schedule(flow, 2);
  expect(next.noteNumber).toBe(first.noteNumber! + 1);
  expect(await t.sql('SELECT 1 FROM documents WHERE request_id = $1 AND revision = 3', [flow.id])).toHaveLength(0);
});

it('a note signed at 23:30 on 31 December in Guatemala is dated that day and numbered in that year', async () => {
  clock.set(NEW_YEARS_EVE_2326_GT);
  const flow = await createRequest(t);
  for (const type of ['STANDARDIZE', 'SUBMIT'] as const) expect((await sendEvent(t, flow, { type, by: 'fiscalGT' })).status).toBe(200);
  const [row] = await t.sql<{ id: string; office_id: string; note_year: number }>(
    `SELECT id, office_id, note_year FROM documents WHERE request_id = $1 AND kind = 'standardized_form'`,
    [flow.id],
  );
  expect(row).toMatchObject({ office_id: 'GT-MP', note_year: 2026 });
  const document = (await t.app.get(DocumentsRepository).findById(row!.id))!;
  const vm = await t.app.get(ViewModelBuilder).build(document);
  expect(vm.issuer?.noteNumber).toMatch(/^MP-GT\/2026\/\d{5}$/);
  const text = definitionText(renderDefinition(vm));
  expect(text).toContain('Ciudad de Guatemala, 31 de diciembre de 2026');
  expect(text).toContain('31 de diciembre de 2026, 23:30 (UTC−06:00)');
  expect(text).not.toContain('1 de enero de 2027');
});
