import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CountryCode, Role } from '@enlace/workflows';

/** One message of the informal channel about a shared draft; never changed once written. */
@Entity({ name: 'request_messages' })
export class RequestMessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'request_id', type: 'uuid' })
  requestId: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @Column({ name: 'author_role', type: 'text' })
  authorRole: Role;

  @Column({ name: 'author_country', type: 'char', length: 2 })
  authorCountry: CountryCode;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** When it was carried into the request's priorInformalExchanges; null until then. */
  @Column({ name: 'carried_at', type: 'timestamptz', nullable: true })
  carriedAt: Date | null;
}
