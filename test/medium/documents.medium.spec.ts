import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentRenderer, RenderDocumentHandler } from '@enlace/documents';
import { OutboxRepository } from '@enlace/persistence';
import { PdfRenderPool, type RenderedDocument } from '@enlace/pdf';
import type { DocumentViewModel } from '@enlace/templates';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { USERS, createRequest, documentsWhenSettled, sendEvent } from '../support/request-flow.js';
import { redisAvailable } from '../support/services.js';
import { buildOnce } from '../support/build.js';

/** The real renderer, made to fail on demand: what a broken font or template would do. */
class FailingRenderer extends DocumentRenderer {
  failing = true;
  calls = 0;
  private readonly real = new PdfRenderPool({ inline: true });

  async render(viewModel: DocumentViewModel): Promise<RenderedDocument> {
    this.calls += 1;
    if (this.failing) throw new Error('Font table corrupt (simulated)');
    return this.real.render(viewModel);
  }
}

const filesUnder = (dir: string): string[] =>
  existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name) : [];

const describeWithRedis = redisAvailable() ? describe : describe.skip;

describeWithRedis('rendering documents on real PostgreSQL and Redis', () => {
  describe('idempotence', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ consume: true, redis: true });
    });
    afterAll(() => t.close());

    it('a job processed twice (and concurrently) stores one document', async () => {
      const flow = await createRequest(t);
      expect((await sendEvent(t, flow, { type: 'SHARE_DRAFT', by: 'fiscalGT' })).status).toBe(200);
      const [outbox] = await t.sql<{ id: string }>(`SELECT id FROM outbox WHERE job = 'render-document' AND request_id = $1`, [flow.id]);
      const row = (await t.app.get(OutboxRepository).findById(outbox.id))!;
      const handler = t.app.get(RenderDocumentHandler);
      // The queue's own run races with two more.
      await Promise.all([handler.handle(row), handler.handle(row)]);
      await handler.handle(row);
      const documents = await documentsWhenSettled(t, flow.id);
      expect(documents).toHaveLength(1);
      expect(documents[0]).toMatchObject({ kind: 'informal_draft', revision: 1, status: 'ready' });
      expect(filesUnder(join(t.config.documentsDir, flow.id))).toEqual([`informal_draft-r1-${documents[0].sha256}.pdf`]);
    });
  });

  describe('a renderer that fails', () => {
    const renderer = new FailingRenderer();
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({
        consume: true,
        redis: true,
        env: { ENLACE_JOB_ATTEMPTS: '3', ENLACE_JOB_BACKOFF_MS: '20' },
        overrides: [{ provide: DocumentRenderer, useValue: renderer }],
      });
    });
    afterAll(() => t.close());

    it('leaves the document failed after the retries, and a supervisor re-queues it to ready', async () => {
      const flow = await createRequest(t);
      expect((await sendEvent(t, flow, { type: 'SHARE_DRAFT', by: 'fiscalGT' })).status).toBe(200);
      const [failed] = await documentsWhenSettled(t, flow.id);
      expect(failed.status).toBe('failed');
      expect(renderer.calls).toBe(3);
      const [row] = await t.sql<{ attempts: number; last_error: string }>('SELECT attempts, last_error FROM documents WHERE id = $1', [failed.id]);
      expect(row).toEqual({ attempts: 3, last_error: 'Font table corrupt (simulated)' });

      const fiscal = await t.login(USERS.fiscalGT);
      const supervisor = await t.login(USERS.supervisorGT);
      expect((await t.http().post(`/api/documents/${failed.id}/retry`).set('Authorization', fiscal)).status).toBe(403);
      expect((await t.http().post(`/api/documents/${failed.id}/retry`).set('Authorization', await t.login(USERS.fiscalUS))).status).toBe(404);

      renderer.failing = false;
      const retried = await t.http().post(`/api/documents/${failed.id}/retry`).set('Authorization', supervisor).expect(202);
      expect(retried.body).toMatchObject({ id: failed.id, status: 'pending' });
      const [ready] = await documentsWhenSettled(t, flow.id);
      expect(ready).toMatchObject({ id: failed.id, status: 'ready', revision: 1 });
      expect(ready.sha256).toMatch(/^[0-9a-f]{64}$/);
      const again = await t.http().post(`/api/documents/${failed.id}/retry`).set('Authorization', supervisor);
      expect([again.status, again.body.error]).toEqual([409, 'invalid_transition']);
    });
  });

  describe('a worker killed mid-job', () => {
    let t: TestApp;
    const workers: ChildProcess[] = [];
    beforeAll(async () => {
      await buildOnce();
      // The API alone; the documents are rendered by separate worker processes, as in production.
      t = await startTestApp({ consume: false, redis: true });
    });
    afterAll(async () => {
      for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
      await t.close();
    });

    const startWorker = () => {
      const child = spawn(process.execPath, ['dist/apps/worker/src/main.js'], {
        env: {
          PATH: process.env.PATH,
          DATABASE_URL: t.config.databaseUrl,
          REDIS_URL: t.config.redisUrl,
          ENLACE_TOKEN_SECRET: t.config.tokenSecret,
          ENLACE_QUEUE_PREFIX: t.config.queuePrefix,
          ENLACE_DOCUMENTS_DIR: t.config.documentsDir,
          ENLACE_SEAL_DIR: t.config.seal.dir,
          ENLACE_LOG_LEVEL: 'error',
        } as NodeJS.ProcessEnv,
        stdio: 'ignore',
      });
      workers.push(child);
      return child;
    };

    it('yields every document exactly once after a restart', async () => {
      const flows = [];
      for (let i = 0; i < 12; i++) {
        const flow = await createRequest(t);
        expect((await sendEvent(t, flow, { type: 'SHARE_DRAFT', by: 'fiscalGT' })).status).toBe(200);
        flows.push(flow);
      }
      const first = startWorker();
      // Kill it as soon as it has finished some documents, in the middle of the others.
      for (let i = 0; i < 300; i++) {
        const [{ ready }] = await t.sql<{ ready: number }>(`SELECT count(*)::int AS ready FROM documents WHERE status = 'ready'`);
        if (ready >= 2) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      first.kill('SIGKILL');
      await new Promise((resolve) => first.once('exit', resolve));
      const [{ ready: beforeRestart }] = await t.sql<{ ready: number }>(`SELECT count(*)::int AS ready FROM documents WHERE status = 'ready'`);
      expect(beforeRestart).toBeLessThan(12);

      startWorker();
      for (const flow of flows) {
        const documents = await documentsWhenSettled(t, flow.id, 'fiscalGT', 90_000);
        expect(documents.map((d) => `${d.kind}:${d.revision}:${d.status}`)).toEqual(['informal_draft:1:ready']);
        expect(filesUnder(join(t.config.documentsDir, flow.id))).toHaveLength(1);
      }
      const [{ documents, distinct }] = await t.sql<{ documents: number; distinct: number }>(
        'SELECT count(*)::int AS documents, count(DISTINCT (request_id, kind, revision))::int AS distinct FROM documents',
      );
      expect({ documents, distinct }).toEqual({ documents: 12, distinct: 12 });
    }, 150_000);
  });
});
