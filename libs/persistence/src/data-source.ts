import { DataSource, type DataSourceOptions } from 'typeorm';
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
import { NoteNumbers1764300001400 } from './migrations/1764300001400-note-numbers.js';

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
export const MIGRATIONS = [InitialSchema1764300000000, Notifications1764300000100, Documents1764300000200, LiaisonDirectory1764300000300, Turnaround1764300000400, TurnaroundRollup1764300000410, TurnaroundGrains1764300000420, IdempotencyAndLeases1764300000520, SessionGeneration1764300000900, SignInThrottle1764300000910, NoteNumbers1764300001400];

/** The schema changes through migrations only, run at start; never `synchronize`. */
export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: true,
    migrationsTransactionMode: 'all',
    synchronize: false,
    logging: ['error'],
    extra: { max: poolSize, application_name: 'enlace' },
  };
}

export const createDataSource = (url: string, poolSize?: number): DataSource =>
  new DataSource(dataSourceOptions(url, poolSize));
