import { Inject, Injectable } from '@nestjs/common';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
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

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const partial = `${path}.${process.pid}.partial`;
    await writeFile(partial, bytes, { mode: 0o600 });
    await rename(partial, path);
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
