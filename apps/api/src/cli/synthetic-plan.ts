// The plan of a synthetic data set for measuring turnaround at scale: who acts at each step of a few
// realistic lifecycles, the snapshot the machine leaves after each step (computed once here by the
// pure machine, then reused by SQL for every request), how long each stage tends to last, the service
// levels of every pair and the working days of every country. The rows themselves are written by
// SyntheticDataRepository with set-based SQL.
import { canonicalJson } from '@enlace/core';
import type { SyntheticPlan, SyntheticScenarioStep } from '@enlace/persistence';
import { DECISION_EVENTS, STAGES } from '@enlace/turnaround';
import {
  COUNTRY_CODES,
  REQUEST_MACHINE_ID,
  REQUEST_MACHINE_VERSION,
  SERVICE_LEVEL_STAGES,
  decide,
  isWorkingDate,
  countryTimeZone,
  officeOf,
  restoreRequest,
  serviceLevelFor,
  startRequest,
  type CountryCode,
  type PersistedWorkflow,
  type RequestEventType,
  translatableTexts,
  translationPlaceOf,
  type Measure,
  type RequestFields,
  type Role,
  type Translation,
} from '@enlace/workflows';

type Side = 'requesting' | 'requested';
type Step = [event: RequestEventType, role: Role, side: Side, extra?: { comment?: string; data?: Record<string, unknown> }];

const FISCAL: [Role, Side] = ['fiscal', 'requesting'];
const CANCILLERIA: [Role, Side] = ['cancilleria', 'requesting'];
const AUTHORITY: [Role, Side] = ['central_authority', 'requested'];
const comment = (text: string) => ({ comment: text });

const submit: Step[] = [
  ['STANDARDIZE', ...FISCAL],
  ['SUBMIT', ...FISCAL],
];
// The synthetic requests invoke UNTOC and its Smuggling Protocol: their route runs between central
// authorities, so the requesting central authority transmits (UNTOC art. 18(13)).
const REQUESTING_AUTHORITY: [Role, Side] = ['central_authority', 'requesting'];
const toAcknowledged: Step[] = [
  ['AUTHORIZE', ...CANCILLERIA],
  ['TRANSMIT', ...REQUESTING_AUTHORITY],
  ['ACKNOWLEDGE', ...AUTHORITY],
];
const execute = (outcome: 'total' | 'partial'): Step[] => [
  ['RECORD_EXECUTION', ...AUTHORITY, { comment: 'Se remiten las diligencias practicadas.', data: { outcome } }],
  ['CLOSE', ...FISCAL],
];

/**
 * The lifecycles and how often each is followed (weights sum to 1). A request created recently is
 * cut at "now" part-way through its lifecycle, which is what leaves requests open in every stage.
 */
export const SCENARIOS: { name: string; weight: number; steps: Step[] }[] = [
  { name: 'executed in full', weight: 0.55, steps: [...submit, ...toAcknowledged, ...execute('total')] },
  { name: 'executed in part', weight: 0.08, steps: [...submit, ...toAcknowledged, ...execute('partial')] },
  {
    name: 'information requested',
    weight: 0.12,
    steps: [
      ...submit,
      ...toAcknowledged,
      ['REQUEST_INFO', ...AUTHORITY, comment('Precise el periodo de los registros solicitados.')],
      ['SUPPLY_INFO', ...FISCAL, comment('Se precisa el periodo solicitado.')],
      ...execute('total'),
    ],
  },
  {
    name: 'returned by the cancillería',
    weight: 0.1,
    steps: [...submit, ['RETURN', ...CANCILLERIA, comment('Complete la base jurídica invocada.')], ['SUBMIT', ...FISCAL], ...toAcknowledged, ...execute('total')],
  },
  { name: 'rejected', weight: 0.03, steps: [...submit, ['REJECT', ...CANCILLERIA, comment('No corresponde a la vía formal.')]] },
  { name: 'refused', weight: 0.06, steps: [...submit, ...toAcknowledged, ['REFUSE', ...AUTHORITY, { comment: 'Su derecho interno prohibiría la medida en una investigación propia.', data: { ground: 'untoc_18_21_c' } }]] },
  { name: 'withdrawn early', weight: 0.03, steps: [['STANDARDIZE', ...FISCAL], ['WITHDRAW', ...FISCAL, comment('Se archiva la investigación.')]] },
  { name: 'withdrawn late', weight: 0.03, steps: [...submit, ...toAcknowledged, ['WITHDRAW', ...FISCAL, comment('El imputado fue capturado.')]] },
];

/**
 * Typical time in each stage (median, hours) and its spread (sigma of a log-normal): most stages end
 * well within their service level, a tail does not. Factors slow some offices down, as the 2013 review
 * found for requests to the United States (about ten months).
 */
export const STAGE_DURATIONS: { stage: string; medianHours: number; sigma: number; side: Side }[] = [
  { stage: 'draft', medianHours: 96, sigma: 1, side: 'requesting' },
  { stage: 'standardized', medianHours: 24, sigma: 1, side: 'requesting' },
  { stage: 'pending_authorization', medianHours: 72, sigma: 0.8, side: 'requesting' },
  { stage: 'authorized', medianHours: 24, sigma: 0.9, side: 'requesting' },
  { stage: 'transmitted', medianHours: 96, sigma: 0.8, side: 'requested' },
  { stage: 'acknowledged', medianHours: 1000, sigma: 0.7, side: 'requested' },
  { stage: 'info_requested', medianHours: 150, sigma: 0.8, side: 'requesting' },
  { stage: 'executed', medianHours: 72, sigma: 1, side: 'requesting' },
];

export const COUNTRY_FACTORS: { country: CountryCode; side: Side; factor: number }[] = [
  { country: 'US', side: 'requested', factor: 3 },
  { country: 'MX', side: 'requested', factor: 1.5 },
  { country: 'CA', side: 'requested', factor: 0.8 },
  { country: 'HN', side: 'requesting', factor: 1.4 },
  { country: 'NI', side: 'requesting', factor: 1.6 },
  { country: 'BZ', side: 'requesting', factor: 1.3 },
];

/** Kinds of measure sought, varied across requests so that the figures per measure mean something. */
export const MEASURE_SETS: Measure[][] = [
  [
    {
      type: 'bank_records',
      description: 'Estados de cuenta y transferencias internacionales de la cuenta investigada.',
      institution: 'Banco sintético, S. A.',
      account: 'SINT-0001',
      accountHolder: 'Titular sintético',
      period: { from: '2025-01-01', to: '2025-12-31' },
    },
    {
      type: 'testimony',
      description: 'Declaración del oficial bancario que abrió la cuenta.',
      witness: 'Oficial bancario (sintético)',
      questions: ['¿Quién solicitó la apertura de la cuenta?'],
    },
  ],
  [
    {
      type: 'electronic_evidence',
      description: 'Datos de suscriptor y tráfico de la línea usada por la red.',
      provider: 'Operador sintético',
      identifiers: ['+000 0000 0000'],
      period: { from: '2025-01-01', to: '2025-06-30' },
      preservationReference: 'PRES-SINT-1',
    },
  ],
  [
    { type: 'identify_locate_person', description: 'Localización del coordinador de la red en el Estado requerido.' },
    { type: 'service_of_documents', description: 'Notificación de la citación a juicio.' },
  ],
  [
    {
      type: 'search_and_seizure',
      description: 'Registro del inmueble usado como casa de seguridad.',
      place: 'Inmueble sintético',
      itemsSought: 'Documentos de identidad falsos y registros de pagos.',
      grounds: 'Vigilancia que sitúa a la red en el inmueble.',
    },
    { type: 'freeze_or_seize_assets', description: 'Embargo preventivo de los vehículos de la red.' },
  ],
];

const ENGLISH_WRITERS: readonly CountryCode[] = ['BZ', 'CA', 'US'];

/**
 * A complete request (it would pass SUBMIT for any pair): UNTOC art. 18 and the Smuggling Protocol
 * bind all eleven members, and a translation is always enclosed. `measureSet` picks the measures.
 * Marked `synthetic` (a key outside the contract, never shown) so that no one mistakes it for a case.
 */
export function syntheticFields(language: 'es' | 'en', measureSet: number): RequestFields & { synthetic: true } {
  const other = language === 'es' ? 'en' : 'es';
  const fields: RequestFields & { synthetic: true } = {
    synthetic: true,
    title: 'Solicitud sintética',
    language,
    caseReference: 'SINT-0',
    proceeding: { type: 'investigation', authority: 'Fiscalía especializada (datos sintéticos)' },
    legalBasis: ['UNTOC_ART18', 'SOM_PROTOCOL'],
    offenses: [{ name: 'Tráfico ilícito de migrantes', legalProvision: 'Protocolo contra el tráfico ilícito de migrantes, art. 6', conduct: ['illegal_entry'] }],
    untocScope: { category: 'protocol_offence', transnational: 'Cometido en más de un Estado.', organizedGroup: 'Red de tres o más personas.' },
    summaryOfFacts: 'Datos sintéticos para medir tiempos de respuesta; no corresponden a ningún caso.',
    purpose: 'Medición de desempeño de la plataforma.',
    measures: MEASURE_SETS[measureSet].map((m) => structuredClone(m)),
    persons: [],
    confidentiality: { required: false },
    urgency: { urgent: false },
    contact: { name: 'Enlace (sintético)', email: 'sintetico@synthetic.enlace' },
  };
  // Every free text translated (the same placeholder for each), with the translator's attestation.
  const translation: Translation = { texts: {}, attestation: { translatorName: 'Traductor sintético', qualification: 'Synthetic data', date: '2026-01-01' } };
  for (const text of translatableTexts(fields)) {
    const place = translationPlaceOf(text.path);
    if (place.startsWith('texts.')) translation.texts![text.path] = `[${other}] ${text.original}`;
    else if (place.startsWith('measures[')) (translation.measures ??= [])[Number(/\d+/.exec(place)![0])] = `[${other}] ${text.original}`;
    else translation[place as 'title' | 'summaryOfFacts' | 'purpose'] = `[${other}] ${text.original}`;
  }
  return { ...fields, translations: { [other]: translation } };
}

/** The language a synthetic fiscal of `country` writes in. */
export const languageOf = (country: CountryCode): 'es' | 'en' => (ENGLISH_WRITERS.includes(country) ? 'en' : 'es');

const PLACEHOLDER_ID = '00000000-0000-0000-0000-000000000000';

/** Runs each scenario through the machine once, keeping the snapshot after every step. */
export function scenarioSteps(): SyntheticScenarioStep[] {
  const actor = (role: Role, side: Side) => ({
    id: role === 'fiscal' ? PLACEHOLDER_ID : `00000000-0000-0000-0000-00000000000${role === 'cancilleria' ? 1 : 2}`,
    role,
    country: (side === 'requesting' ? 'GT' : 'MX') as CountryCode,
    authorizedLiaison: role === 'fiscal',
  });
  const request = { ...syntheticFields('es', 0), requestedCountry: 'MX' as const };
  return SCENARIOS.flatMap(({ name, steps }, scenario) => {
    const start = startRequest({ createdById: PLACEHOLDER_ID, requestingCountry: 'GT' });
    const rows: SyntheticScenarioStep[] = [
      { scenario, step: 0, event: 'CREATE', fromState: null, toState: start.state, actorRole: 'fiscal', actorSide: 'requesting', comment: null, data: null, dataCanonical: 'null', snapshot: start.persisted.snapshot },
    ];
    let persisted: PersistedWorkflow = start.persisted;
    let state: string = start.state;
    steps.forEach(([event, role, side, extra], i) => {
      const decision = decide(restoreRequest(persisted), { type: event, actor: actor(role, side), at: new Date(0).toISOString(), request, ...extra });
      if (!decision.ok) throw new Error(`Scenario "${name}" step ${event}: the machine refuses (${decision.reason})`);
      rows.push({
        scenario,
        step: i + 1,
        event,
        fromState: state,
        toState: decision.state,
        actorRole: role,
        actorSide: side,
        comment: extra?.comment ?? null,
        data: extra?.data ?? null,
        dataCanonical: canonicalJson(extra?.data ?? null),
        snapshot: decision.persisted.snapshot,
      });
      persisted = decision.persisted;
      state = decision.state;
    });
    return rows;
  });
}

const DAY_MS = 86_400_000;
const utcDay = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Everything SQL needs to write `count` requests created over the `days` before `now`. */
export function syntheticPlan(count: number, now: Date, days = 730): SyntheticPlan {
  const first = now.getTime() - (days + 1) * DAY_MS;
  const calendar: SyntheticPlan['calendar'] = [];
  for (const country of COUNTRY_CODES) {
    // Due dates fall at most a few weeks after the last entry; a margin of 60 days covers them.
    for (let t = Date.parse(utcDay(first)); t <= now.getTime() + 60 * DAY_MS; t += DAY_MS) {
      calendar.push({ country, day: utcDay(t), working: isWorkingDate(country, utcDay(t)) });
    }
  }
  const levels: SyntheticPlan['levels'] = [];
  for (const requesting of COUNTRY_CODES) {
    for (const requested of COUNTRY_CODES) {
      if (requesting === requested) continue;
      for (const stage of SERVICE_LEVEL_STAGES) {
        const level = serviceLevelFor(stage, requesting, requested)!;
        // Every synthetic request's route runs between central authorities (UNTOC), hence the office.
        levels.push({ stage, requesting, requested, basis: level.basis, days: level.days, office: officeOf(level, 'central_authority'), responsible: level.responsible });
      }
    }
  }
  return {
    count,
    now,
    days,
    machine: { id: REQUEST_MACHINE_ID, version: REQUEST_MACHINE_VERSION },
    countries: [...COUNTRY_CODES],
    stages: [...STAGES],
    scenarioWeights: SCENARIOS.map((s) => s.weight),
    steps: scenarioSteps(),
    durations: STAGE_DURATIONS,
    factors: COUNTRY_FACTORS,
    measureSets: MEASURE_SETS.map((set) => set.map((m) => m.type)),
    fields: COUNTRY_CODES.flatMap((country) =>
      MEASURE_SETS.map((_, measureSet) => ({ country, measureSet, fields: syntheticFields(languageOf(country), measureSet) })),
    ),
    levels,
    calendar,
    timeZones: COUNTRY_CODES.map((country) => ({ country, zone: countryTimeZone(country) })),
    decisions: DECISION_EVENTS,
  };
}
