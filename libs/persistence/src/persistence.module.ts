import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Database } from './database.js';
import type { DatabaseBounds } from '@enlace/config';
import { dataSourceOptions } from './data-source.js';
import { HistoryRepository } from './repositories/history.repository.js';
import { DocumentsRepository } from './repositories/documents.repository.js';
import { AnnexesRepository } from './repositories/annexes.repository.js';
import { NotificationsRepository } from './repositories/notifications.repository.js';
import { OutboxRepository } from './repositories/outbox.repository.js';
import { RequestsRepository } from './repositories/requests.repository.js';
import { DirectoryHistoryRepository } from './repositories/directory-history.repository.js';
import { LiaisonDirectoryRepository } from './repositories/liaison-directory.repository.js';
import { RequestMessagesRepository } from './repositories/request-messages.repository.js';
import { CountriesRepository, UsersRepository } from './repositories/users.repository.js';
import { StagesRepository } from './repositories/stages.repository.js';
import { TurnaroundRepository } from './repositories/turnaround.repository.js';
import { ReadyFiguresRepository } from './repositories/ready-figures.repository.js';
import { SyntheticDataRepository } from './repositories/synthetic.repository.js';
import { IdempotencyRepository } from './repositories/idempotency.repository.js';
import { SignInThrottleRepository } from './repositories/sign-in-throttle.repository.js';
import { AccessLogRepository } from './repositories/access-log.repository.js';
import { AccountsRepository } from './repositories/accounts.repository.js';
import { CasesRepository } from './repositories/cases.repository.js';

const REPOSITORIES = [
  Database,
  RequestsRepository,
  HistoryRepository,
  OutboxRepository,
  UsersRepository,
  CountriesRepository,
  NotificationsRepository,
  DocumentsRepository,
  AnnexesRepository,
  DirectoryHistoryRepository,
  LiaisonDirectoryRepository,
  RequestMessagesRepository,
  StagesRepository,
  TurnaroundRepository,
  ReadyFiguresRepository,
  SyntheticDataRepository,
  IdempotencyRepository,
  SignInThrottleRepository,
  AccessLogRepository,
  AccountsRepository,
  CasesRepository,
];

@Global()
@Module({})
export class PersistenceModule {
  static forRoot(databaseUrl: string, options: { poolSize?: number; bounds?: DatabaseBounds } = {}): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [TypeOrmModule.forRoot(dataSourceOptions(databaseUrl, options.poolSize, options.bounds))],
      providers: REPOSITORIES,
      exports: REPOSITORIES,
    };
  }
}
