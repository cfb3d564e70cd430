import { DataSource, type DataSourceOptions } from 'typeorm';
import type { DatabaseBounds } from '@enlace/config';
import { boundedPoolOptions } from './bounded-client.js';
import { CountryEntity } from './entities/country.entity.js';
import { HistoryEntity } from './entities/history.entity.js';
import { OutboxEntity } from './entities/outbox.entity.js';
import { ReferenceSequenceEntity } from './entities/reference-sequence.entity.js';
import { RequestEntity } from './entities/request.entity.js';
import { UserEntity } from './entities/user.entity.js';
import { InitialSchema1764300000000 } from './migrations/1764300000000-initial-schema.js';
import { Notifications1764300000100 } from './migrations/1764300000100-notifications.js';
import { NotificationEntity } from './entities/notification.entity.js';
import { DocumentEntity } from './entities/document.entity.js';
import { Documents1764300000200 } from './migrations/1764300000200-documents.js';
import { DirectoryHistoryEntity } from './entities/directory-history.entity.js';
import { RequestMessageEntity } from './entities/request-message.entity.js';
import { LiaisonDirectory1764300000300 } from './migrations/1764300000300-liaison-directory.js';
import { RequestStageEntity } from './entities/request-stage.entity.js';
import { Turnaround1764300000400 } from './migrations/1764300000400-turnaround.js';
import { TurnaroundRollup1764300000410 } from './migrations/1764300000410-turnaround-rollup.js';
import { TurnaroundGrains1764300000420 } from './migrations/1764300000420-turnaround-grains.js';
import { IdempotencyAndLeases1764300000520 } from './migrations/1764300000520-idempotency-and-leases.js';
import { SessionGeneration1764300000900 } from './migrations/1764300000900-session-generation.js';
import { SignInThrottle1764300000910 } from './migrations/1764300000910-sign-in-throttle.js';
import { AccessLog1764300001920 } from './migrations/1764300001920-access-log.js';
import { Accounts1764300001930 } from './migrations/1764300001930-accounts.js';
import { NoteNumbers1764300001400 } from './migrations/1764300001400-note-numbers.js';
import { Annexes1764300002410 } from './migrations/1764300002410-annexes.js';
import { RouteMilestones1764300001940 } from './migrations/1764300001940-route-milestones.js';
import { SharedRequestsIndex1764300002500 } from './migrations/1764300002500-shared-requests-index.js';
import { WorkQueueIndex1764300002510 } from './migrations/1764300002510-work-queue-index.js';
import { WorkQueueCoveringIndex1764300002520 } from './migrations/1764300002520-work-queue-covering-index.js';
import { Cases1764300002600 } from './migrations/1764300002600-cases.js';
import { TitleSearchIndex1764300002610 } from './migrations/1764300002610-title-search-index.js';
import { TurnaroundBuckets1764300002700 } from './migrations/1764300002700-turnaround-buckets.js';
import { DocumentRenderTimings1764300002810 } from './migrations/1764300002810-document-render-timings.js';
import { OpenVisitsMeasures1764300002900 } from './migrations/1764300002900-open-visits-measures.js';
import { OpenVisitsRollup1764300003000 } from './migrations/1764300003000-open-visits-rollup.js';
import { ReadyFigures1764300003100 } from './migrations/1764300003100-ready-figures.js';
import { ReadyAnswerKinds1764300003200 } from './migrations/1764300003200-ready-answer-kinds.js';

export const ENTITIES = [
  CountryEntity,
  UserEntity,
  RequestEntity,
  HistoryEntity,
  OutboxEntity,
  ReferenceSequenceEntity,
  NotificationEntity,
  DocumentEntity,
  DirectoryHistoryEntity,
  RequestMessageEntity,
  RequestStageEntity,
];
export const MIGRATIONS = [InitialSchema1764300000000, Notifications1764300000100, Documents1764300000200, LiaisonDirectory1764300000300, Turnaround1764300000400, TurnaroundRollup1764300000410, TurnaroundGrains1764300000420, IdempotencyAndLeases1764300000520, SessionGeneration1764300000900, SignInThrottle1764300000910, NoteNumbers1764300001400, AccessLog1764300001920, Accounts1764300001930, RouteMilestones1764300001940, Annexes1764300002410, SharedRequestsIndex1764300002500, WorkQueueIndex1764300002510, WorkQueueCoveringIndex1764300002520, Cases1764300002600, TitleSearchIndex1764300002610, TurnaroundBuckets1764300002700, DocumentRenderTimings1764300002810, OpenVisitsMeasures1764300002900, OpenVisitsRollup1764300003000, ReadyFigures1764300003100, ReadyAnswerKinds1764300003200];

/**
 * The schema changes through migrations only, run at start; never `synchronize`. `bounds`: the waits
 * of a serving process (API, worker); a CLI that runs long statements on purpose (the synthetic seed)
 * goes without.
 */
export function dataSourceOptions(url: string, poolSize = 10, bounds?: DatabaseBounds): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: true,
    migrationsTransactionMode: 'all',
    synchronize: false,
    // A failed query reaches its caller: a real error is logged once with its stack by the HTTP error
    // filter or the job's failure; a database that is down, once by the dependency monitor.
    logging: false,
    // Transactions run READ COMMITTED whatever the server's default (see Database.transaction).
    extra: { max: poolSize, application_name: 'enlace', options: '-c default_transaction_isolation=read\\ committed', ...(bounds && boundedPoolOptions(bounds)) },
    // A client dropped while idle (a PostgreSQL restart, a bounded query given up) is replaced by the
    // pool; the dependency monitor says once that PostgreSQL is down, rather than a line per client.
    poolErrorHandler: () => undefined,
  };
}

export const createDataSource = (url: string, poolSize?: number, bounds?: DatabaseBounds): DataSource =>
  new DataSource(dataSourceOptions(url, poolSize, bounds));
