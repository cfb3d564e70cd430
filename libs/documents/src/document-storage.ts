import { Inject, Injectable } from '@nestjs/common';
import { access, mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { APP_CONFIG, type AppConfig } from '@enlace/config';

/** Where the bytes of issued documents live. A port, so that an object store can take its place. */
export abstract class DocumentStorage {
  abstract put(key: string, bytes: Uint8Array): Promise<void>;
  abstract get(key: string): Promise<Buffer>;
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

  private pathOf(key: string): string {
    const path = resolve(join(this.root, key));
    if (!path.startsWith(this.root + sep)) throw new Error(`Storage key escapes the documents folder: ${key}`);
    return path;
  }
}

const exists = (path: string): Promise<boolean> => access(path).then(() => true, () => false);
