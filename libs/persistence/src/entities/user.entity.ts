import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CountryCode, Role } from '@enlace/workflows';

export const LIAISON_STATUSES = ['none', 'nominated', 'authorized', 'revoked'] as const;
export type LiaisonStatus = (typeof LIAISON_STATUSES)[number];

@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', unique: true })
  email: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  role: Role;

  @Column({ type: 'char', length: 2, nullable: true })
  country: CountryCode | null;

  @Column({ type: 'text', nullable: true })
  office: string | null;

  /** The post the signature block prints ("Directora de Asuntos Jurídicos"). */
  @Column({ type: 'text', nullable: true })
  post: string | null;

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash: string;

  @Column({ name: 'liaison_status', type: 'text', default: 'none' })
  liaisonStatus: LiaisonStatus;

  @Column({ name: 'liaison_valid_until', type: 'date', nullable: true })
  liaisonValidUntil: string | null;

  /** Raised by a logout, and by the database on a new password, role, country or a disable: older tokens die. */
  @Column({ name: 'session_generation', type: 'integer', default: 1 })
  sessionGeneration: number;

  /** Set while the account is disabled: no sign-in, no token accepted. */
  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  /** Set once a second factor (TOTP) is enrolled and confirmed. */
  @Column({ name: 'totp_enabled_at', type: 'timestamptz', nullable: true })
  totpEnabledAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
