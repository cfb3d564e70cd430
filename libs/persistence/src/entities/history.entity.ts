import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { CountryCode, Role } from '@enlace/workflows';

/** One row per change of a request, append-only and hash-chained per request. */
@Entity({ name: 'request_history' })
@Index('request_history_request_seq_key', ['requestId', 'seq'], { unique: true })
export class HistoryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'request_id', type: 'uuid' })
  requestId: string;

  @Column({ type: 'integer' })
  seq: number;

  @Column({ type: 'text' })
  event: string;

  @Column({ name: 'from_state', type: 'text', nullable: true })
  fromState: string | null;

  @Column({ name: 'to_state', type: 'text' })
  toState: string;

  @Column({ name: 'actor_id', type: 'uuid' })
  actorId: string;

  @Column({ name: 'actor_role', type: 'text' })
  actorRole: Role;

  @Column({ name: 'actor_country', type: 'char', length: 2, nullable: true })
  actorCountry: CountryCode | null;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ type: 'jsonb', nullable: true })
  data: Record<string, unknown> | null;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}
