import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppConfig } from '@enlace/config';
import { FileSystemDocumentStorage } from './document-storage.js';

describe('the filesystem document storage', () => {
  const root = mkdtempSync(join(tmpdir(), 'enlace-storage-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const storage = new FileSystemDocumentStorage({ documentsDir: root } as AppConfig);

  it("clears the .partial a killed writer left once the retry has put the same document in place", async () => {
    mkdirSync(join(root, 'request-1'));
    // A worker killed while writing: its partial, named after its pid, stays behind.
    writeFileSync(join(root, 'request-1/informal_draft-r1-abc.pdf.424242.partial'), 'half a PDF');
    writeFileSync(join(root, 'request-1/standardized_form-r1-def.pdf.424242.partial'), 'another document, still being written');
    await storage.put('request-1/informal_draft-r1-abc.pdf', Buffer.from('the PDF'));
    expect(readdirSync(join(root, 'request-1')).sort()).toEqual(['informal_draft-r1-abc.pdf', 'standardized_form-r1-def.pdf.424242.partial']);
    expect(readFileSync(join(root, 'request-1/informal_draft-r1-abc.pdf'), 'utf8')).toBe('the PDF');
  });

  it('lets two writers of the same document both succeed, leaving one file', async () => {
    await Promise.all([storage.put('request-2/note-r1-x.pdf', Buffer.from('same bytes')), storage.put('request-2/note-r1-x.pdf', Buffer.from('same bytes'))]);
    expect(readdirSync(join(root, 'request-2'))).toEqual(['note-r1-x.pdf']);
  });
});
