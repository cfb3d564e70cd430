import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CountryCode, Role } from '@enlace/workflows';

/** What can happen to a liaison in the directory. */
export const DIRECTORY_EVENTS = ['NOMINATE', 'AUTHORIZE', 'REVOKE', 'EXPIRE'] as const;
export type DirectoryEvent = (typeof DIRECTORY_EVENTS)[number];

/**
 * A liaison's standing as the directory shows it. `expired` is never stored on the user: it is an
 * `authorized` one whose end date has passed, derived on every read.
 */
export const DIRECTORY_STATUSES = ['nominated', 'authorized', 'revoked', 'expired'] as const;
export type DirectoryStatus = (typeof DIRECTORY_STATUSES)[number];

/** One change of the directory of focal points; append-only, one hash chain for the whole table. */
@Entity({ name: 'directory_history' })
export class DirectoryHistoryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'integer', unique: true })
  seq: number;

  @Column({ type: 'text' })
  event: DirectoryEvent;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'char', length: 2 })
  country: CountryCode;

  /** `none` for someone who was never in the directory. */
  @Column({ name: 'from_status', type: 'text' })
  fromStatus: DirectoryStatus | 'none';

  @Column({ name: 'to_status', type: 'text' })
  toStatus: DirectoryStatus;

  @Column({ name: 'valid_until', type: 'date', nullable: true })
  validUntil: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ name: 'actor_role', type: 'text', nullable: true })
  actorRole: Role | null;

  @Column({ name: 'actor_country', type: 'char', length: 2, nullable: true })
  actorCountry: CountryCode | null;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}
