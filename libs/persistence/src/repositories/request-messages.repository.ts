import { Injectable } from '@nestjs/common';
import type { QueryDeepPartialEntity } from 'typeorm';
import type { CountryCode, Role } from '@enlace/workflows';
import { Database, type Transaction } from '../database.js';
import { RequestMessageEntity } from '../entities/request-message.entity.js';

export type NewRequestMessage = Omit<RequestMessageEntity, 'id' | 'carriedAt'>;

/** A message with its author as the directory names them now. */
export interface RequestMessageRecord {
  id: string;
  requestId: string;
  authorId: string;
  authorName: string;
  authorOffice: string | null;
  authorRole: Role;
  authorCountry: CountryCode;
  body: string;
  createdAt: Date;
  carriedAt: Date | null;
}

const COLUMNS = `m.id, m.request_id AS "requestId", m.author_id AS "authorId", u.name AS "authorName", u.office AS "authorOffice",
  m.author_role AS "authorRole", m.author_country AS "authorCountry", m.body, m.created_at AS "createdAt", m.carried_at AS "carriedAt"`;

@Injectable()
export class RequestMessagesRepository {
  constructor(private readonly db: Database) {}

  async insert(tx: Transaction, message: NewRequestMessage): Promise<string> {
    const saved = await tx.manager
      .getRepository(RequestMessageEntity)
      .insert({ ...message, carriedAt: null } as QueryDeepPartialEntity<RequestMessageEntity>);
    return saved.identifiers[0].id as string;
  }

  /** The conversation on one request, oldest first. */
  listForRequest(requestId: string, tx?: Transaction): Promise<RequestMessageRecord[]> {
    return this.db
      .managerOf(tx)
      .query(`SELECT ${COLUMNS} FROM request_messages m JOIN users u ON u.id = m.author_id WHERE m.request_id = $1 ORDER BY m.created_at, m.id`, [
        requestId,
      ]);
  }

  /** The messages not yet carried into the request's form, oldest first; the caller holds the request's lock. */
  uncarried(tx: Transaction, requestId: string): Promise<RequestMessageRecord[]> {
    return tx.manager.query(
      `SELECT ${COLUMNS} FROM request_messages m JOIN users u ON u.id = m.author_id
       WHERE m.request_id = $1 AND m.carried_at IS NULL ORDER BY m.created_at, m.id`,
      [requestId],
    );
  }

  async markCarried(tx: Transaction, ids: string[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    await tx.manager.query('UPDATE request_messages SET carried_at = $2 WHERE id = ANY($1::uuid[]) AND carried_at IS NULL', [ids, at]);
  }
}
