import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { APP_CONFIG, type AppConfig } from '@enlace/config';

/** Where the bytes of issued documents live. A port, so that an object store can take its place. */
export abstract class DocumentStorage {
  abstract put(key: string, bytes: Uint8Array): Promise<void>;
  abstract get(key: string): Promise<Buffer>;
  abstract stream(key: string): Readable;
  /** A fresh path to write an upload to, on the storage's own filesystem (so that adopting it is a rename). */
  abstract staging(): Promise<string>;
  /** Moves a finished staging file to `key` atomically: readers see the whole file or none. */
  abstract adopt(stagingPath: string, key: string): Promise<void>;
  /** Removes a staging file or a stored key, if there. */
  abstract discard(pathOrKey: string, staging?: boolean): Promise<void>;
}

/** The filesystem adapter: one file per document under the documents folder, written atomically. */
@Injectable()
export class FileSystemDocumentStorage extends DocumentStorage {
  private readonly root: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super();
    this.root = resolve(config.documentsDir);
  }

  /**
   * Writes a file beside the final one, then renames it: a reader never sees half a document. A
   * writer killed midway leaves its `.partial`; the retry of the same document (the same bytes, the
   * same name) clears it once the file is in place.
   */
  async put(key: string, bytes: Uint8Array): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const partial = `${path}.${process.pid}.partial`;
    await writeFile(partial, bytes, { mode: 0o600 });
    try {
      await rename(partial, path);
    } catch (error) {
      // Another writer of the same document finished first and cleared this one's partial: the file is there.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || !(await exists(path))) throw error;
    }
    const name = basename(path);
    const leftovers = (await readdir(dirname(path))).filter((entry) => entry.startsWith(`${name}.`) && entry.endsWith('.partial'));
    await Promise.all(leftovers.map((entry) => rm(join(dirname(path), entry), { force: true })));
  }

  get(key: string): Promise<Buffer> {
    return readFile(this.pathOf(key));
  }

  stream(key: string): Readable {
    return createReadStream(this.pathOf(key));
  }

  async staging(): Promise<string> {
    const dir = join(this.root, '.staging');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    return join(dir, `${process.pid}-${randomUUID()}.partial`);
  }

  async adopt(stagingPath: string, key: string): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    await rename(stagingPath, path);
  }

  async discard(pathOrKey: string, staging = false): Promise<void> {
    const path = staging ? resolve(pathOrKey) : this.pathOf(pathOrKey);
    if (!path.startsWith(this.root + sep)) throw new Error(`Not under the documents folder: ${pathOrKey}`);
    await rm(path, { force: true });
  }

  private pathOf(key: string): string {
    const path = resolve(join(this.root, key));
    if (!path.startsWith(this.root + sep)) throw new Error(`Storage key escapes the documents folder: ${key}`);
    return path;
  }
}

const exists = (path: string): Promise<boolean> => access(path).then(() => true, () => false);
