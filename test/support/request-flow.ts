import type { DocumentItem } from '@enlace/documents';
import type { RequestFields } from '@enlace/workflows';
import { buildRequestFields } from '../../templates/testing/request.factory.js';
import type { CreateRequestDto, ErrorBodyDto, HttpResponse, RequestEventDto } from './api-client.js';
import type { TestApp } from './test-app.js';

export const USERS = {
  fiscalGT: 'fiscal.gt@demo.enlace',
  fiscalMX: 'fiscal.mx@demo.enlace',
  fiscalUS: 'fiscal.us@demo.enlace',
  fiscalHN: 'fiscal.hn@demo.enlace',
  cancilleriaGT: 'cancilleria.gt@demo.enlace',
  cancilleriaHN: 'cancilleria.hn@demo.enlace',
  cancilleriaMX: 'cancilleria.mx@demo.enlace',
  autoridadGT: 'autoridad.gt@demo.enlace',
  autoridadMX: 'autoridad.mx@demo.enlace',
  autoridadUS: 'autoridad.us@demo.enlace',
  supervisorGT: 'supervisor.gt@demo.enlace',
  admin: 'admin@demo.enlace',
} as const;

export type Step = { type: RequestEventDto['type']; by: keyof typeof USERS; comment?: string; data?: RequestEventDto['data'] };

/**
 * The happy path GT -> MX, each step by the user the contract names. The request invokes UNTOC and
 * Nassau, so its route runs between central authorities: Guatemala's central authority transmits
 * (DIPLOMATIC_PATH is the way through the cancillerías).
 */
export const HAPPY_PATH: Step[] = [
  { type: 'SHARE_DRAFT', by: 'fiscalGT' },
  { type: 'STANDARDIZE', by: 'fiscalGT' },
  { type: 'SUBMIT', by: 'fiscalGT' },
  { type: 'AUTHORIZE', by: 'cancilleriaGT' },
  { type: 'TRANSMIT', by: 'autoridadGT' },
  { type: 'ACKNOWLEDGE', by: 'autoridadMX' },
  { type: 'REQUEST_INFO', by: 'autoridadMX', comment: '¿Puede precisar el periodo de los registros bancarios?' },
  { type: 'SUPPLY_INFO', by: 'fiscalGT', comment: 'Del 1 de enero al 31 de diciembre de 2025.' },
  { type: 'RECORD_EXECUTION', by: 'autoridadMX', comment: 'Se remiten los registros certificados.', data: { outcome: 'total' } },
  { type: 'CLOSE', by: 'fiscalGT' },
];

/** From authorization to the requested central authority on the diplomatic channel (letters rogatory). */
export const DIPLOMATIC_TRANSMISSION: Step[] = [
  { type: 'TRANSMIT', by: 'cancilleriaGT' },
  { type: 'RECORD_RECEIPT', by: 'cancilleriaMX' },
  { type: 'FORWARD', by: 'cancilleriaMX' },
];

export interface Flow {
  id: string;
  version: number;
  body: Record<string, unknown>;
}

/** What a call through the typed client answered, shaped like a supertest response for the specs. */
export interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- specs read both success and error bodies
  body: any;
  headers: Record<string, string>;
}

/** Runs a call of the typed client; a refusal (the client throws the response) is an answer too. */
async function answer(call: Promise<HttpResponse<unknown, ErrorBodyDto>>): Promise<Answer> {
  const response = await call.catch((refusal: unknown) => {
    if (refusal instanceof Response) return refusal as HttpResponse<unknown, ErrorBodyDto>;
    throw refusal;
  });
  return { status: response.status, body: response.ok ? response.data : response.error, headers: Object.fromEntries(response.headers.entries()) };
}

export async function createRequest(t: TestApp, overrides: Partial<RequestFields> = {}, by: keyof typeof USERS = 'fiscalGT'): Promise<Flow> {
  const api = await t.api(USERS[by]);
  const fields = buildRequestFields(overrides);
  const response = await answer(api.requests.requestsCreate({ ...fields, requestedCountry: fields.requestedCountry! }));
  if (response.status !== 201) throw new Error(`create: ${response.status} ${JSON.stringify(response.body)}`);
  return { id: response.body.id, version: response.body.version, body: response.body };
}

export async function sendEvent(t: TestApp, flow: Flow, step: Step): Promise<Answer> {
  const api = await t.api(USERS[step.by]);
  const response = await answer(
    api.requests.requestsSend(flow.id, { type: step.type, expectedVersion: flow.version, comment: step.comment, data: step.data }),
  );
  if (response.status === 200) {
    flow.version = response.body.version;
    flow.body = response.body;
  }
  return response;
}

/** Sends these steps in order; all must succeed (the first refusal throws, naming the step and the answer). */
export async function walk(t: TestApp, flow: Flow, steps: readonly Step[]): Promise<Flow> {
  for (const step of steps) {
    const response = await sendEvent(t, flow, step);
    if (response.status !== 200) throw new Error(`${step.type}: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return flow;
}

/** Walks the happy path up to (not including) the step with this event type; all must succeed. */
export async function advanceUntil(t: TestApp, flow: Flow, before: string | null): Promise<Flow> {
  const end = HAPPY_PATH.findIndex((step) => step.type === before);
  return walk(t, flow, end === -1 ? HAPPY_PATH : HAPPY_PATH.slice(0, end));
}


/** Polls the request's documents until none is pending (rendering runs on the queue), or gives up. */
export async function documentsWhenSettled(t: TestApp, requestId: string, by: keyof typeof USERS = 'fiscalGT', timeoutMs = 45_000): Promise<DocumentItem[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await t.http().get(`/api/requests/${requestId}/documents`).set('Authorization', await t.login(USERS[by]));
    const items = response.body as DocumentItem[];
    if (response.status === 200 && items.every((d) => d.status !== 'pending')) return items;
    if (Date.now() > deadline) throw new Error(`Documents still pending: ${JSON.stringify(items)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
