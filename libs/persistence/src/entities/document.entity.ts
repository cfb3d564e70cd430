import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const DOCUMENT_STATUSES = ['pending', 'ready', 'failed'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/**
 * How the attempt that rendered a document spent its time (milliseconds): from `startedAt` (when its
 * job began) the view model, the render as the handler waited for it (`renderMs`, a wait for a free
 * renderer included) and as the renderer did it (`rendererMs` wall, `rendererCpuMs` CPU where the
 * renderer is a process of its own), the seal and the storage write; `ready_at` follows.
 */
export interface DocumentRenderTimings {
  startedAt: string;
  buildMs: number;
  renderMs: number;
  rendererMs?: number;
  rendererCpuMs?: number;
  sealMs: number;
  storeMs: number;
}

/** The PDF of one step of a request: its inputs fixed at the step, its bytes stored once rendered. */
@Entity({ name: 'documents' })
export class DocumentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'request_id', type: 'uuid' })
  requestId: string;

  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'integer' })
  revision: number;

  @Column({ type: 'text' })
  status: DocumentStatus;

  @Column({ type: 'jsonb' })
  source: Record<string, unknown>;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt: Date;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'char', length: 64, nullable: true })
  sha256: string | null;

  @Column({ name: 'content_hash', type: 'char', length: 64, nullable: true })
  contentHash: string | null;

  @Column({ name: 'storage_key', type: 'text', nullable: true })
  storageKey: string | null;

  @Column({ name: 'size_bytes', type: 'integer', nullable: true })
  sizeBytes: number | null;

  @Column({ type: 'integer' })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  /** The office that issued it (reviewed data's id), and its number in that office's yearly sequence. */
  @Column({ name: 'office_id', type: 'text', nullable: true })
  officeId: string | null;

  @Column({ name: 'note_year', type: 'integer', nullable: true })
  noteYear: number | null;

  @Column({ name: 'note_number', type: 'integer', nullable: true })
  noteNumber: number | null;

  @Column({ name: 'ready_at', type: 'timestamptz', nullable: true })
  readyAt: Date | null;

  /** Read only where asked for (operators, the bench): never part of a document's representation. */
  @Column({ name: 'render_timings', type: 'jsonb', nullable: true, select: false })
  renderTimings?: DocumentRenderTimings | null;
}
