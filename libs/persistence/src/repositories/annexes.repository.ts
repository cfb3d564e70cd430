import { Injectable } from '@nestjs/common';
import { Database, type Transaction } from '../database.js';

export interface AnnexRow {
  id: string;
  requestId: string;
  kind: string;
  language: string;
  description: string;
  filename: string;
  mediaType: string;
  sha256: string;
  sizeBytes: number;
  storageKey: string;
  uploadedBy: string;
  createdAt: Date;
}

export type NewAnnex = Omit<AnnexRow, 'id'>;

const COLUMNS = `id, request_id AS "requestId", kind, language, description, filename, media_type AS "mediaType", sha256,
  size_bytes AS "sizeBytes", storage_key AS "storageKey", uploaded_by AS "uploadedBy", created_at AS "createdAt"`;

@Injectable()
export class AnnexesRepository {
  constructor(private readonly db: Database) {}

  async countFor(tx: Transaction, requestId: string): Promise<number> {
    const [row]: { n: number }[] = await tx.manager.query('SELECT count(*)::int AS n FROM annexes WHERE request_id = $1', [requestId]);
    return row!.n;
  }

  /** The languages of a request's annexes of one kind (the certified translations it carries), within the event's transaction. */
  async languagesOf(tx: Transaction, requestId: string, kind: string): Promise<string[]> {
    const rows: { language: string }[] = await tx.manager.query('SELECT DISTINCT language FROM annexes WHERE request_id = $1 AND kind = $2 ORDER BY language', [requestId, kind]);
    return rows.map((r) => r.language);
  }

  /** The new annex, or null when the request already holds this file. */
  async add(tx: Transaction, annex: NewAnnex): Promise<AnnexRow | null> {
    const rows: AnnexRow[] = await tx.manager.query(
      `INSERT INTO annexes (request_id, kind, language, description, filename, media_type, sha256, size_bytes, storage_key, uploaded_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (request_id, sha256) DO NOTHING RETURNING ${COLUMNS}`,
      [annex.requestId, annex.kind, annex.language, annex.description, annex.filename, annex.mediaType, annex.sha256, annex.sizeBytes, annex.storageKey, annex.uploadedBy, annex.createdAt],
    );
    return rows[0] ?? null;
  }

  /** The annexes of a request as they stood at `asOf` (a document lists those attached before it). */
  listFor(requestId: string, asOf?: Date): Promise<AnnexRow[]> {
    return this.db
      .managerOf()
      .query(`SELECT ${COLUMNS} FROM annexes WHERE request_id = $1 AND ($2::timestamptz IS NULL OR created_at <= $2) ORDER BY created_at, id`, [requestId, asOf ?? null]);
  }

  async findById(id: string): Promise<AnnexRow | null> {
    const rows: AnnexRow[] = await this.db.managerOf().query(`SELECT ${COLUMNS} FROM annexes WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  findBySha256(sha256: string): Promise<AnnexRow[]> {
    return this.db.managerOf().query(`SELECT ${COLUMNS} FROM annexes WHERE sha256 = $1 ORDER BY created_at`, [sha256]);
  }
}
