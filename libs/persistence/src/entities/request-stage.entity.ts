import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CountryCode } from '@enlace/workflows';

/**
 * One visit of a request to a stage (a non-final state), from the change that entered it to the one
 * that left it, with the stage's deadline when it has a service level. Written by the runner in the
 * transaction of each change; the truth for deadlines and for the turnaround figures.
 */
@Entity({ name: 'request_stages' })
export class RequestStageEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'request_id', type: 'uuid' })
  requestId: string;

  @Column({ type: 'text' })
  stage: string;

  @Column({ type: 'smallint' })
  visit: number;

  @Column({ name: 'requesting_country', type: 'char', length: 2 })
  requestingCountry: CountryCode;

  @Column({ name: 'requested_country', type: 'char', length: 2 })
  requestedCountry: CountryCode;

  @Column({ type: 'boolean' })
  transmitted: boolean;

  @Column({ name: 'measure_types', type: 'text', array: true })
  measureTypes: string[];

  @Column({ name: 'entered_at', type: 'timestamptz' })
  enteredAt: Date;

  @Column({ name: 'entered_by', type: 'text' })
  enteredBy: string;

  @Column({ name: 'exited_at', type: 'timestamptz', nullable: true })
  exitedAt: Date | null;

  @Column({ name: 'exited_by', type: 'text', nullable: true })
  exitedBy: string | null;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  @Column({ name: 'responsible_country', type: 'char', length: 2, nullable: true })
  responsibleCountry: CountryCode | null;

  @Column({ type: 'text', nullable: true })
  office: string | null;

  @Column({ type: 'text', nullable: true })
  basis: string | null;

  @Column({ type: 'integer', nullable: true })
  days: number | null;

  @Column({ name: 'tightened_by_urgency', type: 'boolean', nullable: true })
  tightenedByUrgency: boolean | null;

  @Column({ name: 'overdue_at', type: 'timestamptz', nullable: true })
  overdueAt: Date | null;
}
