import { spawnSync } from 'node:child_process';
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
  requestId?: string;
  /** The version the answer reports (2xx), or the one the call expected (an error). */
  version?: number;
}

export interface LoadTarget {
  /** e.g. http://127.0.0.1:24817/api */
  base: string;
  /** The service's database, for the checks. */
  databaseUrl: () => string;
  /** The environment `audit:verify` runs with to reach the same database. */
  auditEnv: Record<string, string>;
  documentsDir: string;
}

export class CrashLoad {
  private readonly tokens: Record<string, string> = {};

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

  /** One client: creates a request and walks it to TRANSMIT, stopping at the first call not answered 2xx. */
  async walk(client: number, answers: Answer[]): Promise<void> {
    let requestId: string | undefined;
    let version = 0;
    const attempt = async (step: string, send: () => ReturnType<typeof call>) => {
      try {
        const response = await send();
        const ok = response.status === 200 || response.status === 201;
        if (ok) {
          requestId = response.body.id as string;
          version = response.body.version as number;
        }
        answers.push({ client, step, status: response.status, requestId, version });
        return ok;
      } catch {
        answers.push({ client, step, status: 0, requestId, version }); // no answer: none is a true answer
        return false;
      }
    };
    if (!(await attempt('CREATE', async () => call(this.target.base, 'POST', '/requests', await this.token(USERS.fiscalGT), buildRequestFields())))) return;
    for (const step of STEPS) {
      const by = await this.token(USERS[step.by]);
      if (!(await attempt(step.type, () => call(this.target.base, 'POST', `/requests/${requestId}/events`, by, { type: step.type, expectedVersion: version })))) return;
    }
  }

  /**
   * After the stop: every request this test made (those whose creation was never answered too) walked
   * on to TRANSMIT from where its history says it stands.
   */
  async finish(before: Set<string>): Promise<string[]> {
    const ids = (await this.sql<{ id: string }>('SELECT id FROM requests')).map((r) => r.id).filter((id) => !before.has(id));
    await Promise.all(
      ids.map(async (id) => {
        for (;;) {
          const done = new Set((await this.sql<{ event: string }>('SELECT event FROM request_history WHERE request_id = $1', [id])).map((r) => r.event));
          const step = STEPS.find((s) => !done.has(s.type));
          if (!step) return;
          const [{ version }] = await this.sql<{ version: number }>('SELECT version FROM requests WHERE id = $1', [id]);
          const response = await call(this.target.base, 'POST', `/requests/${id}/events`, await this.token(USERS[step.by]), { type: step.type, expectedVersion: version });
          if (response.status !== 200) throw new Error(`${step.type} after the restart: ${response.status} ${JSON.stringify(response.body)}`);
        }
      }),
    );
    return ids;
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
    const verify = spawnSync(process.execPath, ['dist/apps/api/src/cli/audit-verify.js'], { env: this.target.auditEnv, encoding: 'utf8', timeout: 60_000 });
    expect([verify.status, verify.stderr]).toEqual([0, '']);
    return {
      documents: documents.length,
      partial: files.filter((f) => f.endsWith('.partial')).length,
      retriedDocuments: documents.filter((d) => d.attempts > 1).length,
    };
  }

  static tally(answers: Answer[]): string {
    return (
    Object.entries(
      answers.reduce<Record<string, number>>((counts, a) => ({ ...counts, [a.status]: (counts[a.status] ?? 0) + 1 }), {}),
    )
      .map(([status, n]) => `${n} x ${status === '0' ? 'no answer' : status}`)
      .join(', '));
  }

  /** Runs the load, and `strike` once `after` answers have come back. */
  async underLoad(after: number, strike: () => Promise<void>): Promise<{ answers: Answer[]; before: Set<string> }> {
    const before = await this.existing();
    const answers: Answer[] = [];
    let struck: Promise<void> | undefined;
    const watcher = setInterval(() => {
      if (!struck && answers.length >= after) struck = strike();
    }, 10);
    await Promise.all(Array.from({ length: CLIENTS }, (_, client) => this.walk(client, answers)));
    clearInterval(watcher);
    struck ??= strike();
    await struck;
    return { answers, before };
  }

}
