import { Injectable } from '@nestjs/common';
import { Database, type Transaction } from '../database.js';
import { DocumentEntity, type DocumentRenderTimings } from '../entities/document.entity.js';

/** A document given up after its attempts, as the operator sees it: what and where, never content. */
export interface FailedDocumentRow {
  id: string;
  kind: string;
  revision: number;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  requestId: string;
  reference: string;
  requestingCountry: string;
  requestedCountry: string;
}

export interface NewDocument {
  requestId: string;
  kind: string;
  /** Omitted: the next revision of this kind for the request (the caller holds the request's lock). */
  revision?: number;
  source: Record<string, unknown>;
  issuedAt: Date;
  createdAt: Date;
  /** The issuing office; with `noteYear`, the document takes the next number of its yearly sequence. */
  officeId?: string;
  noteYear?: number;
}

/** Every column of a document row, as DocumentEntity names them. */
const DOCUMENT_COLUMNS = `id, request_id AS "requestId", kind, revision, status, source, issued_at AS "issuedAt", created_at AS "createdAt",
  sha256, content_hash AS "contentHash", storage_key AS "storageKey", size_bytes AS "sizeBytes", attempts, last_error AS "lastError",
  office_id AS "officeId", note_year AS "noteYear", note_number AS "noteNumber", ready_at AS "readyAt"`;

@Injectable()
export class DocumentsRepository {
  constructor(private readonly db: Database) {}

  /** Inserts the pending document, or returns the one that already holds this step and revision. */
  async addPending(tx: Transaction, doc: NewDocument): Promise<DocumentEntity> {
    const rows: DocumentEntity[] = await tx.manager.query(
      `INSERT INTO documents (request_id, kind, revision, status, source, issued_at, created_at, office_id)
       VALUES ($1, $2, COALESCE($3, (SELECT COALESCE(max(revision), 0) + 1 FROM documents WHERE request_id = $1 AND kind = $2)),
               'pending', $4, $5, $6, $7)
       ON CONFLICT (request_id, kind, revision) DO NOTHING RETURNING ${DOCUMENT_COLUMNS}`,
      [doc.requestId, doc.kind, doc.revision ?? null, JSON.stringify(doc.source), doc.issuedAt, doc.createdAt, doc.officeId ?? null],
    );
    if (rows[0]) {
      // The office goes in with the row; a numbered note takes its number afterwards.
      if (doc.officeId && doc.noteYear !== undefined) return this.assignNote(tx, rows[0].id, doc.officeId, doc.noteYear);
      return rows[0];
    }
    return (await tx.manager.getRepository(DocumentEntity).findOneBy({ requestId: doc.requestId, kind: doc.kind, revision: doc.revision }))!;
  }

  /**
   * Records the issuing office and takes the next note number of its year. The sequence row stays
   * locked until the caller's transaction ends: concurrent notes of one office wait their turn, and
   * a rollback returns the number, so numbers are neither repeated nor skipped. Only a new document
   * gets one (a repeated step finds its document and keeps its number). Returns the row as written.
   */
  private async assignNote(tx: Transaction, documentId: string, officeId: string, year: number): Promise<DocumentEntity> {
    const [next]: { last_value: number }[] = await tx.manager.query(
      `INSERT INTO note_sequences (office_id, year, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (office_id, year) DO UPDATE SET last_value = note_sequences.last_value + 1 RETURNING last_value`,
      [officeId, year],
    );
    const [rows]: [DocumentEntity[], number] = await tx.manager.query(
      `UPDATE documents SET office_id = $2, note_year = $3, note_number = $4 WHERE id = $1 RETURNING ${DOCUMENT_COLUMNS}`,
      [documentId, officeId, year, next!.last_value],
    );
    return rows[0]!;
  }

  findById(id: string, tx?: Transaction): Promise<DocumentEntity | null> {
    return this.db.managerOf(tx).getRepository(DocumentEntity).findOneBy({ id });
  }

  listForRequest(requestId: string): Promise<DocumentEntity[]> {
    return this.db
      .managerOf()
      .getRepository(DocumentEntity)
      .find({ where: { requestId }, order: { createdAt: 'ASC', kind: 'ASC', revision: 'ASC' } });
  }

  /** Ready documents whose file hash or content hash is this one. */
  findReadyByHash(hash: string): Promise<DocumentEntity[]> {
    return this.db
      .managerOf()
      .getRepository(DocumentEntity)
      .createQueryBuilder('d')
      .where("d.status = 'ready' AND (d.sha256 = :hash OR d.content_hash = :hash)", { hash })
      .getMany();
  }

  /** The latest ready document of each kind given, for citing it by hash. */
  async latestReady(requestId: string, kinds: string[]): Promise<DocumentEntity[]> {
    return this.db.managerOf().query(
      `SELECT DISTINCT ON (kind) id, kind, revision, sha256, content_hash AS "contentHash", status FROM documents
       WHERE request_id = $1 AND kind = ANY($2) ORDER BY kind, revision DESC`,
      [requestId, kinds],
    );
  }

  async markReady(
    id: string,
    file: { sha256: string; contentHash: string; storageKey: string; sizeBytes: number },
    at: Date,
    timings?: DocumentRenderTimings,
  ): Promise<void> {
    await this.db.managerOf().query(
      `UPDATE documents SET status = 'ready', sha256 = $2, content_hash = $3, storage_key = $4, size_bytes = $5,
         ready_at = $6, last_error = NULL, attempts = attempts + 1, render_timings = $7 WHERE id = $1 AND status <> 'ready'`,
      [id, file.sha256, file.contentHash, file.storageKey, file.sizeBytes, at, timings ? JSON.stringify(timings) : null],
    );
  }

  async recordAttemptError(id: string, error: string): Promise<void> {
    await this.db.managerOf().query(`UPDATE documents SET attempts = attempts + 1, last_error = $2 WHERE id = $1 AND status = 'pending'`, [id, error]);
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.db.managerOf().query(`UPDATE documents SET status = 'failed', last_error = $2 WHERE id = $1 AND status = 'pending'`, [id, error]);
  }

  /** The failed documents of the region, oldest first, and how many there are. */
  async failed(page: { limit: number; offset: number }): Promise<{ rows: FailedDocumentRow[]; total: number }> {
    const manager = this.db.managerOf();
    const [rows, [{ total }]] = await Promise.all([
      manager.query(
        `SELECT d.id, d.kind, d.revision, d.attempts, d.last_error AS "lastError", d.created_at AS "createdAt",
                r.id AS "requestId", r.reference, r.requesting_country AS "requestingCountry", r.requested_country AS "requestedCountry"
         FROM documents d JOIN requests r ON r.id = d.request_id
         WHERE d.status = 'failed' ORDER BY d.created_at, d.id LIMIT $1 OFFSET $2`,
        [page.limit, page.offset],
      ),
      manager.query(`SELECT count(*)::int AS total FROM documents WHERE status = 'failed'`),
    ]);
    return { rows, total };
  }

  /** What a document is and where it stands, with its request's reference (no content). */
  async describe(id: string): Promise<{ kind: string; revision: number; status: string; reference: string } | null> {
    const [row] = await this.db
      .managerOf()
      .query(`SELECT d.kind, d.revision, d.status, r.reference FROM documents d JOIN requests r ON r.id = d.request_id WHERE d.id = $1`, [id]);
    return row ?? null;
  }

  /** A failed document goes back to pending for one more round of attempts. */
  async resetFailed(tx: Transaction, id: string): Promise<boolean> {
    const result: [unknown[], number] = await tx.manager.query(
      `UPDATE documents SET status = 'pending', attempts = 0 WHERE id = $1 AND status = 'failed'`,
      [id],
    );
    return result[1] === 1;
  }
}
