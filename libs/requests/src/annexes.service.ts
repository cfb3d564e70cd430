import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import type { Principal } from '@enlace/auth';
import { APP_CONFIG, type AppConfig } from '@enlace/config';
import { Clock, DomainError, ErrorCode } from '@enlace/core';
import { DocumentStorage } from '@enlace/documents';
import { AnnexesRepository, Database, RequestsRepository, type AnnexRow } from '@enlace/persistence';
import { LANGUAGES, annexesDisclosed } from '@enlace/workflows';
import { WorkflowRunner } from './workflow-runner.js';

/** What a fiscal may attach: the documents the instruments ask to accompany a request. */
export const ANNEX_KINDS = ['court_order', 'law_text', 'evidence', 'certified_translation', 'other'] as const;
export type AnnexKind = (typeof ANNEX_KINDS)[number];

/** Judged from the bytes, never from the name or the declared type. */
export const ANNEX_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;

const DESCRIPTION_MAX = 500;
// Enough for every signature file-type looks at in a PDF, JPEG or PNG.
const HEAD_BYTES = 4100;

export interface AnnexItem {
  id: string;
  kind: string;
  language: string;
  description: string;
  filename: string;
  mediaType: string;
  sha256: string;
  sizeBytes: number;
  createdAt: string;
}

export const annexItem = (a: AnnexRow): AnnexItem => ({
  id: a.id,
  kind: a.kind,
  language: a.language,
  description: a.description,
  filename: a.filename,
  mediaType: a.mediaType,
  sha256: a.sha256,
  sizeBytes: a.sizeBytes,
  createdAt: new Date(a.createdAt).toISOString(),
});

/** An upload written to the staging area as it streamed in, not yet anybody's annex. */
export interface StagedFile {
  path: string;
  filename: string;
  sha256: string;
  sizeBytes: number;
  head: Buffer;
}

const invalid = (field: string, rule: string, message: string) => new DomainError(ErrorCode.ValidationFailed, message, { fields: [{ field, rule }] });

/**
 * The files a fiscal attaches to a request while it is editable. An upload streams to a staging file
 * (hashed and counted as it comes, never whole in memory) and becomes an annex only when everything
 * holds: fields, type judged from its first bytes, limits, a request its fiscal may still change. It is
 * then moved into place by a rename and recorded in the same step; anything refused leaves nothing.
 */
@Injectable()
export class AnnexesService {
  constructor(
    private readonly db: Database,
    private readonly annexes: AnnexesRepository,
    private readonly requests: RequestsRepository,
    private readonly runner: WorkflowRunner,
    private readonly storage: DocumentStorage,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Answers 404/403/409 before a byte of the file is read. */
  async assertMayAttach(principal: Principal, requestId: string): Promise<void> {
    await this.db.transaction((tx) => this.runner.lockEditable(tx, requestId, principal));
  }

  /** Streams an upload to the staging area; 413 as soon as it passes the size limit (the partial file removed). */
  async stage(file: Readable, filename: string): Promise<StagedFile> {
    const path = await this.storage.staging();
    const hash = createHash('sha256');
    const chunks: Buffer[] = [];
    let size = 0;
    let headSize = 0;
    const max = this.config.annexes.maxBytes;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        if (size > max) return done(new DomainError(ErrorCode.PayloadTooLarge, `An annex may have at most ${max} bytes`, { maxBytes: max }));
        hash.update(chunk);
        if (headSize < HEAD_BYTES) {
          chunks.push(chunk);
          headSize += chunk.length;
        }
        done(null, chunk);
      },
    });
    // The staging file exists before a byte is read: a refusal that comes before a lazily opened
    // stream had created it would otherwise leave it behind, created after its removal.
    const handle = await open(path, 'wx', 0o600);
    try {
      await pipeline(file, meter, handle.createWriteStream());
      // @fastify/multipart ends a file at its own limit without an error: that is too large as well.
      if ((file as Readable & { truncated?: boolean }).truncated) throw new DomainError(ErrorCode.PayloadTooLarge, `An annex may have at most ${max} bytes`, { maxBytes: max });
    } catch (error) {
      await this.storage.discard(path, true);
      throw error;
    }
    return { path, filename, sha256: hash.digest('hex'), sizeBytes: size, head: Buffer.concat(chunks).subarray(0, HEAD_BYTES) };
  }

  async discard(staged: StagedFile | null): Promise<void> {
    if (staged) await this.storage.discard(staged.path, true);
  }

  /** Makes a staged upload an annex of the request, or refuses it (the caller discards the staging file). */
  async attach(principal: Principal, requestId: string, fields: Record<string, string>, staged: StagedFile | null): Promise<AnnexItem> {
    if (!staged || staged.sizeBytes === 0) throw invalid('file', 'required', 'Attach the file as the multipart field "file"');
    const kind = fields.kind ?? '';
    if (!(ANNEX_KINDS as readonly string[]).includes(kind)) throw invalid('kind', 'one_of', `kind must be one of ${ANNEX_KINDS.join(', ')}`);
    const language = fields.language ?? '';
    if (!(LANGUAGES as readonly string[]).includes(language)) throw invalid('language', 'one_of', `language must be one of ${LANGUAGES.join(', ')}`);
    const description = (fields.description ?? '').trim();
    if (description === '') throw invalid('description', 'required', 'Say what the file is');
    if (description.length > DESCRIPTION_MAX) throw invalid('description', 'max_length', `description may have at most ${DESCRIPTION_MAX} characters`);
    const type = await fileTypeFromBuffer(staged.head);
    if (!type || !(ANNEX_MEDIA_TYPES as readonly string[]).includes(type.mime)) {
      throw new DomainError(ErrorCode.UnsupportedMediaType, 'An annex must be a PDF, JPEG or PNG file (judged from its content)', {
        detected: type?.mime ?? null,
        accepted: ANNEX_MEDIA_TYPES,
      });
    }
    const storageKey = `${requestId}/annexes/${staged.sha256}.${type.ext}`;
    const created = await this.db.transaction(async (tx) => {
      await this.runner.lockEditable(tx, requestId, principal);
      if ((await this.annexes.countFor(tx, requestId)) >= this.config.annexes.maxCount) {
        throw new DomainError(ErrorCode.PayloadTooLarge, `A request may have at most ${this.config.annexes.maxCount} annexes`, { maxCount: this.config.annexes.maxCount });
      }
      const row = await this.annexes.add(tx, {
        requestId,
        kind,
        language,
        description,
        filename: safeFilename(staged.filename, type.ext),
        mediaType: type.mime,
        sha256: staged.sha256,
        sizeBytes: staged.sizeBytes,
        storageKey,
        uploadedBy: principal.id,
        createdAt: this.clock.now(),
      });
      if (!row) throw new DomainError(ErrorCode.AlreadyExists, 'This file is already attached to the request', { sha256: staged.sha256 });
      // In place before the row commits: a committed annex always has its bytes.
      await this.storage.adopt(staged.path, storageKey);
      return row;
    });
    return annexItem(created);
  }

  async list(principal: Principal, requestId: string): Promise<AnnexItem[]> {
    await this.visibleRequest(principal, requestId);
    return (await this.annexes.listFor(requestId)).map(annexItem);
  }

  async download(principal: Principal, id: string): Promise<{ annex: AnnexItem; stream: Readable }> {
    const annex = await this.annexes.findById(id);
    if (!annex) throw new DomainError(ErrorCode.NotFound, 'No such annex');
    await this.visibleRequest(principal, annex.requestId, 'No such annex');
    return { annex: annexItem(annex), stream: this.storage.stream(annex.storageKey) };
  }

  /** The request of an annex, if `principal` may learn of its annexes (annexesDisclosed). */
  private async visibleRequest(principal: Principal, requestId: string, notFound = 'No such request') {
    const request = await this.requests.findVisible(requestId, principal);
    if (!request || !annexesDisclosed(principal, request)) throw new DomainError(ErrorCode.NotFound, notFound);
    return request;
  }
}

/** A download name: the uploaded name's letters, digits, dots and dashes, with the extension of the detected type. */
function safeFilename(name: string, ext: string): string {
  const base = name.replace(/\.[^.]*$/, '').normalize('NFKD').replace(/[^\w.-]+/g, '_').replace(/^[._]+/, '').slice(0, 80) || 'annex';
  return `${base}.${ext}`;
}
