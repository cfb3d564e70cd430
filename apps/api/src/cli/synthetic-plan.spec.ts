// The synthetic data set stands for real requests only if the machine would let each of them through:
// a rule added to SUBMIT (a field a measure now needs, a text still untranslated) must be met by the
// synthetic requests too, or `npm run seed -- --synthetic` stops at its first scenario.
import { COUNTRY_CODES, decide, restoreRequest, startRequest } from '@enlace/workflows';
import { MEASURE_SETS, SCENARIOS, languageOf, scenarioSteps, syntheticFields } from './synthetic-plan.js';

const FISCAL_ID = '00000000-0000-0000-0000-000000000000';

describe('the synthetic requests', () => {
  it.each(COUNTRY_CODES.flatMap((from) => COUNTRY_CODES.filter((to) => to !== from).map((to) => [from, to] as const)))(
    'from %s to %s pass SUBMIT with every set of measures',
    (from, to) => {
      for (let set = 0; set < MEASURE_SETS.length; set++) {
        const request = { ...syntheticFields(languageOf(from), set), requestedCountry: to };
        const actor = { id: FISCAL_ID, role: 'fiscal' as const, country: from, authorizedLiaison: true };
        let persisted = startRequest({ createdById: FISCAL_ID, requestingCountry: from }).persisted;
        for (const type of ['STANDARDIZE', 'SUBMIT'] as const) {
          const decision = decide(restoreRequest(persisted), { type, actor, at: new Date(0).toISOString(), request });
          expect({ set, type, ok: decision.ok, reason: decision.ok ? null : decision }).toEqual({ set, type, ok: true, reason: null });
          if (decision.ok) persisted = decision.persisted;
        }
      }
    },
  );

  it('follow every scenario to its end through the machine', () => {
    const steps = scenarioSteps();
    for (let scenario = 0; scenario < SCENARIOS.length; scenario++) {
      expect(steps.filter((s) => s.scenario === scenario)).toHaveLength(SCENARIOS[scenario].steps.length + 1);
    }
  });
});
