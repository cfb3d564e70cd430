// Nothing waits for a person after a crash: an outbox row claimed by a relay that died is re-sent
// once its lease lapses (seconds), never while a live relay holds it; and a document that cites
// another waits for it without spending its attempts, on Redis and on the PostgreSQL queue backend.
import { DocumentRenderer } from '@enlace/documents';
import { PdfRenderPool, type RenderedDocument } from '@enlace/pdf';
import type { DocumentViewModel } from '@enlace/templates';
import { advanceUntil, createRequest, documentsWhenSettled, sendEvent } from '../support/request-flow.js';
import { redisAvailable } from '../support/services.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const LEASE_MS = 2000;

/** The real renderer, the standardized form made slow: what a loaded render worker does to it. */
class SlowFormRenderer extends DocumentRenderer {
  private readonly real = new PdfRenderPool({ inline: true });
  formDelayMs = 0;
  async render(viewModel: DocumentViewModel): Promise<RenderedDocument> {
    if (viewModel.kind === 'standardized_form') await new Promise((resolve) => setTimeout(resolve, this.formDelayMs));
    return this.real.render(viewModel);
  }
}

const backends = [
  ['Redis', true],
  ['the PostgreSQL queue backend', false],
] as const;

describe.each(backends.filter(([, redis]) => !redis || redisAvailable()))('outbox leases and waits on %s', (_, redis) => {
  const renderer = new SlowFormRenderer();
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      consume: true,
      redis,
      env: { ENLACE_OUTBOX_LEASE_MS: String(LEASE_MS), ENLACE_OUTBOX_SWEEP_MS: '250', ENLACE_JOB_ATTEMPTS: '2', ENLACE_JOB_BACKOFF_MS: '20' },
      overrides: [{ provide: DocumentRenderer, useValue: renderer }],
    });
  }, 60_000);
  afterAll(() => t?.close());

  /** A render of the request's informal draft (a new revision), its outbox row as a relay left it. */
  async function claimedRender(requestId: string, leaseFor: string): Promise<{ documentId: string; outboxId: string }> {
    const [document] = await t.sql<{ id: string }>(
      `INSERT INTO documents (request_id, kind, revision, status, source, issued_at, created_at, attempts)
       SELECT request_id, kind, revision + 1, 'pending', source, now(), now(), 0 FROM documents
       WHERE request_id = $1 AND kind = 'informal_draft' ORDER BY revision DESC LIMIT 1 RETURNING id`,
      [requestId],
    );
    const [outbox] = await t.sql<{ id: string }>(
      `INSERT INTO outbox (request_id, job, payload, created_at, dispatched_at, dispatch_count, lease_until)
       VALUES ($1, 'render-document', $2, now(), now(), 1, now() + $3::interval) RETURNING id`,
      [requestId, { documentId: document.id }, leaseFor],
    );
    return { documentId: document.id, outboxId: outbox.id };
  }

  const statusOf = async (documentId: string) => (await t.sql<{ status: string }>('SELECT status FROM documents WHERE id = $1', [documentId]))[0].status;

  it('leaves a row alone while a live relay holds its lease, and re-sends it within seconds once the lease lapses', async () => {
    const flow = await createRequest(t);
    expect((await sendEvent(t, flow, { type: 'SHARE_DRAFT', by: 'fiscalGT' })).status).toBe(200);
    await documentsWhenSettled(t, flow.id);
    const held = await claimedRender(flow.id, '1 hour');
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(await statusOf(held.documentId)).toBe('pending');

    // The relay that claimed it died: its lease runs out LEASE_MS after its last heartbeat.
    const dead = await claimedRender(flow.id, `${LEASE_MS} milliseconds`);
    const claimedAt = Date.now();
    let readyMs = 0;
    for (;;) {
      if ((await statusOf(dead.documentId)) === 'ready') {
        readyMs = Date.now() - claimedAt;
        break;
      }
      if (Date.now() - claimedAt > LEASE_MS + 10_000) throw new Error('Not re-sent within the lease + 10 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    console.log(`${_}: a row claimed by a dead relay (lease ${LEASE_MS} ms) was ready ${readyMs} ms after its claim`);
    expect(readyMs).toBeGreaterThanOrEqual(LEASE_MS - 200);
    const [row] = await t.sql<{ dispatch_count: number; lease_until: Date | null; enqueued_at: Date | null }>(
      'SELECT dispatch_count, lease_until, enqueued_at FROM outbox WHERE id = $1',
      [dead.outboxId],
    );
    expect(row).toMatchObject({ dispatch_count: 2, lease_until: null });
    expect(row.enqueued_at).not.toBeNull();
    expect(await statusOf(held.documentId)).toBe('pending');
    await t.sql('UPDATE outbox SET lease_until = now() WHERE id = $1', [held.outboxId]);
  }, 60_000);

  it('lets the authorization and the transmission note wait for a slow standardized form without spending their 2 attempts', async () => {
    renderer.formDelayMs = 3000;
    try {
      const flow = await createRequest(t);
      await advanceUntil(t, flow, 'TRANSMIT');
      expect((await sendEvent(t, flow, { type: 'TRANSMIT', by: 'autoridadGT' })).status).toBe(200);
      const documents = await documentsWhenSettled(t, flow.id, 'fiscalGT', 60_000);
      expect(documents.map((d) => `${d.kind}:${d.status}`)).toEqual([
        'informal_draft:ready',
        'informal_draft:ready',
        'standardized_form:ready',
        'authorization:ready',
        'transmission_note:ready',
      ]);
      const attempts = await t.sql<{ kind: string; attempts: number; last_error: string | null }>(
        `SELECT kind, attempts, last_error FROM documents WHERE request_id = $1 AND kind IN ('authorization', 'transmission_note') ORDER BY kind`,
        [flow.id],
      );
      // Rendered on the first attempt, after waiting: no failure was recorded.
      expect(attempts).toEqual([
        { kind: 'authorization', attempts: 1, last_error: null },
        { kind: 'transmission_note', attempts: 1, last_error: null },
      ]);
    } finally {
      renderer.formDelayMs = 0;
    }
  }, 90_000);
});
