import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DATABASE_TIMEOUT, withDeadline } from '@enlace/core';

/**
 * A unit of work handed down explicitly (vendure's TransactionalConnection): services pass it to
 * repositories and never see the EntityManager inside.
 */
export interface Transaction {
  readonly manager: EntityManager;
}

@Injectable()
export class Database {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * READ COMMITTED: every connection's default, set when it connects (`dataSourceOptions`), so that
   * opening a transaction is one round trip (an explicit level made TypeORM send a SET after BEGIN).
   */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work({ manager }));
  }

  /** The manager of the transaction if there is one, else a plain connection. */
  managerOf(tx?: Transaction): EntityManager {
    return tx?.manager ?? this.dataSource.manager;
  }

  /** Whether PostgreSQL answers within `timeoutMs`; throws if not. */
  async ping(timeoutMs = 5000): Promise<void> {
    await withDeadline(this.dataSource.query('SELECT 1'), timeoutMs, DATABASE_TIMEOUT, `PostgreSQL did not answer within ${timeoutMs} ms`);
  }
}
