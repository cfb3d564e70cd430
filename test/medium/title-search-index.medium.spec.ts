// The fiscal's search at scale (issue 12's page bench): a word anywhere in a request's title or
// reference (ILIKE '%...%', which no B-tree serves) is found through trigram indexes (pg_trgm), not by
// reading every visible request's fields; the search finds what it found before, accents and case aside.
import { MIGRATIONS, RequestsRepository } from '@enlace/persistence';
import { USERS, createRequest } from '../support/request-flow.js';
import { planAtScale } from '../support/query-plan.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let fiscal: { id: string; role: 'fiscal'; country: 'GT'; authorizedLiaison: true };
beforeAll(async () => {
  t = await startTestApp();
  for (const title of ['Registros bancarios de la red Cóndor', 'Testimonio de migrantes en Tapachula', 'Datos telefónicos de la red cóndor']) {
    await createRequest(t, { title });
  }
  const [row] = await t.sql<{ id: string }>('SELECT id FROM users WHERE email = $1', [USERS.fiscalGT]);
  fiscal = { id: row.id, role: 'fiscal', country: 'GT', authorizedLiaison: true };
}, 120_000);
afterAll(() => t?.close());

const titles = async (search: string) =>
  (await t.app.get(RequestsRepository).list(fiscal, { search, page: 1, pageSize: 20 })).items.map((r) => (r.fields as { title: string }).title).sort();

async function searchPlan(): Promise<string> {
  return planAtScale(t, `SELECT count(*) FROM requests r WHERE r.reference ILIKE '%cóndor%' OR r.fields->>'title' ILIKE '%cóndor%'`);
}

describe('searching a fiscal’s requests by a word of the title or reference', () => {
  it('finds the word anywhere, whatever its case, and reads the trigram indexes to do it', async () => {
    expect(await titles('cóndor')).toEqual(['Datos telefónicos de la red cóndor', 'Registros bancarios de la red Cóndor']);
    expect(await titles('TAPACHULA')).toEqual(['Testimonio de migrantes en Tapachula']);
    const plan = await searchPlan();
    expect(plan).toContain('requests_title_trgm_idx');
    expect(plan).toContain('requests_reference_trgm_idx');
  });

  it('the migration goes down and up again, and the search finds the same either way', async () => {
    const Migration = MIGRATIONS.find((m) => m.name.startsWith('TitleSearchIndex'))!;
    const runner = { query: (sql: string) => t.sql(sql) } as never;
    await new Migration().down(runner);
    expect(await searchPlan()).not.toContain('trgm');
    expect(await titles('cóndor')).toHaveLength(2);
    await new Migration().up(runner);
    expect(await searchPlan()).toContain('requests_title_trgm_idx');
  });
});
