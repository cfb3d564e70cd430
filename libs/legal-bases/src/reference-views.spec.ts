import { COUNTRY_CODES, COUNTRY_PROFILES, LEGAL_BASES, applicableLegalBases } from '@enlace/workflows';
import { countryProfileViews, legalBasisViews, profileSourcesView } from './reference-views.js';

describe('the reference data as the API shows it', () => {
  it('lists the instruments of each of the 110 ordered pairs as the rules do, each with its source', () => {
    let pairs = 0;
    for (const from of COUNTRY_CODES) {
      for (const to of COUNTRY_CODES) {
        if (from === to) continue;
        pairs += 1;
        const views = legalBasisViews(from, to);
        expect(views.map((v) => v.basis)).toEqual(applicableLegalBases(from, to).map((a) => a.basis));
        for (const view of views) expect(view.source.title).not.toBe('');
      }
    }
    expect(pairs).toBe(110);
  });

  it('GT -> BZ offers no Nassau, GT -> MX no Central American treaty, GT -> HN both', () => {
    expect(legalBasisViews('GT', 'BZ').map((v) => v.basis)).toEqual(['UNTOC_ART18', 'SOM_PROTOCOL', 'RECIPROCITY']);
    expect(legalBasisViews('GT', 'MX').map((v) => v.basis)).not.toContain('CA_TREATY_1993');
    // GT and HN: every multilateral basis but the Nassau Optional Protocol (Guatemala is no party), no bilateral treaty.
    expect(legalBasisViews('GT', 'HN').map((v) => v.basis)).toEqual(LEGAL_BASES.filter((b) => b !== 'NASSAU_OP_1993' && b !== 'BILATERAL'));
    expect(legalBasisViews('GT', 'MX').find((v) => v.basis === 'BILATERAL')).toMatchObject({ kind: 'bilateral', requiresNamedTreaty: true });
  });

  it('gives every profile with the source of each fact and what is unconfirmed', () => {
    const views = countryProfileViews();
    expect(views.map((v) => v.code)).toEqual([...COUNTRY_CODES]);
    const mx = views.find((v) => v.code === 'MX')!;
    expect(mx.languages).toMatchObject({ accepted: ['es'], source: { id: 'domain-brief' } });
    expect(mx.centralAuthority).toMatchObject({ name: { es: 'Fiscalía General de la República' }, source: { id: 'editorial' } });
    expect(mx.centralAuthority.unconfirmed).toMatch(/not confirmed/);
    expect(mx.treaties.map((t) => t.basis)).toEqual(COUNTRY_PROFILES.find((p) => p.code === 'MX')!.treaties.map((t) => t.basis));
    expect(profileSourcesView()).toMatchObject({ version: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), unconfirmed: expect.any(Array) });
  });
});
