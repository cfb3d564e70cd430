import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { CountryCode, RequestFields, RequestState } from '@enlace/workflows';

@Entity({ name: 'requests' })
@Index('requests_requested_country_state_idx', ['requestedCountry', 'state'])
@Index('requests_requesting_country_state_idx', ['requestingCountry', 'state'])
export class RequestEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', unique: true })
  reference: string;

  @Column({ name: 'requesting_country', type: 'char', length: 2 })
  requestingCountry: CountryCode;

  @Column({ name: 'requested_country', type: 'char', length: 2 })
  requestedCountry: CountryCode;

  @Index('requests_created_by_idx')
  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @Column({ type: 'text' })
  state: RequestState;

  @Column({ type: 'integer' })
  version: number;

  @Column({ name: 'machine_id', type: 'text' })
  machineId: string;

  @Column({ name: 'machine_version', type: 'integer' })
  machineVersion: number;

  @Column({ type: 'jsonb' })
  snapshot: unknown;

  /** The fiscal's content, as the contract names it; read whole, never queried field by field. */
  @Column({ type: 'jsonb' })
  fields: RequestFields;

  @Column({ name: 'shared_at', type: 'timestamptz', nullable: true })
  sharedAt: Date | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'authorized_at', type: 'timestamptz', nullable: true })
  authorizedAt: Date | null;

  @Column({ name: 'transmitted_at', type: 'timestamptz', nullable: true })
  transmittedAt: Date | null;

  /** The note reached the requested cancillería (diplomatic channel). */
  @Column({ name: 'via_cancilleria_at', type: 'timestamptz', nullable: true })
  viaCancilleriaAt: Date | null;

  /** The request reached the requested central authority. */
  @Column({ name: 'received_at', type: 'timestamptz', nullable: true })
  receivedAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
