import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { startTestApp, type TestApp } from '../support/test-app.js';

const run = promisify(execFile);
type Operation = { summary?: string; operationId?: string; security?: unknown[]; responses: Record<string, { content?: Record<string, { schema?: unknown }> }> };

/** The OpenAPI document other systems generate their clients from (as the e2e tests do theirs). */
describe('the OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('is the one committed in apps/api/openapi.json (run `npm run openapi` after changing a route or a DTO)', async () => {
    const served = await t.http().get('/api/docs/openapi.json').expect(200);
    expect(served.body).toEqual(JSON.parse(readFileSync('apps/api/openapi.json', 'utf8')));
  });

  it('declares for every operation a summary, its success with a schema, and its errors with the error body', () => {
    const document = JSON.parse(readFileSync('apps/api/openapi.json', 'utf8')) as { paths: Record<string, Record<string, Operation>>; servers: unknown[] };
    expect(document.servers.length).toBeGreaterThan(0);
    const gaps: string[] = [];
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const where = `${method.toUpperCase()} ${path}`;
        if (!operation.summary) gaps.push(`${where}: no summary`);
        if (!Array.isArray(operation.security)) gaps.push(`${where}: security not said`);
        const success = Object.entries(operation.responses).filter(([status]) => status.startsWith('2'));
        // A 204 (a logout) says by its status that there is no body.
        const noContent = success.some(([status]) => status === '204');
        if (!noContent && !success.some(([, r]) => Object.values(r.content ?? {}).some((c) => c.schema))) gaps.push(`${where}: no success schema`);
        const errors = Object.entries(operation.responses).filter(([status]) => /^[45]/.test(status));
        if (errors.length === 0) gaps.push(`${where}: no error response`);
        for (const [status, response] of errors) {
          if (JSON.stringify(response.content) !== JSON.stringify({ 'application/json': { schema: { $ref: '#/components/schemas/ErrorBodyDto' } } })) {
            gaps.push(`${where} ${status}: not the error body`);
          }
        }
      }
    }
    expect(gaps).toEqual([]);
  });

  it('passes `redocly lint` with the recommended rules, offline', async () => {
    const { stdout, stderr } = await run(
      'node_modules/.bin/redocly',
      ['lint', 'apps/api/openapi.json', '--extends', 'recommended', '--format', 'json'],
      { env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' }, maxBuffer: 16 * 1024 * 1024 },
    ).catch((failure: { stdout: string; stderr: string }) => failure);
    const report = JSON.parse(stdout) as { totals: { errors: number; warnings: number }; problems: { ruleId: string; severity: string; message: string }[] };
    expect({ errors: report.problems.filter((p) => p.severity === 'error'), stderr: stderr.includes('Error') ? stderr : '' }).toEqual({ errors: [], stderr: '' });
    expect(report.totals.errors).toBe(0);
  }, 120_000);
});
