// The request machine against the contract's "States and events" table
// (../shared/contract/http-api.md), with no Nest and no database: who may send each event, from
// which state, under which conditions, and what it leaves behind (next state, documents, milestones).
import { readFileSync } from 'node:fs';
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import { STRUCTURED_MEASURES, buildRequestFields } from '../../templates/testing/request.factory.js';
import { requestStateDiagram } from './request-diagram.js';
import {
  availableEvents,
  decide,
  documentProducedBy,
  restoreRequest,
  startRequest,
  UnknownMachineVersionError,
  isEditable,
  type Decision,
  type PersistedWorkflow,
  type RequestSnapshot,
} from './request-workflow.js';
import { REQUEST_EVENT_TYPES, type RequestEvent, type RequestEventType, type Role, type WorkflowActor } from './request.events.js';
import { REQUEST_MACHINE_ID, REQUEST_MACHINE_VERSION, requestMachine, type RequestEffect, type RequestState } from './request.machine.js';
import type { CountryCode, RequestFields } from './request.types.js';

// ---------------------------------------------------------------------------------------------
// The parties of a GT -> MX request drafted by fiscal.gt, and everyone who must be turned away.

const actor = (id: string, role: Role, country: CountryCode | null, authorizedLiaison = false): WorkflowActor => ({
  id,
  role,
  country,
  authorizedLiaison,
});

const ACTORS = {
  creator: actor('fiscal-gt', 'fiscal', 'GT', true),
  /** The same drafter after the cancillería let her liaison authorization lapse. */
  creatorNotLiaison: actor('fiscal-gt', 'fiscal', 'GT', false),
  otherFiscalGT: actor('fiscal-gt-2', 'fiscal', 'GT', true),
  fiscalMX: actor('fiscal-mx', 'fiscal', 'MX', true),
  fiscalHN: actor('fiscal-hn', 'fiscal', 'HN', false),
  cancilleriaGT: actor('cancilleria-gt', 'cancilleria', 'GT'),
  cancilleriaMX: actor('cancilleria-mx', 'cancilleria', 'MX'),
  cancilleriaHN: actor('cancilleria-hn', 'cancilleria', 'HN'),
  autoridadMX: actor('autoridad-mx', 'central_authority', 'MX'),
  autoridadGT: actor('autoridad-gt', 'central_authority', 'GT'),
  autoridadUS: actor('autoridad-us', 'central_authority', 'US'),
  supervisorGT: actor('supervisor-gt', 'supervisor', 'GT'),
  supervisorMX: actor('supervisor-mx', 'supervisor', 'MX'),
  admin: actor('admin', 'admin', null),
} as const;
type ActorName = keyof typeof ACTORS;

const PARTIES = { createdById: ACTORS.creator.id, requestingCountry: 'GT' as const };
/** GT -> MX under UNTOC and Nassau: the route runs between central authorities. */
const REQUEST: RequestFields = buildRequestFields();
/** GT -> MX under reciprocity alone (letters rogatory): the route is diplomatic. */
const DIPLOMATIC: RequestFields = buildRequestFields({ legalBasis: ['RECIPROCITY'] });

type Party =
  | 'creating fiscal'
  | 'requesting cancillería'
  | 'route transmitter'
  | 'requested cancillería'
  | 'requested central authority'
  | 'requesting answerer'
  | 'requesting side';

// The contract's "who" column.
const WHO: Record<RequestEventType, Party> = {
  SHARE_DRAFT: 'creating fiscal',
  STANDARDIZE: 'creating fiscal',
  SUBMIT: 'creating fiscal',
  RETURN: 'requesting cancillería',
  REJECT: 'requesting cancillería',
  AUTHORIZE: 'requesting cancillería',
  TRANSMIT: 'route transmitter',
  RECORD_RECEIPT: 'requested cancillería',
  FORWARD: 'requested cancillería',
  ACKNOWLEDGE: 'requested central authority',
  ASSIGN: 'requested central authority',
  PROPOSE_CONDITIONS: 'requested central authority',
  ACCEPT_CONDITIONS: 'requesting answerer',
  DECLINE_CONDITIONS: 'requesting answerer',
  REQUEST_INFO: 'requested central authority',
  SUPPLY_INFO: 'creating fiscal',
  SEND_SUPPLEMENTARY_REQUEST: 'route transmitter',
  SEND_REMINDER: 'route transmitter',
  RECORD_ADVANCE_COPY: 'requesting side',
  REPORT_EXECUTION_PART: 'requested central authority',
  RECORD_EXECUTION: 'requested central authority',
  REFUSE: 'requested central authority',
  RETURN_FOR_CORRECTION: 'requested central authority',
  POSTPONE: 'requested central authority',
  REPORT_PROGRESS: 'requested central authority',
  RESUME: 'requested central authority',
  CLOSE: 'creating fiscal',
  WITHDRAW: 'creating fiscal',
};

const RIGHT: Record<Party, ActorName> = {
  'creating fiscal': 'creator',
  'requesting cancillería': 'cancilleriaGT',
  // On REQUEST's route (between central authorities) Guatemala's central authority transmits.
  'route transmitter': 'autoridadGT',
  'requested cancillería': 'cancilleriaMX',
  'requested central authority': 'autoridadMX',
  // On REQUEST's route Guatemala's central authority answers conditions (the fiscal on the diplomatic one).
  'requesting answerer': 'autoridadGT',
  // The drafter, or the route's transmitter (Guatemala's central authority on REQUEST's route).
  'requesting side': 'creator',
};

// Wrong role, wrong country, or right role and country but not the one who drafted it.
const WRONG: Record<Party, ActorName[]> = {
  'creating fiscal': ['otherFiscalGT', 'fiscalMX', 'fiscalHN', 'cancilleriaGT', 'autoridadMX', 'supervisorGT', 'admin'],
  'requesting cancillería': ['cancilleriaMX', 'cancilleriaHN', 'creator', 'otherFiscalGT', 'autoridadMX', 'supervisorGT', 'admin'],
  'route transmitter': ['cancilleriaGT', 'autoridadMX', 'autoridadUS', 'cancilleriaMX', 'creator', 'otherFiscalGT', 'supervisorGT', 'admin'],
  'requested cancillería': ['cancilleriaGT', 'cancilleriaHN', 'autoridadMX', 'autoridadGT', 'creator', 'fiscalMX', 'supervisorMX', 'admin'],
  'requested central authority': ['autoridadGT', 'autoridadUS', 'creator', 'fiscalMX', 'cancilleriaGT', 'supervisorMX', 'admin'],
  'requesting answerer': ['creator', 'cancilleriaGT', 'autoridadMX', 'autoridadUS', 'cancilleriaMX', 'otherFiscalGT', 'supervisorGT', 'admin'],
  'requesting side': ['otherFiscalGT', 'fiscalMX', 'cancilleriaGT', 'cancilleriaMX', 'autoridadMX', 'autoridadUS', 'supervisorGT', 'admin'],
};

// The contract's "conditions" column, as far as the comment is concerned.
const NEEDS_COMMENT: readonly RequestEventType[] = ['RETURN', 'REJECT', 'REQUEST_INFO', 'SUPPLY_INFO', 'SEND_SUPPLEMENTARY_REQUEST', 'REPORT_EXECUTION_PART', 'RECORD_EXECUTION', 'REFUSE', 'RETURN_FOR_CORRECTION', 'POSTPONE', 'REPORT_PROGRESS', 'PROPOSE_CONDITIONS', 'DECLINE_CONDITIONS', 'WITHDRAW'];

const COMMENTS: Partial<Record<RequestEventType, string>> = {
  RETURN: 'Precise el periodo de los registros bancarios.',
  REJECT: 'El fundamento invocado no corresponde al caso.',
  REQUEST_INFO: '¿Puede precisar el periodo de los registros bancarios?',
  SUPPLY_INFO: 'Del 1 de enero al 31 de diciembre de 2025.',
  REPORT_EXECUTION_PART: 'Primera parte: estados de cuenta de enero a junio de 2025.',
  RECORD_EXECUTION: 'Se remiten los registros certificados.',
  REFUSE: 'La ejecución afectaría una investigación en curso en México (art. 18(21)(c)).',
  REPORT_PROGRESS: 'Se giró oficio a la Comisión Nacional Bancaria; respuesta esperada en dos semanas.',
  POSTPONE: 'La diligencia interferiría con una investigación en curso en México (art. 18, párr. 25).',
  RETURN_FOR_CORRECTION: 'Falta la pena máxima del delito y la traducción de las preguntas (art. 26 de la Convención de Nassau).',
  WITHDRAW: 'El imputado fue capturado en Guatemala.',
  PROPOSE_CONDITIONS: 'Las pruebas se usarán solo en el proceso indicado y la declaración se tomará sin presencia de agentes extranjeros.',
  DECLINE_CONDITIONS: 'La presencia del fiscal en la declaración es indispensable para su validez en Guatemala.',
  SEND_SUPPLEMENTARY_REQUEST: 'Los registros se solicitan del 1 de enero al 31 de diciembre de 2025, de la cuenta 0012-3344-55.',
};

/** The stage facts the runner supplies to a reminder: here, a stage of the requested side due ten days before AT. */
const LATE_STAGE = { state: 'acknowledged', dueAt: '2026-02-20T23:59:59.999Z', responsible: 'requested' } as const;
const ADVANCE_COPY = { channel: 'interpol', sentOn: '2026-03-01', reference: 'INTERPOL GT/2026/0415' };

const AT = '2026-03-02T15:00:00.000Z';

/** The event as the right party would send it on a complete request, with whatever it requires. */
function eventOf(type: RequestEventType, overrides: Partial<RequestEvent> = {}): RequestEvent {
  return {
    type,
    actor: ACTORS[RIGHT[WHO[type]]],
    at: AT,
    request: REQUEST,
    ...(COMMENTS[type] ? { comment: COMMENTS[type] } : {}),
    ...(type === 'RECORD_EXECUTION' ? { data: { outcome: 'total' } } : {}),
    ...(type === 'POSTPONE' ? { data: { until: '2026-06-30' } } : {}),
    ...(type === 'REFUSE' ? { data: { ground: 'untoc_18_21_b' } } : {}),
    ...(type === 'ASSIGN' ? { data: { executingAuthority: 'Fiscalía Especializada en Delitos contra Migrantes, FGR' } } : {}),
    ...(type === 'REPORT_EXECUTION_PART' ? { data: { evidence: ['Estados de cuenta certificados (48 folios)'] } } : {}),
    ...(type === 'SEND_REMINDER' ? { stage: LATE_STAGE } : {}),
    ...(type === 'RECORD_ADVANCE_COPY' ? { data: ADVANCE_COPY } : {}),
    ...overrides,
  };
}

const start = (): RequestSnapshot => restoreRequest(startRequest(PARTIES).persisted);

/** The events of a walk on REQUEST's fields, or on DIPLOMATIC's, where the cancillería transmits. */
const onRoute = (request: RequestFields) => (type: RequestEventType): RequestEvent =>
  eventOf(type, { request, ...(WHO[type] === 'route transmitter' && request === DIPLOMATIC ? { actor: ACTORS.cancilleriaGT } : {}) });

/** Sends each event and goes on from the persisted result, as the runner does between two requests. */
function walk(types: RequestEventType[], from: RequestSnapshot = start(), request: RequestFields = REQUEST): RequestSnapshot {
  let snapshot = from;
  for (const type of types) {
    const decision = decide(snapshot, onRoute(request)(type));
    if (!decision.ok) throw new Error(`${type} from ${String(snapshot.value)}: ${decision.reason}`);
    snapshot = restoreRequest(decision.persisted);
  }
  return snapshot;
}

const PATH_TO: Record<RequestState, RequestEventType[]> = {
  draft: [],
  standardized: ['STANDARDIZE'],
  pending_authorization: ['STANDARDIZE', 'SUBMIT'],
  authorized: ['STANDARDIZE', 'SUBMIT', 'AUTHORIZE'],
  sent_to_requested_cancilleria: ['STANDARDIZE', 'SUBMIT', 'AUTHORIZE', 'TRANSMIT'],
  received_by_requested_cancilleria: ['STANDARDIZE', 'SUBMIT', 'AUTHORIZE', 'TRANSMIT', 'RECORD_RECEIPT'],
  transmitted: ['STANDARDIZE', 'SUBMIT', 'AUTHORIZE', 'TRANSMIT'],
  acknowledged: ['STANDARDIZE', 'SUBMIT', 'AUTHORIZE', 'TRANSMIT', 'ACKNOWLEDGE'],
  info_requested: ['STANDARDIZE', 'SUBMIT', 'AUTHORIZE', 'TRANSMIT', 'ACKNOWLEDGE', 'REQUEST_INFO'],
  executed: ['STANDARDIZE', 'SUBMIT', 'AUTHORIZE', 'TRANSMIT', 'ACKNOWLEDGE', 'RECORD_EXECUTION'],
  closed: ['STANDARDIZE', 'SUBMIT', 'AUTHORIZE', 'TRANSMIT', 'ACKNOWLEDGE', 'RECORD_EXECUTION', 'CLOSE'],
  rejected: ['STANDARDIZE', 'SUBMIT', 'REJECT'],
  refused: ['STANDARDIZE', 'SUBMIT', 'AUTHORIZE', 'TRANSMIT', 'ACKNOWLEDGE', 'REFUSE'],
  returned_for_correction: ['STANDARDIZE', 'SUBMIT', 'AUTHORIZE', 'TRANSMIT', 'RETURN_FOR_CORRECTION'],
  postponed: ['STANDARDIZE', 'SUBMIT', 'AUTHORIZE', 'TRANSMIT', 'ACKNOWLEDGE', 'POSTPONE'],
  conditions_proposed: ['STANDARDIZE', 'SUBMIT', 'AUTHORIZE', 'TRANSMIT', 'ACKNOWLEDGE', 'PROPOSE_CONDITIONS'],
  withdrawn: ['WITHDRAW'],
};
/** The states only the diplomatic channel passes through. */
const DIPLOMATIC_STATES: readonly RequestState[] = ['sent_to_requested_cancilleria', 'received_by_requested_cancilleria'];
const snapshotIn = (state: RequestState): RequestSnapshot =>
  walk(PATH_TO[state], start(), DIPLOMATIC_STATES.includes(state) ? DIPLOMATIC : REQUEST);

const reasonOf = (decision: Decision): string => (decision.ok ? `ok -> ${decision.state}` : decision.reason);

// ---------------------------------------------------------------------------------------------
// The contract's table, written out: from each state, the events it accepts and where they lead.

const WITHDRAW = { WITHDRAW: 'withdrawn' } as const;
const TRANSITIONS: Record<RequestState, Partial<Record<RequestEventType, RequestState>>> = {
  draft: { SHARE_DRAFT: 'draft', STANDARDIZE: 'standardized', ...WITHDRAW },
  standardized: { SUBMIT: 'pending_authorization', RECORD_ADVANCE_COPY: 'standardized', ...WITHDRAW },
  pending_authorization: { RETURN: 'standardized', REJECT: 'rejected', AUTHORIZE: 'authorized', RECORD_ADVANCE_COPY: 'pending_authorization', ...WITHDRAW },
  // On REQUEST's route the requesting central authority transmits straight to its counterpart.
  authorized: { TRANSMIT: 'transmitted', RECORD_ADVANCE_COPY: 'authorized', ...WITHDRAW },
  sent_to_requested_cancilleria: {
    RECORD_RECEIPT: 'received_by_requested_cancilleria',
    SEND_SUPPLEMENTARY_REQUEST: 'sent_to_requested_cancilleria',
    SEND_REMINDER: 'sent_to_requested_cancilleria',
    ...WITHDRAW,
  },
  received_by_requested_cancilleria: {
    FORWARD: 'transmitted',
    SEND_SUPPLEMENTARY_REQUEST: 'received_by_requested_cancilleria',
    SEND_REMINDER: 'received_by_requested_cancilleria',
    ...WITHDRAW,
  },
  transmitted: {
    ACKNOWLEDGE: 'acknowledged',
    RETURN_FOR_CORRECTION: 'returned_for_correction',
    SEND_SUPPLEMENTARY_REQUEST: 'transmitted',
    SEND_REMINDER: 'transmitted',
    ...WITHDRAW,
  },
  acknowledged: {
    REQUEST_INFO: 'info_requested',
    REPORT_EXECUTION_PART: 'acknowledged',
    RECORD_EXECUTION: 'executed',
    REFUSE: 'refused',
    RETURN_FOR_CORRECTION: 'returned_for_correction',
    POSTPONE: 'postponed',
    REPORT_PROGRESS: 'acknowledged',
    ASSIGN: 'acknowledged',
    PROPOSE_CONDITIONS: 'conditions_proposed',
    SEND_SUPPLEMENTARY_REQUEST: 'acknowledged',
    SEND_REMINDER: 'acknowledged',
    ...WITHDRAW,
  },
  conditions_proposed: { ACCEPT_CONDITIONS: 'acknowledged', DECLINE_CONDITIONS: 'acknowledged', SEND_SUPPLEMENTARY_REQUEST: 'conditions_proposed', ...WITHDRAW },
  postponed: { RESUME: 'acknowledged', SEND_SUPPLEMENTARY_REQUEST: 'postponed', SEND_REMINDER: 'postponed', ...WITHDRAW },
  returned_for_correction: { SUBMIT: 'pending_authorization', ...WITHDRAW },
  // The answer to a request for information: the fiscal's reply, or a supplementary request through the route.
  info_requested: { SUPPLY_INFO: 'acknowledged', SEND_SUPPLEMENTARY_REQUEST: 'acknowledged', ...WITHDRAW },
  // Executed is no longer open (the evidence is gathered): it can only be closed, not withdrawn.
  executed: { CLOSE: 'closed' },
  closed: {},
  rejected: {},
  refused: {},
  withdrawn: {},
};
const STATES = Object.keys(TRANSITIONS) as RequestState[];
const FINAL_STATES: RequestState[] = ['closed', 'rejected', 'refused', 'withdrawn'];

/** The first state (in the table's order) from which the event is accepted. */
const sourceOf = (type: RequestEventType): RequestState =>
  STATES.find((s) => TRANSITIONS[s][type] !== undefined && !DIPLOMATIC_STATES.includes(s)) ?? STATES.find((s) => TRANSITIONS[s][type] !== undefined)!;

describe('the transitions of the request machine', () => {
  it('has exactly the states of the contract, and its final states are final', () => {
    expect(Object.keys(requestMachine.states).sort()).toEqual([...STATES].sort());
    for (const state of STATES) {
      expect({ state, final: requestMachine.states[state].type === 'final' }).toEqual({ state, final: FINAL_STATES.includes(state) });
    }
  });

  it('accepts each (state, event) pair of the contract and leads to its target, and refuses every other pair as invalid_transition', () => {
    const actual: Record<string, Record<string, string>> = {};
    const expected: Record<string, Record<string, string>> = {};
    for (const state of STATES) {
      const snapshot = snapshotIn(state);
      expect(snapshot.value).toBe(state);
      actual[state] = {};
      expected[state] = {};
      for (const type of REQUEST_EVENT_TYPES) {
        actual[state][type] = reasonOf(decide(snapshot, onRoute(DIPLOMATIC_STATES.includes(state) ? DIPLOMATIC : REQUEST)(type)));
        const target = TRANSITIONS[state][type];
        expected[state][type] = target ? `ok -> ${target}` : 'invalid_transition';
      }
    }
    expect(actual).toEqual(expected);
  });

  it('answers invalid_transition, not forbidden, when the state does not accept the event whoever sends it', () => {
    // A wrong party in a wrong state learns only that the event does not apply now.
    expect(reasonOf(decide(snapshotIn('draft'), eventOf('AUTHORIZE', { actor: ACTORS.supervisorGT })))).toBe('invalid_transition');
    expect(reasonOf(decide(snapshotIn('closed'), eventOf('WITHDRAW', { actor: ACTORS.admin })))).toBe('invalid_transition');
  });
});

describe('who may send each event', () => {
  it.each(REQUEST_EVENT_TYPES.map((type) => [type, WHO[type]] as const))('%s is accepted from the %s', (type) => {
    expect(reasonOf(decide(snapshotIn(sourceOf(type)), eventOf(type)))).toBe(`ok -> ${TRANSITIONS[sourceOf(type)][type]}`);
  });

  it.each(REQUEST_EVENT_TYPES.map((type) => [type, WHO[type]] as const))(
    '%s is forbidden to anyone but the %s (wrong role, wrong country, not the drafter)',
    (type, party) => {
      const snapshot = snapshotIn(sourceOf(type));
      const answers = Object.fromEntries(WRONG[party].map((name) => [name, reasonOf(decide(snapshot, eventOf(type, { actor: ACTORS[name] })))]));
      expect(answers).toEqual(Object.fromEntries(WRONG[party].map((name) => [name, 'forbidden'])));
    },
  );

  it('WITHDRAW is the drafter’s alone in every open state', () => {
    for (const state of STATES.filter((s) => TRANSITIONS[s].WITHDRAW)) {
      const snapshot = snapshotIn(state);
      const answers = ['cancilleriaGT', 'autoridadMX', 'otherFiscalGT', 'supervisorGT', 'cancilleriaMX', 'autoridadGT'].map((name) =>
        reasonOf(decide(snapshot, eventOf('WITHDRAW', { actor: ACTORS[name as ActorName] }))),
      );
      expect({ state, answers }).toEqual({ state, answers: ['forbidden', 'forbidden', 'forbidden', 'forbidden', 'forbidden', 'forbidden'] });
    }
  });

  it.each(['SHARE_DRAFT', 'STANDARDIZE', 'SUBMIT'] as const)(
    '%s by the drafter whose liaison authorization is not in force is liaison_not_authorized',
    (type) => {
      expect(reasonOf(decide(snapshotIn(sourceOf(type)), eventOf(type, { actor: ACTORS.creatorNotLiaison })))).toBe('liaison_not_authorized');
    },
  );

  it('a non-liaison who is not the drafter is forbidden, not told about liaison status', () => {
    expect(reasonOf(decide(snapshotIn('draft'), eventOf('SHARE_DRAFT', { actor: ACTORS.fiscalHN })))).toBe('forbidden');
  });

  it('the drafter whose liaison lapsed answers, withdraws and closes nothing any more: revocation means revocation (issue 9)', () => {
    const actor = ACTORS.creatorNotLiaison;
    expect(reasonOf(decide(snapshotIn('info_requested'), eventOf('SUPPLY_INFO', { actor })))).toBe('liaison_not_authorized');
    expect(reasonOf(decide(snapshotIn('executed'), eventOf('CLOSE', { actor })))).toBe('liaison_not_authorized');
    expect(reasonOf(decide(snapshotIn('pending_authorization'), eventOf('WITHDRAW', { actor })))).toBe('liaison_not_authorized');
  });

  it('the drafter can never authorize, return, reject or transmit her own request, whatever role her account holds', () => {
    const pending = snapshotIn('pending_authorization');
    const authorized = snapshotIn('authorized');
    // Segregation of duties: the one who wrote the request is not the one who lets it leave the country.
    const drafterAsCancilleria = actor(ACTORS.creator.id, 'cancilleria', 'GT');
    for (const who of [ACTORS.creator, drafterAsCancilleria]) {
      expect([
        reasonOf(decide(pending, eventOf('AUTHORIZE', { actor: who }))),
        reasonOf(decide(pending, eventOf('RETURN', { actor: who }))),
        reasonOf(decide(pending, eventOf('REJECT', { actor: who }))),
        reasonOf(decide(authorized, eventOf('TRANSMIT', { actor: who }))),
      ]).toEqual(['forbidden', 'forbidden', 'forbidden', 'forbidden']);
      expect(availableEvents(pending, who, REQUEST)).not.toContain('AUTHORIZE');
    }
  });
});

describe('the conditions of each event (422)', () => {
  const gapsOf = (decision: Decision) => (!decision.ok && 'gaps' in decision ? { reason: decision.reason, ...decision.gaps } : reasonOf(decision));

  it.each(NEEDS_COMMENT.map((type) => [type]))('%s needs a comment, and a blank one does not count', (type) => {
    const snapshot = snapshotIn(sourceOf(type));
    expect(gapsOf(decide(snapshot, eventOf(type, { comment: undefined })))).toEqual({
      reason: 'incomplete_request',
      missing: ['comment'],
      violations: [],
    });
    expect(gapsOf(decide(snapshot, eventOf(type, { comment: '  \n ' })))).toMatchObject({ reason: 'incomplete_request', missing: ['comment'] });
  });

  it.each(REQUEST_EVENT_TYPES.filter((type) => !NEEDS_COMMENT.includes(type)).map((type) => [type]))(
    '%s goes through without a comment',
    (type) => {
      expect(reasonOf(decide(snapshotIn(sourceOf(type)), eventOf(type, { comment: undefined })))).toBe(
        `ok -> ${TRANSITIONS[sourceOf(type)][type]}`,
      );
    },
  );

  it('RECORD_EXECUTION needs data.outcome, and only total or partial', () => {
    const acknowledged = snapshotIn('acknowledged');
    expect(gapsOf(decide(acknowledged, eventOf('RECORD_EXECUTION', { data: undefined })))).toEqual({
      reason: 'incomplete_request',
      missing: ['data.outcome'],
      violations: [],
    });
    expect(gapsOf(decide(acknowledged, eventOf('RECORD_EXECUTION', { data: { outcome: 'complete' } })))).toEqual({
      reason: 'rule_violation',
      missing: [],
      violations: [{ field: 'data.outcome', rule: 'one_of:total|partial' }],
    });
    for (const outcome of ['total', 'partial'] as const) {
      const decision = decide(acknowledged, eventOf('RECORD_EXECUTION', { data: { outcome } }));
      expect(decision).toMatchObject({ ok: true, state: 'executed', context: { outcome } });
    }
  });

  it('SHARE_DRAFT needs the requested country, a title and the facts', () => {
    const draft = snapshotIn('draft');
    expect(gapsOf(decide(draft, eventOf('SHARE_DRAFT', { request: {} })))).toEqual({
      reason: 'incomplete_request',
      missing: ['requestedCountry', 'title', 'summaryOfFacts'],
      violations: [],
    });
    expect(gapsOf(decide(draft, eventOf('SHARE_DRAFT', { request: { ...REQUEST, title: '   ' } })))).toMatchObject({ missing: ['title'] });
    const bare = { requestedCountry: 'MX', title: 'Red Tecún Umán', summaryOfFacts: 'Hechos.' } as const;
    expect(reasonOf(decide(draft, eventOf('SHARE_DRAFT', { request: bare })))).toBe('ok -> draft');
  });

  it('STANDARDIZE needs the same and at least one measure', () => {
    const draft = snapshotIn('draft');
    const bare = { requestedCountry: 'MX', title: 'Red Tecún Umán', summaryOfFacts: 'Hechos.' } as const;
    expect(gapsOf(decide(draft, eventOf('STANDARDIZE', { request: bare })))).toEqual({
      reason: 'incomplete_request',
      missing: ['measures'],
      violations: [],
    });
    expect(gapsOf(decide(draft, eventOf('STANDARDIZE', { request: { ...bare, measures: [] } })))).toMatchObject({ missing: ['measures'] });
    expect(gapsOf(decide(draft, eventOf('STANDARDIZE', { request: {} })))).toMatchObject({
      missing: ['requestedCountry', 'title', 'summaryOfFacts', 'measures'],
    });
    const withMeasure: RequestFields = { ...bare, measures: [{ type: 'bank_records', description: 'Estados de cuenta.' }] };
    expect(reasonOf(decide(draft, eventOf('STANDARDIZE', { request: withMeasure })))).toBe('ok -> standardized');
  });

  describe('SUBMIT', () => {
    const submit = (request: RequestFields) => gapsOf(decide(snapshotIn('standardized'), eventOf('SUBMIT', { request })));

    it('goes through with a complete request', () => {
      expect(submit(REQUEST)).toBe('ok -> pending_authorization');
    });

    it('names every missing top-level section of an empty request', () => {
      expect(submit({})).toEqual({
        reason: 'incomplete_request',
        missing: [
          'requestedCountry',
          'title',
          'language',
          'caseReference',
          'summaryOfFacts',
          'purpose',
          'proceeding',
          'legalBasis',
          'offenses',
          'measures',
          'confidentiality',
          'urgency',
          'contact',
        ],
        violations: [],
      });
    });

    it('names the missing paths inside sections', () => {
      const [bankRecords, testimony] = REQUEST.measures!;
      expect(
        submit({
          ...REQUEST,
          proceeding: { type: 'investigation', authority: '' },
          measures: [bankRecords, { ...testimony, questions: undefined }],
          contact: { name: 'Lcda. María José Ordóñez', email: '' },
          urgency: { urgent: true, reason: 'Riesgo de cierre de la cuenta.' },
          offenses: [{ name: 'Tráfico ilícito de migrantes', legalProvision: ' ' }],
          persons: [{ role: 'witness', fullName: '' }],
          confidentiality: { required: true },
        }),
      ).toEqual({
        reason: 'incomplete_request',
        missing: [
          'proceeding.authority',
          'offenses[0].legalProvision',
          'measures[1].questions',
          'persons[0].fullName',
          'confidentiality.reason',
          'urgency.deadline',
          'contact.email',
        ],
        violations: [],
      });
    });

    it("reads a date needed against the submitting fiscal's own day, not UTC's", () => {
      const urgentOn = (deadline: string, at: string) =>
        gapsOf(decide(snapshotIn('standardized'), eventOf('SUBMIT', { at, request: { ...REQUEST, urgency: { urgent: true, reason: 'Riesgo de cierre de la cuenta.', deadline } } })));
      // 19:00 on 2 March in Guatemala is 3 March in UTC: a date needed of 2 March is today there, not past.
      expect(urgentOn('2026-03-02', '2026-03-03T01:00:00.000Z')).toBe('ok -> pending_authorization');
      // From midnight in Guatemala it is past.
      expect(urgentOn('2026-03-02', '2026-03-03T06:00:00.000Z')).toMatchObject({ violations: [{ field: 'urgency.deadline', rule: 'not_in_the_past' }] });
    });

    it('asks for a deadline only when the request is urgent, and for questions only for testimony', () => {
      expect(submit({ ...REQUEST, urgency: { urgent: false } })).toBe('ok -> pending_authorization');
      expect(submit({ ...REQUEST, measures: [{ type: 'identify_locate_person', description: 'Localizar al sindicado.' }] })).toBe(
        'ok -> pending_authorization',
      );
      expect(submit({ ...REQUEST, measures: [{ type: 'testimony', description: 'Declaración.', witness: 'Ana Lucía Cifuentes Toj', questions: [] }] })).toMatchObject({
        missing: ['measures[0].questions'],
      });
    });

    describe('structured measures: each type names what the requested authority acts on (measure.rules.ts)', () => {
      const only = (measure: object) => submit({ ...REQUEST, measures: [measure as never] });
      it.each([
        ['search_and_seizure', ['place', 'itemsSought', 'grounds']],
        ['bank_records', ['institution', 'account', 'accountHolder', 'period.from', 'period.to']],
        ['electronic_evidence', ['provider', 'identifiers', 'period.from', 'period.to', 'preservationReference']],
        ['testimony', ['witness', 'questions']],
        ['videoconference_hearing', ['witness', 'hearing.from', 'hearing.to', 'hearing.technicalContact']],
        ['transfer_detained_person', ['detainedPerson', 'consent.given']],
      ])('%s with only a description is refused for %j', (type, fields) => {
        expect(only({ type, description: 'registrar' })).toEqual({
          reason: 'incomplete_request',
          missing: fields.map((f) => `measures[0].${f}`),
          violations: [],
        });
      });

      it.each(Object.values(STRUCTURED_MEASURES))('a complete $type passes', (measure) => {
        expect(only(measure)).toBe('ok -> pending_authorization');
      });

      it('refuses a transfer without the person’s consent, and a period that ends before it starts', () => {
        expect(only({ type: 'transfer_detained_person', description: 'Traslado.', detainedPerson: 'Mario Ruiz Solís', consent: { given: false } })).toEqual({
          reason: 'rule_violation',
          missing: [],
          violations: [{ field: 'measures[0].consent.given', rule: 'consent_required' }],
        });
        expect(only({ ...REQUEST.measures![0], period: { from: '2025-12-31', to: '2025-01-01' } })).toEqual({
          reason: 'rule_violation',
          missing: [],
          violations: [{ field: 'measures[0].period.to', rule: 'period_order' }],
        });
      });
    });

    describe('the statements the instruments invoked call for (content.rules.ts)', () => {
      const without = (...keys: (keyof RequestFields)[]) => Object.fromEntries(Object.entries(REQUEST).filter(([k]) => !keys.includes(k as keyof RequestFields))) as RequestFields;
      it('asks why UNTOC applies when UNTOC or the Protocol is invoked, and not under reciprocity alone', () => {
        expect(submit(without('untocScope'))).toMatchObject({ missing: ['untocScope.category', 'untocScope.transnational', 'untocScope.organizedGroup'] });
        expect(submit({ ...without('untocScope', 'dualCriminality'), legalBasis: ['RECIPROCITY'] })).toBe('ok -> pending_authorization');
      });
      it('asks for dual criminality for a coercive measure under Nassau, not for testimony alone', () => {
        expect(submit(without('dualCriminality'))).toMatchObject({ missing: ['dualCriminality'] });
        expect(submit({ ...without('dualCriminality'), measures: [REQUEST.measures![1]] })).toBe('ok -> pending_authorization');
        expect(submit({ ...without('dualCriminality'), legalBasis: ['UNTOC_ART18', 'SOM_PROTOCOL'] })).toBe('ok -> pending_authorization');
      });
      it('asks for the reciprocity undertaking when reciprocity is invoked', () => {
        expect(submit({ ...without('reciprocityUndertaking'), legalBasis: ['UNTOC_ART18', 'RECIPROCITY'] })).toMatchObject({ missing: ['reciprocityUndertaking'] });
      });
      it('asks for the protective measures when a protected person is to be heard, and the details of extraordinary costs', () => {
        expect(submit(without('protection'))).toMatchObject({ missing: ['protection.measures'] });
        expect(submit({ ...without('protection'), persons: [REQUEST.persons![0]] })).toBe('ok -> pending_authorization');
        expect(submit({ ...REQUEST, costs: { extraordinary: true } })).toMatchObject({ missing: ['costs.details'] });
      });
    });

    it('is a rule_violation to invoke Nassau 1992 towards Belize, which is not a party', () => {
      expect(submit({ ...REQUEST, requestedCountry: 'BZ', language: 'en' })).toEqual({
        reason: 'rule_violation',
        missing: [],
        violations: [{ field: 'legalBasis[2]', rule: 'not_in_force_for_pair' }],
      });
      expect(submit({ ...REQUEST, requestedCountry: 'BZ', language: 'en', legalBasis: ['UNTOC_ART18', 'SOM_PROTOCOL'] })).toBe(
        'ok -> pending_authorization',
      );
    });

    it('is a rule_violation to write to the United States in Spanish without an English translation', () => {
      expect(submit({ ...REQUEST, requestedCountry: 'US' })).toEqual({
        reason: 'rule_violation',
        missing: [],
        violations: [{ field: 'translations', rule: 'translation_required_en' }],
      });
    });

    it('reports missing fields first when a request both lacks fields and breaks a rule', () => {
      expect(submit({ ...REQUEST, requestedCountry: 'BZ', language: 'en', contact: undefined })).toEqual({
        reason: 'incomplete_request',
        missing: ['contact'],
        violations: [{ field: 'legalBasis[2]', rule: 'not_in_force_for_pair' }],
      });
    });
  });
});

describe('what each event leaves behind', () => {
  const documents = (effects: RequestEffect[]) =>
    effects.filter((e) => e.type === 'renderDocument').map((e) => (e.params as { kind: string; revision: number }));

  it('renders the document of the contract’s last column, and nothing for the others', () => {
    const produced: Record<string, string[]> = {};
    for (const type of REQUEST_EVENT_TYPES) {
      const decision = decide(snapshotIn(sourceOf(type)), eventOf(type));
      if (!decision.ok) throw new Error(`${type}: ${decision.reason}`);
      produced[type] = documents(decision.effects).map((d) => d.kind);
    }
    expect(produced).toEqual({
      SHARE_DRAFT: ['informal_draft'],
      STANDARDIZE: ['informal_draft'],
      SUBMIT: ['standardized_form'],
      RETURN: [],
      REJECT: [],
      AUTHORIZE: ['authorization'],
      TRANSMIT: ['transmission_note'],
      RECORD_RECEIPT: [],
      FORWARD: ['forwarding_note'],
      ACKNOWLEDGE: ['acknowledgement'],
      ASSIGN: [],
      PROPOSE_CONDITIONS: [],
      ACCEPT_CONDITIONS: [],
      DECLINE_CONDITIONS: [],
      REQUEST_INFO: [],
      SUPPLY_INFO: [],
      SEND_SUPPLEMENTARY_REQUEST: ['supplementary_request'],
      SEND_REMINDER: ['reminder_letter'],
      RECORD_ADVANCE_COPY: [],
      REPORT_EXECUTION_PART: ['execution_report'],
      RECORD_EXECUTION: ['execution_report'],
      REFUSE: [],
      RETURN_FOR_CORRECTION: [],
      POSTPONE: [],
      REPORT_PROGRESS: [],
      RESUME: [],
      CLOSE: [],
      WITHDRAW: [],
    });
  });

  it('gives each new document of a kind the next revision: two SHARE_DRAFT then STANDARDIZE are informal drafts 1, 2, 3', () => {
    let snapshot = start();
    const revisions: unknown[] = [];
    for (const type of ['SHARE_DRAFT', 'SHARE_DRAFT', 'STANDARDIZE'] as const) {
      const decision = decide(snapshot, eventOf(type));
      if (!decision.ok) throw new Error(decision.reason);
      revisions.push(...documents(decision.effects));
      snapshot = restoreRequest(decision.persisted);
    }
    expect(revisions).toEqual([
      { kind: 'informal_draft', revision: 1 },
      { kind: 'informal_draft', revision: 2 },
      { kind: 'informal_draft', revision: 3 },
    ]);
  });

  it('a request returned by the cancillería and submitted again gets standardized form revision 2', () => {
    const resubmitted = decide(walk(['RETURN'], snapshotIn('pending_authorization')), eventOf('SUBMIT'));
    expect(resubmitted.ok && documents(resubmitted.effects)).toEqual([{ kind: 'standardized_form', revision: 2 }]);
  });

  it('tells the parties of every step exactly once, and carries no case content in the notice', () => {
    for (const type of REQUEST_EVENT_TYPES) {
      const decision = decide(snapshotIn(sourceOf(type)), eventOf(type));
      const notices = decision.ok ? decision.effects.filter((e) => e.type === 'notifyParties') : decision.reason;
      expect({ type, notices }).toEqual({ type, notices: [{ type: 'notifyParties', params: { event: type } }] });
    }
  });

  it('records when the request was first shared, submitted and transmitted, and keeps the first date', () => {
    const at = (day: number) => `2026-03-${String(day).padStart(2, '0')}T10:00:00.000Z`;
    const steps: [RequestEventType, number][] = [
      ['SHARE_DRAFT', 1],
      ['SHARE_DRAFT', 2],
      ['STANDARDIZE', 3],
      ['SUBMIT', 4],
      ['RETURN', 5],
      ['SUBMIT', 6],
      ['AUTHORIZE', 7],
      ['TRANSMIT', 8],
      ['ACKNOWLEDGE', 9],
    ];
    let snapshot = start();
    const seen: Record<string, unknown> = {};
    for (const [type, day] of steps) {
      const decision = decide(snapshot, eventOf(type, { at: at(day) }));
      if (!decision.ok) throw new Error(`${type}: ${decision.reason}`);
      seen[`${type}@${day}`] = { ...decision.context.milestones };
      snapshot = restoreRequest(decision.persisted);
    }
    expect(seen).toEqual({
      'SHARE_DRAFT@1': { sharedAt: at(1) },
      'SHARE_DRAFT@2': { sharedAt: at(1) },
      'STANDARDIZE@3': { sharedAt: at(1) },
      'SUBMIT@4': { sharedAt: at(1), submittedAt: at(4) },
      'RETURN@5': { sharedAt: at(1), submittedAt: at(4) },
      'SUBMIT@6': { sharedAt: at(1), submittedAt: at(4) },
      'AUTHORIZE@7': { sharedAt: at(1), submittedAt: at(4), authorizedAt: at(7) },
      'TRANSMIT@8': { sharedAt: at(1), submittedAt: at(4), authorizedAt: at(7), transmittedAt: at(8), receivedAt: at(8) },
      'ACKNOWLEDGE@9': { sharedAt: at(1), submittedAt: at(4), authorizedAt: at(7), transmittedAt: at(8), receivedAt: at(8) },
    });
  });

  it('a request standardized without sharing is never marked shared', () => {
    expect(snapshotIn('transmitted').context.milestones).toEqual({ submittedAt: AT, authorizedAt: AT, transmittedAt: AT, receivedAt: AT });
  });
});

describe('restoring a stored workflow', () => {
  const stored = () => startRequest(PARTIES).persisted;

  it('restores what it stored, after a round trip through JSON (the jsonb column)', () => {
    const decision = decide(snapshotIn('transmitted'), eventOf('ACKNOWLEDGE'));
    if (!decision.ok) throw new Error(decision.reason);
    const snapshot = restoreRequest(JSON.parse(JSON.stringify(decision.persisted)));
    expect(snapshot.value).toBe('acknowledged');
    expect(snapshot.context).toMatchObject({ ...PARTIES, documentRevisions: { acknowledgement: 1, authorization: 1 } });
    expect(availableEvents(snapshot, ACTORS.autoridadMX, REQUEST)).toEqual(['ASSIGN', 'PROPOSE_CONDITIONS', 'REQUEST_INFO', 'REPORT_EXECUTION_PART', 'RECORD_EXECUTION', 'REFUSE', 'RETURN_FOR_CORRECTION', 'POSTPONE', 'REPORT_PROGRESS']);
  });

  it('refuses a snapshot written by a later version, a version before the first, or another machine', () => {
    expect(REQUEST_MACHINE_VERSION).toBe(2);
    expect(() => restoreRequest({ ...stored(), machineVersion: REQUEST_MACHINE_VERSION + 1 })).toThrow(UnknownMachineVersionError);
    expect(() => restoreRequest({ ...stored(), machineVersion: 0 })).toThrow(UnknownMachineVersionError);
    expect(() => restoreRequest({ ...stored(), machineVersion: 1.5 })).toThrow(UnknownMachineVersionError);
    expect(() => restoreRequest({ ...stored(), machineId: `${REQUEST_MACHINE_ID}-v0` })).toThrow(UnknownMachineVersionError);
  });

  describe('snapshots written by version 1 (fixtures/v1-snapshots.json, written by the version-1 machine of this repository)', () => {
    const V1 = JSON.parse(readFileSync(new URL('./fixtures/v1-snapshots.json', import.meta.url), 'utf8')) as Record<string, PersistedWorkflow>;
    const v1 = (name: string): PersistedWorkflow => structuredClone(V1[name]);

    it('are all version 1, and each restores in the state it was written in', () => {
      const restored = Object.fromEntries(Object.entries(V1).map(([name, persisted]) => [name, `${persisted.machineVersion} ${String(restoreRequest(persisted).value)}`]));
      expect(restored).toEqual({
        'GT-MX-nassau/draft': '1 draft',
        'GT-MX-nassau/pending_authorization': '1 pending_authorization',
        'GT-MX-nassau/authorized': '1 authorized',
        'GT-MX-nassau/transmitted': '1 transmitted',
        'GT-MX-nassau/info_requested': '1 info_requested',
        'GT-MX-nassau/executed': '1 executed',
        'GT-MX-reciprocity/authorized': '1 authorized',
      });
    });

    it('a request transmitted under version 1 reached the requested central authority then: received when transmitted', () => {
      const snapshot = restoreRequest(v1('GT-MX-nassau/transmitted'));
      const { transmittedAt } = (V1['GT-MX-nassau/transmitted'].snapshot as { context: RequestSnapshot['context'] }).context.milestones;
      expect(snapshot.context.milestones).toMatchObject({ transmittedAt, receivedAt: transmittedAt });
      expect(snapshot.context.route).toMatchObject({ channel: 'central_authority' });
      const fixtureActor = (role: Role, country: CountryCode) => actor(`v1-${role}-${country}`, role, country);
      expect(availableEvents(snapshot, fixtureActor('central_authority', 'MX'), REQUEST)).toEqual(['ACKNOWLEDGE', 'RETURN_FOR_CORRECTION']);
    });

    it('goes on with version 2 after its next event, and is stored as version 2', () => {
      const persisted = v1('GT-MX-nassau/info_requested');
      const creator = actor((persisted.snapshot as { context: { createdById: string } }).context.createdById, 'fiscal', 'GT', true);
      const decision = decide(restoreRequest(persisted), eventOf('SUPPLY_INFO', { actor: creator }));
      expect(decision.ok && { state: decision.state, version: decision.persisted.machineVersion }).toEqual({ state: 'acknowledged', version: 2 });
      if (!decision.ok) return;
      // Once stored as version 2 it restores without any upgrade, and the same again.
      expect(restoreRequest(decision.persisted).context.milestones.receivedAt).toBe(decision.context.milestones.transmittedAt);
    });

    it('an authorized version-1 request follows its route: between central authorities Guatemala’s central authority transmits, on the diplomatic channel its cancillería', () => {
      const central = restoreRequest(v1('GT-MX-nassau/authorized'));
      const diplomatic = restoreRequest(v1('GT-MX-reciprocity/authorized'));
      expect(reasonOf(decide(central, eventOf('TRANSMIT', { actor: ACTORS.autoridadGT })))).toBe('ok -> transmitted');
      expect(reasonOf(decide(central, eventOf('TRANSMIT', { actor: ACTORS.cancilleriaGT })))).toBe('forbidden');
      expect(reasonOf(decide(diplomatic, eventOf('TRANSMIT', { actor: ACTORS.cancilleriaGT })))).toBe('ok -> sent_to_requested_cancilleria');
    });

    it('the upgrade is written once: a version-2 snapshot is not upgraded again (a diplomatic request on its way is not received yet)', () => {
      const sent = decide(restoreRequest(v1('GT-MX-reciprocity/authorized')), eventOf('TRANSMIT', { actor: ACTORS.cancilleriaGT }));
      if (!sent.ok) throw new Error(sent.reason);
      expect(sent.persisted.machineVersion).toBe(2);
      expect(restoreRequest(JSON.parse(JSON.stringify(sent.persisted))).context.milestones.receivedAt).toBeUndefined();
    });
  });

  describe('snapshots written by version 2 before the requested side’s work of step 3 (fixtures/v2-snapshots.json, written by main at fa63224)', () => {
    const V2 = JSON.parse(readFileSync(new URL('./fixtures/v2-snapshots.json', import.meta.url), 'utf8')) as Record<string, PersistedWorkflow>;
    const v2 = (name: string): RequestSnapshot => restoreRequest(structuredClone(V2[name]));

    it('restore as they were, with no executing authority and no conditions', () => {
      expect(Object.fromEntries(Object.entries(V2).map(([name, p]) => [name, `${p.machineVersion} ${String(restoreRequest(p).value)}`]))).toEqual({
        'GT-MX-nassau/authorized': '2 authorized',
        'GT-MX-nassau/acknowledged': '2 acknowledged',
        'GT-MX-nassau/postponed': '2 postponed',
        'GT-MX-reciprocity/received_by_requested_cancilleria': '2 received_by_requested_cancilleria',
        'GT-MX-reciprocity/acknowledged': '2 acknowledged',
      });
      expect(v2('GT-MX-nassau/acknowledged').context).not.toHaveProperty('executingAuthority');
    });

    it('take the new events: assigned, conditions proposed and answered by the route’s party, refused on a ground of its route', () => {
      const nassau = v2('GT-MX-nassau/acknowledged');
      const fixtureActor = (role: Role, country: CountryCode) => actor(`a-${country.toLowerCase()}`, role, country);
      const autoridadMX = fixtureActor('central_authority', 'MX');
      expect(reasonOf(decide(nassau, eventOf('ASSIGN', { actor: autoridadMX })))).toBe('ok -> acknowledged');
      const proposed = decide(nassau, eventOf('PROPOSE_CONDITIONS', { actor: autoridadMX }));
      if (!proposed.ok) throw new Error(proposed.reason);
      expect(reasonOf(decide(restoreRequest(proposed.persisted), eventOf('ACCEPT_CONDITIONS', { actor: fixtureActor('central_authority', 'GT') })))).toBe('ok -> acknowledged');
      expect(reasonOf(decide(nassau, eventOf('REFUSE', { actor: autoridadMX, data: { ground: 'nassau_9_a' } })))).toBe('ok -> refused');
      const diplomatic = v2('GT-MX-reciprocity/acknowledged');
      expect(reasonOf(decide(diplomatic, eventOf('REFUSE', { actor: autoridadMX, request: DIPLOMATIC, data: { ground: 'comity' } })))).toBe('ok -> refused');
      expect(reasonOf(decide(v2('GT-MX-nassau/postponed'), eventOf('RESUME', { actor: autoridadMX })))).toBe('ok -> acknowledged');
    });
  });

  it('refuses a snapshot whose state no longer exists', () => {
    const persisted = stored();
    const snapshot = { ...(persisted.snapshot as Record<string, unknown>), value: 'archived' };
    expect(() => restoreRequest({ ...persisted, snapshot })).toThrow(/archived/);
  });
});

describe('availableEvents: what each party is offered now', () => {
  const OFFERED: Record<RequestState, Partial<Record<ActorName, RequestEventType[]>>> = {
    draft: { creator: ['SHARE_DRAFT', 'STANDARDIZE', 'WITHDRAW'] },
    // Before SUBMIT the transmitter is the one the request's bases give it: Guatemala's central authority.
    standardized: { creator: ['SUBMIT', 'RECORD_ADVANCE_COPY', 'WITHDRAW'], autoridadGT: ['RECORD_ADVANCE_COPY'] },
    pending_authorization: { creator: ['RECORD_ADVANCE_COPY', 'WITHDRAW'], cancilleriaGT: ['RETURN', 'REJECT', 'AUTHORIZE'], autoridadGT: ['RECORD_ADVANCE_COPY'] },
    authorized: { creator: ['RECORD_ADVANCE_COPY', 'WITHDRAW'], autoridadGT: ['TRANSMIT', 'RECORD_ADVANCE_COPY'] },
    // On the diplomatic channel the requesting cancillería follows up, as it transmitted.
    sent_to_requested_cancilleria: { creator: ['WITHDRAW'], cancilleriaMX: ['RECORD_RECEIPT'], cancilleriaGT: ['SEND_SUPPLEMENTARY_REQUEST', 'SEND_REMINDER'] },
    received_by_requested_cancilleria: { creator: ['WITHDRAW'], cancilleriaMX: ['FORWARD'], cancilleriaGT: ['SEND_SUPPLEMENTARY_REQUEST', 'SEND_REMINDER'] },
    transmitted: { creator: ['WITHDRAW'], autoridadMX: ['ACKNOWLEDGE', 'RETURN_FOR_CORRECTION'], autoridadGT: ['SEND_SUPPLEMENTARY_REQUEST', 'SEND_REMINDER'] },
    acknowledged: {
      creator: ['WITHDRAW'],
      autoridadMX: ['ASSIGN', 'PROPOSE_CONDITIONS', 'REQUEST_INFO', 'REPORT_EXECUTION_PART', 'RECORD_EXECUTION', 'REFUSE', 'RETURN_FOR_CORRECTION', 'POSTPONE', 'REPORT_PROGRESS'],
      autoridadGT: ['SEND_SUPPLEMENTARY_REQUEST', 'SEND_REMINDER'],
    },
    conditions_proposed: { creator: ['WITHDRAW'], autoridadGT: ['ACCEPT_CONDITIONS', 'DECLINE_CONDITIONS', 'SEND_SUPPLEMENTARY_REQUEST'] },
    postponed: { creator: ['WITHDRAW'], autoridadMX: ['RESUME'], autoridadGT: ['SEND_SUPPLEMENTARY_REQUEST', 'SEND_REMINDER'] },
    returned_for_correction: { creator: ['SUBMIT', 'WITHDRAW'] },
    info_requested: { creator: ['SUPPLY_INFO', 'WITHDRAW'], autoridadGT: ['SEND_SUPPLEMENTARY_REQUEST'] },
    executed: { creator: ['CLOSE'] },
    closed: {},
    rejected: {},
    refused: {},
    withdrawn: {},
  };

  it('offers each party exactly the events it may send in each state, and nothing to anyone else', () => {
    const everyone = Object.keys(ACTORS).filter((name) => name !== 'creatorNotLiaison') as ActorName[];
    const actual: Record<string, Record<string, RequestEventType[]>> = {};
    const expected: Record<string, Record<string, RequestEventType[]>> = {};
    for (const state of STATES) {
      const snapshot = snapshotIn(state);
      actual[state] = Object.fromEntries(everyone.map((name) => [name, availableEvents(snapshot, ACTORS[name], REQUEST)]));
      expected[state] = Object.fromEntries(everyone.map((name) => [name, OFFERED[state][name] ?? []]));
    }
    expect(actual).toEqual(expected);
  });

  it('offers a SUBMIT still blocked by gaps (missing says why), but nothing to a lapsed liaison', () => {
    expect(availableEvents(snapshotIn('standardized'), ACTORS.creator, {})).toEqual(['SUBMIT', 'WITHDRAW']);
    expect(availableEvents(snapshotIn('draft'), ACTORS.creatorNotLiaison, REQUEST)).toEqual([]);
  });
});

describe('the route decides the way out (issue 13)', () => {
  const authorizedOn = (request: RequestFields) => walk(['STANDARDIZE', 'SUBMIT', 'AUTHORIZE'], start(), request);
  const answer = (snapshot: RequestSnapshot, type: RequestEventType, who: ActorName) =>
    reasonOf(decide(snapshot, eventOf(type, { actor: ACTORS[who] })));

  it('between central authorities (Nassau, UNTOC): Guatemala’s central authority transmits straight to Mexico’s; its cancillería may not', () => {
    const authorized = authorizedOn(REQUEST);
    expect(authorized.context.route).toMatchObject({ channel: 'central_authority', transmitter: { role: 'central_authority', country: 'GT' }, via: [] });
    expect(answer(authorized, 'TRANSMIT', 'autoridadGT')).toBe('ok -> transmitted');
    expect(['cancilleriaGT', 'autoridadMX', 'cancilleriaMX'].map((who) => answer(authorized, 'TRANSMIT', who as ActorName))).toEqual([
      'forbidden',
      'forbidden',
      'forbidden',
    ]);
  });

  it('on the diplomatic channel (reciprocity): the cancillería transmits by note, the requested cancillería records receipt and forwards, then Mexico’s central authority acts', () => {
    const authorized = authorizedOn(DIPLOMATIC);
    expect(authorized.context.route).toMatchObject({
      channel: 'diplomatic',
      transmitter: { role: 'cancilleria', country: 'GT' },
      via: [{ role: 'cancilleria', country: 'MX', side: 'requested' }],
    });
    expect(['autoridadGT', 'cancilleriaMX'].map((who) => answer(authorized, 'TRANSMIT', who as ActorName))).toEqual(['forbidden', 'forbidden']);
    // No advance copy is offered: reciprocity allows none.
    expect(availableEvents(authorized, ACTORS.cancilleriaGT, DIPLOMATIC)).toEqual(['TRANSMIT']);
    expect(availableEvents(authorized, ACTORS.autoridadGT, DIPLOMATIC)).toEqual([]);

    const at = (day: number) => `2026-03-${String(day).padStart(2, '0')}T10:00:00.000Z`;
    const steps: [RequestEventType, ActorName, number, RequestState][] = [
      ['TRANSMIT', 'cancilleriaGT', 10, 'sent_to_requested_cancilleria'],
      ['RECORD_RECEIPT', 'cancilleriaMX', 12, 'received_by_requested_cancilleria'],
      ['FORWARD', 'cancilleriaMX', 13, 'transmitted'],
      ['ACKNOWLEDGE', 'autoridadMX', 14, 'acknowledged'],
    ];
    let snapshot = authorized;
    for (const [type, who, day, target] of steps) {
      // Before its turn, the requested central authority can do nothing with the request.
      if (type !== 'ACKNOWLEDGE') expect(availableEvents(snapshot, ACTORS.autoridadMX, DIPLOMATIC)).toEqual([]);
      const decision = decide(snapshot, eventOf(type, { actor: ACTORS[who], at: at(day), request: DIPLOMATIC }));
      expect(reasonOf(decision)).toBe(`ok -> ${target}`);
      if (!decision.ok) return;
      snapshot = restoreRequest(decision.persisted);
    }
    expect(snapshot.context.milestones).toEqual({ submittedAt: AT, authorizedAt: AT, transmittedAt: at(10), viaCancilleriaAt: at(10), receivedAt: at(13) });
  });

  it('only the requested cancillería records receipt and forwards: not the requesting one, not another country’s, not the central authorities', () => {
    const sent = snapshotIn('sent_to_requested_cancilleria');
    const received = snapshotIn('received_by_requested_cancilleria');
    const wrong: ActorName[] = ['cancilleriaGT', 'cancilleriaHN', 'autoridadMX', 'autoridadGT', 'fiscalMX'];
    expect(wrong.map((who) => answer(sent, 'RECORD_RECEIPT', who))).toEqual(wrong.map(() => 'forbidden'));
    expect(wrong.map((who) => answer(received, 'FORWARD', who))).toEqual(wrong.map(() => 'forbidden'));
    // In order: a note not yet recorded is not forwarded, and a recorded one is not recorded twice.
    expect(answer(sent, 'FORWARD', 'cancilleriaMX')).toBe('invalid_transition');
    expect(answer(received, 'RECORD_RECEIPT', 'cancilleriaMX')).toBe('invalid_transition');
    expect(answer(sent, 'ACKNOWLEDGE', 'autoridadMX')).toBe('invalid_transition');
  });

  it('a request authorized before routes existed (no route in its snapshot) is transmitted by its cancillería straight to the central authority, as it was authorized', () => {
    const authorized = authorizedOn(REQUEST);
    const { route: _route, ...context } = authorized.context;
    const legacy = requestMachine.resolveState({ value: 'authorized', context });
    expect(answer(legacy, 'TRANSMIT', 'autoridadGT')).toBe('forbidden');
    expect(answer(legacy, 'TRANSMIT', 'cancilleriaGT')).toBe('ok -> transmitted');
  });
});

describe('execution in parts', () => {
  it('each part is delivered with its note and its evidence, in an execution report numbered in order; the closing one is the final report', () => {
    let snapshot = snapshotIn('acknowledged');
    const reports: unknown[] = [];
    for (const [type, data] of [
      ['REPORT_EXECUTION_PART', { evidence: ['Estados de cuenta, enero a junio'] }],
      ['REPORT_EXECUTION_PART', { evidence: ['Estados de cuenta, julio a diciembre', 'Acta de entrega'] }],
      ['RECORD_EXECUTION', { outcome: 'total' }],
    ] as const) {
      const decision = decide(snapshot, eventOf(type, { data }));
      if (!decision.ok) throw new Error(`${type}: ${decision.reason}`);
      reports.push({ type, state: decision.state, documents: decision.effects.filter((e) => e.type === 'renderDocument').map((e) => e.params) });
      snapshot = restoreRequest(decision.persisted);
    }
    expect(reports).toEqual([
      { type: 'REPORT_EXECUTION_PART', state: 'acknowledged', documents: [{ kind: 'execution_report', revision: 1 }] },
      { type: 'REPORT_EXECUTION_PART', state: 'acknowledged', documents: [{ kind: 'execution_report', revision: 2 }] },
      { type: 'RECORD_EXECUTION', state: 'executed', documents: [{ kind: 'execution_report', revision: 3 }] },
    ]);
    expect(documentProducedBy('acknowledged', 'REPORT_EXECUTION_PART')).toBe('execution_report');
  });

  it('a part needs its note and at least one piece of evidence, each a text', () => {
    const acknowledged = snapshotIn('acknowledged');
    const gapsOf = (overrides: Partial<RequestEvent>) => {
      const decision = decide(acknowledged, eventOf('REPORT_EXECUTION_PART', overrides));
      return decision.ok ? 'ok' : 'gaps' in decision ? decision.gaps : decision.reason;
    };
    expect(gapsOf({ comment: '', data: {} })).toEqual({ missing: ['comment', 'data.evidence'], violations: [] });
    expect(gapsOf({ data: { evidence: [] } })).toEqual({ missing: ['data.evidence'], violations: [] });
    expect(gapsOf({ data: { evidence: ['Acta', ' '] } })).toEqual({ missing: [], violations: [{ field: 'data.evidence', rule: 'list_of_texts' }] });
    expect(gapsOf({ data: { evidence: 'Acta' } })).toEqual({ missing: [], violations: [{ field: 'data.evidence', rule: 'list_of_texts' }] });
    expect(gapsOf({ actor: ACTORS.autoridadGT })).toBe('forbidden');
    expect(reasonOf(decide(snapshotIn('transmitted'), eventOf('REPORT_EXECUTION_PART')))).toBe('invalid_transition');
  });
});

describe('postponement (UNTOC art. 18(25))', () => {
  it('states its reason and a real date not already past; the central authority resumes it', () => {
    const acknowledged = snapshotIn('acknowledged');
    const gapsOf = (overrides: Partial<RequestEvent>) => {
      const decision = decide(acknowledged, eventOf('POSTPONE', overrides));
      return decision.ok ? `ok -> ${decision.state}` : 'gaps' in decision ? decision.gaps : decision.reason;
    };
    expect(gapsOf({})).toBe('ok -> postponed');
    expect(gapsOf({ comment: '', data: {} })).toEqual({ missing: ['comment', 'data.until'], violations: [] });
    expect(gapsOf({ data: { until: '2026-02-30' } })).toEqual({ missing: [], violations: [{ field: 'data.until', rule: 'date' }] });
    expect(gapsOf({ data: { until: '2026-03-01' } })).toEqual({ missing: [], violations: [{ field: 'data.until', rule: 'not_in_the_past' }] });
    // Mexico's central authority at 19:00 on 1 March (2 March in UTC) may postpone until that day; at its midnight, not.
    expect(gapsOf({ at: '2026-03-02T01:00:00.000Z', data: { until: '2026-03-01' } })).toBe('ok -> postponed');
    expect(gapsOf({ at: '2026-03-02T06:00:00.000Z', data: { until: '2026-03-01' } })).toMatchObject({ violations: [{ field: 'data.until', rule: 'not_in_the_past' }] });
    expect(gapsOf({ actor: ACTORS.cancilleriaGT })).toBe('forbidden');
    const postponed = snapshotIn('postponed');
    expect(reasonOf(decide(postponed, eventOf('RESUME')))).toBe('ok -> acknowledged');
    expect(reasonOf(decide(postponed, eventOf('RECORD_EXECUTION')))).toBe('invalid_transition');
    expect(reasonOf(decide(postponed, eventOf('RESUME', { actor: ACTORS.autoridadUS })))).toBe('forbidden');
  });
});

describe('the requested central authority’s work on an acknowledged request (issue 13, step 3)', () => {
  const gapsOf = (decision: Decision) => (decision.ok ? `ok -> ${decision.state}` : 'gaps' in decision ? decision.gaps : decision.reason);

  it('ASSIGN names the executing authority, kept in the request; a new assignment replaces it; without a name it is refused', () => {
    const acknowledged = snapshotIn('acknowledged');
    expect(gapsOf(decide(acknowledged, eventOf('ASSIGN', { data: {} })))).toEqual({ missing: ['data.executingAuthority'], violations: [] });
    expect(gapsOf(decide(acknowledged, eventOf('ASSIGN', { data: { executingAuthority: '   ' } })))).toEqual({ missing: ['data.executingAuthority'], violations: [] });
    expect(gapsOf(decide(acknowledged, eventOf('ASSIGN', { data: { executingAuthority: 42 } })))).toEqual({ missing: [], violations: [{ field: 'data.executingAuthority', rule: 'text' }] });
    expect(gapsOf(decide(acknowledged, eventOf('ASSIGN', { actor: ACTORS.autoridadGT })))).toBe('forbidden');
    expect(reasonOf(decide(snapshotIn('transmitted'), eventOf('ASSIGN')))).toBe('invalid_transition');
    const first = decide(acknowledged, eventOf('ASSIGN'));
    if (!first.ok) throw new Error(first.reason);
    expect(first.context.executingAuthority).toEqual({ office: 'Fiscalía Especializada en Delitos contra Migrantes, FGR', assignedAt: AT });
    const second = decide(restoreRequest(first.persisted), eventOf('ASSIGN', { at: '2026-03-05T10:00:00.000Z', data: { executingAuthority: ' Juzgado Tercero de Distrito ' } }));
    expect(second.ok && second.context.executingAuthority).toEqual({ office: 'Juzgado Tercero de Distrito', assignedAt: '2026-03-05T10:00:00.000Z' });
  });

  it('conditions (UNTOC art. 18(26)): proposed by the requested central authority, answered on a central-authority route by Guatemala’s central authority, not the fiscal', () => {
    const acknowledged = snapshotIn('acknowledged');
    expect(gapsOf(decide(acknowledged, eventOf('PROPOSE_CONDITIONS', { comment: ' ' })))).toEqual({ missing: ['comment'], violations: [] });
    const proposed = decide(acknowledged, eventOf('PROPOSE_CONDITIONS'));
    if (!proposed.ok) throw new Error(proposed.reason);
    expect(proposed.context.conditions).toEqual({ text: COMMENTS.PROPOSE_CONDITIONS, proposedAt: AT });
    const waiting = restoreRequest(proposed.persisted);
    // While the requesting side considers them, the requested side neither executes nor refuses.
    expect(reasonOf(decide(waiting, eventOf('RECORD_EXECUTION')))).toBe('invalid_transition');
    expect(reasonOf(decide(waiting, eventOf('REFUSE')))).toBe('invalid_transition');
    expect(reasonOf(decide(waiting, eventOf('ACCEPT_CONDITIONS', { actor: ACTORS.creator })))).toBe('forbidden');
    expect(gapsOf(decide(waiting, eventOf('DECLINE_CONDITIONS', { comment: '' })))).toEqual({ missing: ['comment'], violations: [] });
    const accepted = decide(waiting, eventOf('ACCEPT_CONDITIONS', { at: '2026-03-04T09:00:00.000Z' }));
    expect(accepted.ok && { state: accepted.state, conditions: accepted.context.conditions }).toEqual({
      state: 'acknowledged',
      conditions: { text: COMMENTS.PROPOSE_CONDITIONS, proposedAt: AT, answer: 'accepted', answeredAt: '2026-03-04T09:00:00.000Z' },
    });
    const declined = decide(waiting, eventOf('DECLINE_CONDITIONS'));
    expect(declined.ok && { state: declined.state, answer: declined.context.conditions?.answer }).toEqual({ state: 'acknowledged', answer: 'declined' });
  });

  it('on the diplomatic channel the fiscal who drafted the request answers the conditions, a lapsed liaison not', () => {
    const acknowledged = walk(['STANDARDIZE', 'SUBMIT', 'AUTHORIZE', 'TRANSMIT', 'RECORD_RECEIPT', 'FORWARD', 'ACKNOWLEDGE', 'PROPOSE_CONDITIONS'], start(), DIPLOMATIC);
    expect(acknowledged.value).toBe('conditions_proposed');
    expect(availableEvents(acknowledged, ACTORS.creator, DIPLOMATIC)).toEqual(['ACCEPT_CONDITIONS', 'DECLINE_CONDITIONS', 'WITHDRAW']);
    expect(availableEvents(acknowledged, ACTORS.autoridadGT, DIPLOMATIC)).toEqual([]);
    expect(reasonOf(decide(acknowledged, eventOf('ACCEPT_CONDITIONS', { actor: ACTORS.autoridadGT, request: DIPLOMATIC })))).toBe('forbidden');
    expect(reasonOf(decide(acknowledged, eventOf('ACCEPT_CONDITIONS', { actor: ACTORS.creatorNotLiaison, request: DIPLOMATIC })))).toBe('liaison_not_authorized');
    expect(reasonOf(decide(acknowledged, eventOf('ACCEPT_CONDITIONS', { actor: ACTORS.creator, request: DIPLOMATIC })))).toBe('ok -> acknowledged');
  });

  it('REFUSE cites a ground of the route’s instruments (UNTOC 18(21), Nassau art. 9 for GT -> MX), with its reasons', () => {
    const acknowledged = snapshotIn('acknowledged');
    expect(acknowledged.context.route?.refusalGrounds).toEqual(expect.arrayContaining(['untoc_18_21_a', 'nassau_9_e']));
    expect(gapsOf(decide(acknowledged, eventOf('REFUSE', { data: {} })))).toEqual({ missing: ['data.ground'], violations: [] });
    expect(gapsOf(decide(acknowledged, eventOf('REFUSE', { comment: '', data: {} })))).toEqual({ missing: ['comment', 'data.ground'], violations: [] });
    // Reciprocity's ground is not one of the instruments this request travels under.
    const wrong = decide(acknowledged, eventOf('REFUSE', { data: { ground: 'comity' } }));
    expect(!wrong.ok && 'gaps' in wrong && wrong.reason).toBe('rule_violation');
    expect(gapsOf(wrong)).toMatchObject({ violations: [{ field: 'data.ground', rule: expect.stringMatching(/^one_of:.*nassau_9_e/) }] });
    expect(reasonOf(decide(acknowledged, eventOf('REFUSE', { data: { ground: 'nassau_9_e' } })))).toBe('ok -> refused');
    // Under letters rogatory (reciprocity) the only ground is comity.
    const diplomatic = walk(['STANDARDIZE', 'SUBMIT', 'AUTHORIZE', 'TRANSMIT', 'RECORD_RECEIPT', 'FORWARD', 'ACKNOWLEDGE'], start(), DIPLOMATIC);
    expect(reasonOf(decide(diplomatic, eventOf('REFUSE', { request: DIPLOMATIC, data: { ground: 'untoc_18_21_b' } })))).toBe('rule_violation');
    expect(reasonOf(decide(diplomatic, eventOf('REFUSE', { request: DIPLOMATIC, data: { ground: 'comity' } })))).toBe('ok -> refused');
  });
});

describe('return for correction (Nassau art. 26) and resubmission', () => {
  it('the requested central authority returns before or after acknowledging, always with its reasons', () => {
    for (const state of ['transmitted', 'acknowledged'] as const) {
      const snapshot = snapshotIn(state);
      expect(reasonOf(decide(snapshot, eventOf('RETURN_FOR_CORRECTION')))).toBe('ok -> returned_for_correction');
      const silent = decide(snapshot, eventOf('RETURN_FOR_CORRECTION', { comment: '  ' }));
      expect(!silent.ok && 'gaps' in silent && silent.gaps).toEqual({ missing: ['comment'], violations: [] });
    }
    expect(reasonOf(decide(snapshotIn('info_requested'), eventOf('RETURN_FOR_CORRECTION')))).toBe('invalid_transition');
  });

  it('the fiscal corrects the content and submits again: to the cancillería, a new revision of the form, the route derived anew', () => {
    const returned = snapshotIn('returned_for_correction');
    expect(isEditable(returned)).toBe(true);
    expect(availableEvents(returned, ACTORS.autoridadMX, REQUEST)).toEqual([]);
    // Corrected so that it now goes by letters rogatory: the new route is derived at this SUBMIT.
    const resubmitted = decide(returned, eventOf('SUBMIT', { request: DIPLOMATIC }));
    expect(reasonOf(resubmitted)).toBe('ok -> pending_authorization');
    if (!resubmitted.ok) return;
    expect(resubmitted.effects.filter((e) => e.type === 'renderDocument').map((e) => e.params)).toEqual([{ kind: 'standardized_form', revision: 2 }]);
    expect(resubmitted.context.route).toMatchObject({ channel: 'diplomatic' });
    expect(resubmitted.context.routeFixedAt).toBeUndefined();
    // A resubmission still incomplete is refused like the first submission.
    expect(reasonOf(decide(returned, eventOf('SUBMIT', { request: { ...REQUEST, purpose: '' } })))).toBe('incomplete_request');
  });
});

// ---------------------------------------------------------------------------------------------
// Paths read off the machine itself, so that a state added without a way in or out fails here.

describe('the requesting side’s follow-up (issue 13, step 4)', () => {
  const autoridadGT = ACTORS.autoridadGT;
  const gaps = (decision: Decision) => (!decision.ok && 'gaps' in decision ? { reason: decision.reason, ...decision.gaps } : reasonOf(decision));
  const effectsOf = (decision: Decision) => {
    if (!decision.ok) throw new Error(decision.reason);
    return decision.effects.filter((e) => e.type === 'renderDocument').map((e) => e.params);
  };

  describe('a supplementary request, through the route', () => {
    it('answers a request for information: info_requested -> acknowledged, its own numbered document marked as the answer', () => {
      const decision = decide(snapshotIn('info_requested'), eventOf('SEND_SUPPLEMENTARY_REQUEST'));
      expect(reasonOf(decision)).toBe('ok -> acknowledged');
      expect(effectsOf(decision)).toEqual([{ kind: 'supplementary_request', revision: 1, answersInfoRequest: true }]);
    });

    it('adds to a request in execution without changing its state, numbered 1, 2 ...', () => {
      let snapshot = snapshotIn('acknowledged');
      const revisions: number[] = [];
      for (let i = 0; i < 2; i++) {
        const decision = decide(snapshot, eventOf('SEND_SUPPLEMENTARY_REQUEST'));
        expect(reasonOf(decision)).toBe('ok -> acknowledged');
        revisions.push(...effectsOf(decision).map((d) => d.revision));
        snapshot = restoreRequest((decision as Extract<Decision, { ok: true }>).persisted);
      }
      expect(revisions).toEqual([1, 2]);
    });

    it('is sent by the route’s transmitter: the central authority between central authorities, the cancillería on the diplomatic channel', () => {
      expect(reasonOf(decide(snapshotIn('acknowledged'), eventOf('SEND_SUPPLEMENTARY_REQUEST', { actor: ACTORS.cancilleriaGT })))).toBe('forbidden');
      expect(reasonOf(decide(snapshotIn('info_requested'), eventOf('SEND_SUPPLEMENTARY_REQUEST', { actor: ACTORS.creator })))).toBe('forbidden');
      const diplomatic = snapshotIn('sent_to_requested_cancilleria');
      const viaCancilleria = onRoute(DIPLOMATIC)('SEND_SUPPLEMENTARY_REQUEST');
      expect(viaCancilleria.actor).toBe(ACTORS.cancilleriaGT);
      expect(reasonOf(decide(diplomatic, viaCancilleria))).toBe('ok -> sent_to_requested_cancilleria');
      expect(reasonOf(decide(diplomatic, eventOf('SEND_SUPPLEMENTARY_REQUEST', { actor: autoridadGT, request: DIPLOMATIC })))).toBe('forbidden');
    });

    it('is refused before transmission and after execution', () => {
      for (const state of ['authorized', 'executed', 'returned_for_correction'] as const) {
        expect({ state, reason: reasonOf(decide(snapshotIn(state), eventOf('SEND_SUPPLEMENTARY_REQUEST'))) }).toEqual({ state, reason: 'invalid_transition' });
      }
    });

    it('carries its text translated where the requested country does not accept the request’s language, and its annexes as texts', () => {
      const toUS = buildRequestFields({ requestedCountry: 'US', language: 'es' });
      const usAuthority = snapshotIn('acknowledged');
      const untranslated = decide(usAuthority, eventOf('SEND_SUPPLEMENTARY_REQUEST', { request: toUS }));
      expect(gaps(untranslated)).toEqual({ reason: 'incomplete_request', missing: ['data.translation'], violations: [] });
      const translated = decide(usAuthority, eventOf('SEND_SUPPLEMENTARY_REQUEST', { request: toUS, data: { translation: 'Records from January 1 to December 31, 2025.' } }));
      expect(reasonOf(translated)).toBe('ok -> acknowledged');
      expect(gaps(decide(usAuthority, eventOf('SEND_SUPPLEMENTARY_REQUEST', { data: { annexes: ['ok', ''] } })))).toEqual({
        reason: 'rule_violation',
        missing: [],
        violations: [{ field: 'data.annexes', rule: 'list_of_texts' }],
      });
    });
  });

  describe('a reminder letter, after the deadline of the stage waiting on the requested side', () => {
    it('is refused while the stage is not yet due (deadline_not_passed, and from when it is possible), accepted once it has passed', () => {
      const snapshot = snapshotIn('acknowledged');
      const dueAt = '2026-03-10T23:59:59.999Z';
      const early = decide(snapshot, eventOf('SEND_REMINDER', { stage: { state: 'acknowledged', dueAt, responsible: 'requested' } }));
      expect(gaps(early)).toEqual({ reason: 'rule_violation', missing: [], violations: [{ field: 'stage.dueAt', rule: 'deadline_not_passed', possibleFrom: dueAt }] });
      // The very instant it falls due is not yet late.
      expect(reasonOf(decide(snapshot, eventOf('SEND_REMINDER', { at: dueAt, stage: { state: 'acknowledged', dueAt, responsible: 'requested' } })))).toBe('rule_violation');
      const late = decide(snapshot, eventOf('SEND_REMINDER', { at: '2026-03-13T15:00:00.000Z', stage: { state: 'acknowledged', dueAt, responsible: 'requested' } }));
      expect(reasonOf(late)).toBe('ok -> acknowledged');
      expect(effectsOf(late)).toEqual([{ kind: 'reminder_letter', revision: 1, overdue: { stage: 'acknowledged', dueAt, daysLate: 3 } }]);
    });

    it('is refused without a deadline, or where the stage waits on the requesting side', () => {
      const snapshot = snapshotIn('transmitted');
      expect(gaps(decide(snapshot, eventOf('SEND_REMINDER', { stage: undefined })))).toMatchObject({ reason: 'rule_violation', violations: [{ field: 'stage', rule: 'no_deadline_on_requested_side' }] });
      expect(gaps(decide(snapshot, eventOf('SEND_REMINDER', { stage: { ...LATE_STAGE, dueAt: null } })))).toMatchObject({ reason: 'rule_violation' });
      expect(gaps(decide(snapshot, eventOf('SEND_REMINDER', { stage: { ...LATE_STAGE, responsible: 'requesting' } })))).toMatchObject({ reason: 'rule_violation' });
    });

    it('numbers the letters 1, 2, 3 per request; offered only where the requested side holds the request', () => {
      let snapshot = snapshotIn('transmitted');
      const numbers: number[] = [];
      for (let i = 0; i < 3; i++) {
        const decision = decide(snapshot, eventOf('SEND_REMINDER'));
        numbers.push(...effectsOf(decision).map((d) => d.revision));
        snapshot = restoreRequest((decision as Extract<Decision, { ok: true }>).persisted);
      }
      expect(numbers).toEqual([1, 2, 3]);
      for (const state of ['authorized', 'info_requested', 'conditions_proposed', 'executed'] as const) {
        expect({ state, reason: reasonOf(decide(snapshotIn(state), eventOf('SEND_REMINDER'))) }).toEqual({ state, reason: 'invalid_transition' });
      }
      expect(reasonOf(decide(snapshotIn('transmitted'), eventOf('SEND_REMINDER', { actor: ACTORS.creator })))).toBe('forbidden');
    });
  });

  describe('an urgent advance copy, where the route’s instrument allows it', () => {
    it('is recorded with its channel, day and reference, due to be confirmed within the route’s days (UNTOC: 10)', () => {
      const decision = decide(snapshotIn('authorized'), eventOf('RECORD_ADVANCE_COPY', { actor: autoridadGT }));
      if (!decision.ok) throw new Error(decision.reason);
      expect(decision.state).toBe('authorized');
      expect(decision.context.advanceCopy).toEqual({ ...ADVANCE_COPY, recordedAt: AT, confirmBy: '2026-03-11' });
    });

    it('is confirmed by the formal transmission, on either channel', () => {
      const recorded = decide(snapshotIn('authorized'), eventOf('RECORD_ADVANCE_COPY'));
      if (!recorded.ok) throw new Error(recorded.reason);
      const sent = decide(restoreRequest(recorded.persisted), eventOf('TRANSMIT', { at: '2026-03-05T10:00:00.000Z' }));
      if (!sent.ok) throw new Error(sent.reason);
      expect(sent.context.advanceCopy?.confirmedAt).toBe('2026-03-05T10:00:00.000Z');
      const noCopy = decide(snapshotIn('authorized'), eventOf('TRANSMIT'));
      expect(noCopy.ok && noCopy.context.advanceCopy).toBeUndefined();
    });

    it('is refused, naming the field, where no instrument of the route allows it (reciprocity alone), by another channel, twice, or dated ahead', () => {
      const diplomatic = walk(['STANDARDIZE'], start(), DIPLOMATIC);
      expect(gaps(decide(diplomatic, eventOf('RECORD_ADVANCE_COPY', { request: DIPLOMATIC })))).toEqual({
        reason: 'rule_violation',
        missing: [],
        violations: [{ field: 'legalBasis', rule: 'advance_copy_not_allowed' }],
      });
      const snapshot = snapshotIn('pending_authorization');
      expect(gaps(decide(snapshot, eventOf('RECORD_ADVANCE_COPY', { data: { ...ADVANCE_COPY, channel: 'fax', sentOn: '2026-03-03' } })))).toEqual({
        reason: 'rule_violation',
        missing: [],
        violations: [
          { field: 'data.channel', rule: 'one_of:interpol|oral' },
          { field: 'data.sentOn', rule: 'not_in_the_future' },
        ],
      });
      // Sent "on 3 March" recorded at 20:00 on 2 March in Guatemala (3 March in UTC): still ahead there.
      expect(gaps(decide(snapshot, eventOf('RECORD_ADVANCE_COPY', { at: '2026-03-03T02:00:00.000Z', data: { ...ADVANCE_COPY, sentOn: '2026-03-03' } })))).toMatchObject({
        violations: [{ field: 'data.sentOn', rule: 'not_in_the_future' }],
      });
      expect(gaps(decide(snapshot, eventOf('RECORD_ADVANCE_COPY', { data: {} })))).toEqual({
        reason: 'incomplete_request',
        missing: ['data.channel', 'data.sentOn', 'data.reference'],
        violations: [],
      });
      const once = decide(snapshot, eventOf('RECORD_ADVANCE_COPY'));
      if (!once.ok) throw new Error(once.reason);
      expect(gaps(decide(restoreRequest(once.persisted), eventOf('RECORD_ADVANCE_COPY')))).toMatchObject({ reason: 'rule_violation', violations: [{ field: 'advanceCopy', rule: 'already_recorded' }] });
    });

    it('is for urgent circumstances alone: not offered to a request that is not urgent, refused naming urgency.urgent', () => {
      const calm = buildRequestFields({ urgency: { urgent: false } });
      const snapshot = snapshotIn('authorized');
      expect(availableEvents(snapshot, autoridadGT, calm)).toEqual(['TRANSMIT']);
      expect(availableEvents(snapshot, autoridadGT, REQUEST)).toEqual(['TRANSMIT', 'RECORD_ADVANCE_COPY']);
      expect(gaps(decide(snapshot, eventOf('RECORD_ADVANCE_COPY', { request: calm })))).toEqual({
        reason: 'rule_violation',
        missing: [],
        violations: [{ field: 'urgency.urgent', rule: 'advance_copy_only_when_urgent' }],
      });
    });

    it('is no longer possible once transmitted', () => {
      expect(reasonOf(decide(snapshotIn('transmitted'), eventOf('RECORD_ADVANCE_COPY')))).toBe('invalid_transition');
    });
  });

  it('version-2 snapshots stored before step 4 take the follow-up events (the machine stays version 2)', () => {
    const V2 = JSON.parse(readFileSync(new URL('./fixtures/v2-snapshots.json', import.meta.url), 'utf8')) as Record<string, PersistedWorkflow>;
    const v2 = (name: string): RequestSnapshot => restoreRequest(structuredClone(V2[name]));
    const fixtureActor = (role: Role, country: CountryCode) => actor(`a-${country.toLowerCase()}`, role, country);
    expect(REQUEST_MACHINE_VERSION).toBe(2);
    const nassau = v2('GT-MX-nassau/acknowledged');
    const supplement = decide(nassau, eventOf('SEND_SUPPLEMENTARY_REQUEST', { actor: fixtureActor('central_authority', 'GT') }));
    expect(reasonOf(supplement)).toBe('ok -> acknowledged');
    expect(supplement.ok && supplement.persisted.machineVersion).toBe(2);
    expect(reasonOf(decide(nassau, eventOf('SEND_REMINDER', { actor: fixtureActor('central_authority', 'GT') })))).toBe('ok -> acknowledged');
    expect(reasonOf(decide(v2('GT-MX-nassau/postponed'), eventOf('SEND_REMINDER', { actor: fixtureActor('central_authority', 'GT') })))).toBe('ok -> postponed');
    const diplomatic = v2('GT-MX-reciprocity/received_by_requested_cancilleria');
    expect(reasonOf(decide(diplomatic, eventOf('SEND_SUPPLEMENTARY_REQUEST', { actor: fixtureActor('cancilleria', 'GT'), request: DIPLOMATIC })))).toBe(
      'ok -> received_by_requested_cancilleria',
    );
    expect(reasonOf(decide(v2('GT-MX-nassau/authorized'), eventOf('RECORD_ADVANCE_COPY', { actor: fixtureActor('central_authority', 'GT') })))).toBe('ok -> authorized');
  });
});

describe('paths through the machine (xstate/graph)', () => {
  /** One event of each type, sent by the party allowed to, on a complete request. */
  const traversal = {
    input: PARTIES,
    // Both routes: a SUBMIT under reciprocity alone makes the way diplomatic, where the cancillería transmits.
    events: [...REQUEST_EVENT_TYPES.map((type) => eventOf(type)), onRoute(DIPLOMATIC)('SUBMIT'), onRoute(DIPLOMATIC)('TRANSMIT')],
    // The lifecycle state and the route's channel are what matter; revisions and milestones would make every loop a new node.
    serializeState: (snapshot: RequestSnapshot) => `${String(snapshot.value)}/${snapshot.context.route?.channel ?? '-'}`,
  };
  const unique = (states: string[]) => [...new Set(states)].sort();
  const shortestFrom = (fromState?: RequestSnapshot) =>
    getShortestPaths(requestMachine, { ...traversal, ...(fromState ? { fromState } : {}) } as never) as unknown as {
      state: RequestSnapshot;
      steps: { event: RequestEvent; state: RequestSnapshot }[];
    }[];

  it('reaches every state of the machine from a new draft', () => {
    const reached = shortestFrom().map((path) => String(path.state.value));
    expect(unique(reached)).toEqual(Object.keys(requestMachine.states).sort());
  });

  it('reaches every final state: closed, rejected, refused, withdrawn', () => {
    const finals = shortestFrom()
      .filter((path) => path.state.status === 'done')
      .map((path) => String(path.state.value));
    expect(unique(finals)).toEqual([...FINAL_STATES].sort());
  });

  it('has no dead end: from every state that is not final, some path ends in a final state', () => {
    const states = shortestFrom().map((path) => path.state);
    const open = states.filter((s) => s.status !== 'done');
    expect(unique(open.map((s) => String(s.value)))).toEqual(STATES.filter((s) => !FINAL_STATES.includes(s)).sort());
    for (const from of open) {
      const ends = shortestFrom(from)
        .filter((path) => path.state.status === 'done')
        .map((path) => String(path.state.value));
      expect({ from: String(from.value), canEnd: ends.length > 0 }).toEqual({ from: String(from.value), canEnd: true });
    }
  });

  it('never lets a request reach the requested country without the cancillería’s authorization and the transmission its route prescribes', () => {
    const paths = getSimplePaths(requestMachine, traversal as never) as unknown as {
      state: RequestSnapshot;
      steps: { event: RequestEvent; state: RequestSnapshot }[];
    }[];
    const formal = ['transmitted', 'acknowledged', 'info_requested', 'executed', 'closed', 'refused'];
    const reachingFormal = paths.filter((p) => formal.includes(String(p.state.value)));
    expect(reachingFormal.length).toBeGreaterThanOrEqual(formal.length);
    for (const path of reachingFormal) {
      // What counts is the way since the last submission: a request returned for correction and
      // submitted again goes through the cancillería and its route once more.
      const since = path.steps.slice(path.steps.map((s) => s.event.type).lastIndexOf('SUBMIT'));
      const events = since.map((step) => step.event.type);
      const authorize = events.indexOf('AUTHORIZE');
      const transmit = events.indexOf('TRANSMIT');
      expect({ to: path.state.value, ordered: events[0] === 'SUBMIT' && 0 < authorize && authorize < transmit }).toEqual({
        to: path.state.value,
        ordered: true,
      });
      const authorizedBy = path.steps.filter((s) => s.event.type === 'AUTHORIZE').map((s) => `${s.event.actor.role} ${s.event.actor.country}`);
      expect(new Set(authorizedBy)).toEqual(new Set(['cancilleria GT']));
      // Between central authorities the requesting one sends; on the diplomatic channel the cancillería
      // sends and the requested cancillería forwards before the requested central authority has it.
      const sent = since[transmit];
      const channel = sent.state.context.route?.channel;
      expect(`${sent.event.actor.role} ${sent.event.actor.country}`).toBe(channel === 'diplomatic' ? 'cancilleria GT' : 'central_authority GT');
      if (channel === 'diplomatic') {
        expect(events.filter((e) => ['RECORD_RECEIPT', 'FORWARD'].includes(e))).toEqual(['RECORD_RECEIPT', 'FORWARD']);
      }
    }
  });
});

describe('requestStateDiagram', () => {
  it('draws every state and every transition of the contract', () => {
    const diagram = requestStateDiagram();
    expect(diagram.startsWith('stateDiagram-v2\n  [*] --> draft')).toBe(true);
    for (const state of STATES) {
      expect(diagram).toMatch(new RegExp(`^  (${state} --> |.* --> ${state}: )`, 'm'));
      for (const [event, target] of Object.entries(TRANSITIONS[state])) {
        expect(diagram).toContain(`  ${state} --> ${target}: ${event}`);
      }
    }
    for (const state of FINAL_STATES) expect(diagram).toContain(`  ${state} --> [*]`);
  });
});

describe('the document each button will issue', () => {
  it('is read off the transition: AUTHORIZE issues the authorization, TRANSMIT the note, RETURN nothing', () => {
    expect(documentProducedBy('pending_authorization', 'AUTHORIZE')).toBe('authorization');
    expect(documentProducedBy('authorized', 'TRANSMIT')).toBe('transmission_note');
    expect(documentProducedBy('sent_to_requested_cancilleria', 'RECORD_RECEIPT')).toBeNull();
    expect(documentProducedBy('received_by_requested_cancilleria', 'FORWARD')).toBe('forwarding_note');
    expect(documentProducedBy('transmitted', 'ACKNOWLEDGE')).toBe('acknowledgement');
    expect(documentProducedBy('pending_authorization', 'RETURN')).toBeNull();
    expect(documentProducedBy('info_requested', 'SEND_SUPPLEMENTARY_REQUEST')).toBe('supplementary_request');
    expect(documentProducedBy('acknowledged', 'SEND_SUPPLEMENTARY_REQUEST')).toBe('supplementary_request');
    expect(documentProducedBy('transmitted', 'SEND_REMINDER')).toBe('reminder_letter');
    expect(documentProducedBy('authorized', 'RECORD_ADVANCE_COPY')).toBeNull();
    expect(documentProducedBy('no_such_state', 'AUTHORIZE')).toBeNull();
  });
});
