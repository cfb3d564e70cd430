import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

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

  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('READ COMMITTED', (manager) => work({ manager }));
  }

  /** The manager of the transaction if there is one, else a plain connection. */
  managerOf(tx?: Transaction): EntityManager {
    return tx?.manager ?? this.dataSource.manager;
  }

  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }
}
