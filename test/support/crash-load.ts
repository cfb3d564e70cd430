import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildRequestFields } from '../../templates/testing/request.factory.js';
import { HAPPY_PATH, USERS } from './request-flow.js';
import { call, loginAs } from './service-process.js';
import { withClient } from './test-database.js';

/**
 * A load of clients walking requests from creation to TRANSMIT against a running service, and what
 * the reliability suite checks of the data once the service was killed or stopped under it.
 */
export const CLIENTS = 40;
export const STEPS = HAPPY_PATH.slice(0, 5); // SHARE_DRAFT, STANDARDIZE, SUBMIT, AUTHORIZE, TRANSMIT
/** Each request's documents once it is transmitted: the informal draft twice, the form, the authorization, the note. */
const DOCUMENTS_PER_REQUEST = 5;

export interface Answer {
  client: number;
  step: string;
  status: number;
  /** The Idempotency-Key the call was sent with (for a creation, also its case reference: a marker to look for). */
  key: string;
  requestId?: string;
  /** The version the answer reports (2xx), or the one the call expected (an error). */
  version?: number;
}

/** A client retries every this long while the service does not answer. */
const RETRY_MS = 200;
/** ... and for at most this long, so that a service that never comes back fails the test instead of hanging it. */
const GIVE_UP_MS = 300_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface LoadTarget {
  /** e.g. http://127.0.0.1:24817/api */
  base: string;
  /** The service's database, for the checks. */
  databaseUrl: () => string;
  /** The environment `audit:verify` runs with to reach the same database. */
  auditEnv: Record<string, string>;
  documentsDir: string;
}

/** What a strike sees of the load it runs under. */
export interface RunningLoad {
  answers: Answer[];
  /** Resolves once `n` more calls have been answered (or have failed to be). */
  answered(n: number): Promise<void>;
  /** Resolves once `n` documents of this load are ready; with how many are. */
  ready(n: number): Promise<number>;
}

export class CrashLoad {
  private readonly tokens: Record<string, string> = {};
  /** Calls sent again, under the same key, while the service was not answering. */
  retries = 0;

  constructor(private readonly target: LoadTarget) {}

  sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
    return withClient(this.target.databaseUrl(), async (c) => (await c.query(text, params)).rows as T[]);
  }

  /** Signed in once, before any load: tokens outlive the processes (one secret for all). */
  async signIn(): Promise<void> {
    for (const email of new Set([USERS.fiscalGT, ...STEPS.map((s) => USERS[s.by])])) await this.token(email);
  }

  private async token(email: string): Promise<string> {
    this.tokens[email] ??= await loginAs(this.target.base, email);
    return this.tokens[email];
  }

  /**
   * One call as a careful client makes it, under an Idempotency-Key: no answer (the connection
   * dropped or was refused) and it retries with the same key until the service answers; an error
   * answer (503) wrote nothing, so it retries with a new key. Resolves with the 2xx body, or nothing
   * after any other answer (which the tests show as a wrong one).
   */
  private async send(
    client: number,
    step: string,
    answers: Answer[],
    context: { requestId?: string; version?: number },
    send: (key: string) => ReturnType<typeof call>,
  ): Promise<Record<string, any> | undefined> {
    const started = Date.now();
    let key = randomUUID();
    let unanswered = false;
    for (;;) {
      let status = 0;
      let body: Record<string, any> = {};
      try {
        ({ status, body } = await send(key));
      } catch {
        // no answer: none is a true answer
      }
      const ok = status === 200 || status === 201;
      // A call the service did not answer counts once, however often its client knocked while it was down.
      if (status === 0 && unanswered) this.retries += 1;
      else answers.push({ client, step, status, key, requestId: ok ? (body.id as string) : context.requestId, version: ok ? (body.version as number) : context.version });
      unanswered = status === 0;
      if (ok) return body;
      if (status !== 0 && status !== 503) return undefined;
      if (Date.now() - started > GIVE_UP_MS) {
        answers.push({ client, step, status: -1, key, ...context }); // gave up: shown among the wrong answers
        return undefined;
      }
      if (status === 503) key = randomUUID();
      await pause(RETRY_MS);
    }
  }

  /** One client: creates a request and walks it to TRANSMIT. */
  async walk(client: number, answers: Answer[]): Promise<void> {
    const fiscal = await this.token(USERS.fiscalGT);
    const created = await this.send(client, 'CREATE', answers, {}, (key) =>
      call(this.target.base, 'POST', '/requests', fiscal, buildRequestFields({ caseReference: key }), { 'idempotency-key': key }),
    );
    if (!created) return;
    const requestId = created.id as string;
    let version = created.version as number;
    for (const step of STEPS) {
      const by = await this.token(USERS[step.by]);
      const answer = await this.send(client, step.type, answers, { requestId, version }, (key) =>
        call(this.target.base, 'POST', `/requests/${requestId}/events`, by, { type: step.type, expectedVersion: version }, { 'idempotency-key': key }),
      );
      if (!answer) return;
      version = answer.version as number;
    }
  }

  /** The requests this load made: each client walked its own to TRANSMIT, nobody else. */
  async made(before: Set<string>): Promise<string[]> {
    return (await this.sql<{ id: string }>('SELECT id FROM requests')).map((r) => r.id).filter((id) => !before.has(id));
  }

  async existing(): Promise<Set<string>> {
    return new Set((await this.sql<{ id: string }>('SELECT id FROM requests')).map((r) => r.id));
  }

  async settled(ids: string[], withinMs: number): Promise<number> {
    const started = Date.now();
    for (;;) {
      const [{ pending }] = await this.sql<{ pending: number }>(`SELECT count(*)::int AS pending FROM documents WHERE request_id = ANY($1::uuid[]) AND status = 'pending'`, [ids]);
      if (pending === 0) return Date.now() - started;
      if (Date.now() - started > withinMs) throw new Error(`${pending} documents still pending after ${withinMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /**
   * What the issue asks once a load under blows is over: every call answered 2xx, 503 (which wrote
   * nothing) or not at all; every request walked to TRANSMIT by its own client; then the data.
   */
  async verify({ answers, before }: { answers: Answer[]; before: Set<string> }, settleWithinMs = 300_000) {
    expect(answers.filter((a) => ![0, 200, 201, 503].includes(a.status))).toEqual([]);
    const ids = await this.made(before);
    const readyMs = await this.settled(ids, settleWithinMs);
    const errors = await this.checkErrorsWroteNothing(answers);
    return { requests: ids.length, readyMs, errors, ...(await this.checkData(answers, ids)) };
  }

  /** Everything the issue asks of the data after a crash. */
  async checkData(answers: Answer[], ids: string[]) {
    // Every 2xx answer is in the history: the request is at least at the answered version, and the event is there.
    for (const answer of answers.filter((a) => a.status === 200 || a.status === 201)) {
      const rows = await this.sql<{ event: string }>('SELECT event FROM request_history WHERE request_id = $1', [answer.requestId]);
      expect(rows.map((r) => r.event)).toContain(answer.step);
    }
    const documents = await this.sql<{ request_id: string; kind: string; revision: number; status: string; storage_key: string | null; attempts: number }>(
      'SELECT request_id, kind, revision, status, storage_key, attempts FROM documents WHERE request_id = ANY($1::uuid[])',
      [ids],
    );
    const states = await this.sql<{ state: string }>('SELECT state FROM requests WHERE id = ANY($1::uuid[])', [ids]);
    expect(new Set(states.map((s) => s.state))).toEqual(new Set(['transmitted']));
    expect(documents.filter((d) => d.status !== 'ready')).toEqual([]);
    expect(documents).toHaveLength(ids.length * DOCUMENTS_PER_REQUEST);
    expect(new Set(documents.map((d) => `${d.request_id}/${d.kind}/${d.revision}`)).size).toBe(documents.length);
    // No file without its row (a .partial is a write cut short, never served).
    const keys = new Set(documents.map((d) => d.storage_key));
    const files = readdirSync(this.target.documentsDir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => relative(this.target.documentsDir, join(e.parentPath, e.name)));
    const pdfs = files.filter((f) => f.endsWith('.pdf') && ids.some((id) => f.startsWith(id)));
    expect(pdfs.filter((f) => !keys.has(f))).toEqual([]);
    // Nor a write cut short left behind: the retry that put the document in place cleared it.
    expect(files.filter((f) => f.endsWith('.partial') && ids.some((id) => f.startsWith(id)))).toEqual([]);
    const verify = spawnSync(process.execPath, ['dist/apps/api/src/cli/audit-verify.js'], { env: this.target.auditEnv, encoding: 'utf8', timeout: 240_000 });
    expect([verify.status, verify.stderr]).toEqual([0, '']);
    return {
      documents: documents.length,
      partial: files.filter((f) => f.endsWith('.partial')).length,
      retriedDocuments: documents.filter((d) => d.attempts > 1).length,
    };
  }

  static tally(answers: Answer[]): string {
    return Object.entries(answers.reduce<Record<string, number>>((counts, a) => ({ ...counts, [a.status]: (counts[a.status] ?? 0) + 1 }), {}))
      .map(([status, n]) => `${n} x ${status === '0' ? 'no answer' : status}`)
      .join(', ');
  }

  /**
   * Runs the load while `strike` kills, stops and restarts processes: 40 clients walking requests
   * (each at most `walks` of them), until `strike` is done and each has finished its walk.
   */
  async during(strike: (load: RunningLoad) => Promise<void>, walks = Infinity): Promise<{ answers: Answer[]; before: Set<string>; retries: number }> {
    const before = await this.existing();
    this.retries = 0;
    const answers: Answer[] = [];
    let striking = true;
    const clients = Array.from({ length: CLIENTS }, async (_, client) => {
      for (let walked = 0; walked < walks && (striking || walked === 0); walked++) await this.walk(client, answers);
    });
    const running: RunningLoad = {
      answers,
      answered: async (n) => {
        const target = answers.length + n;
        while (answers.length < target) await pause(10);
      },
      ready: async (n) => {
        for (;;) {
          const [{ ready }] = await this.sql<{ ready: number }>(
            `SELECT count(*)::int AS ready FROM documents WHERE status = 'ready' AND NOT (request_id = ANY($1::uuid[]))`,
            [[...before]],
          );
          if (ready >= n) return ready;
          await pause(100);
        }
      },
    };
    try {
      await strike(running);
    } finally {
      striking = false;
    }
    await Promise.all(clients);
    return { answers, before, retries: this.retries };
  }

  /**
   * An error answer wrote nothing: neither its Idempotency-Key (kept in the change's own transaction)
   * nor, for a creation, a request with its case reference. And a creation answered 201 made one
   * request, however often its client had to retry. Returns how many error answers were checked.
   */
  async checkErrorsWroteNothing(answers: Answer[]): Promise<number> {
    const errors = answers.filter((a) => a.status >= 500);
    const kept = await this.sql<{ key: string }>('SELECT key FROM idempotency_keys WHERE key = ANY($1::text[])', [errors.map((a) => a.key)]);
    expect(kept).toEqual([]);
    const markers = await this.sql<{ marker: string; n: number }>(
      `SELECT fields->>'caseReference' AS marker, count(*)::int AS n FROM requests WHERE fields->>'caseReference' = ANY($1::text[]) GROUP BY 1`,
      [answers.filter((a) => a.step === 'CREATE').map((a) => a.key)],
    );
    const created = new Set(answers.filter((a) => a.step === 'CREATE' && a.status === 201).map((a) => a.key));
    expect(markers.filter((m) => m.n !== 1 || !created.has(m.marker))).toEqual([]);
    expect(markers).toHaveLength(created.size);
    return errors.length;
  }
}
