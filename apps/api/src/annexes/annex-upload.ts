import type { Principal } from '@enlace/auth';
import { DomainError, ErrorCode } from '@enlace/core';
import type { AnnexItem, AnnexesService, StagedFile } from '@enlace/requests';
import { StreamableFile } from '@nestjs/common';
import { forEachPart, type PageRequest } from '@enlace/web';

/**
 * Reads a multipart upload of an annex (kind, language, description and one file, in any order) and
 * attaches it: the API's route and the request page's form share it. The file streams to staging as it
 * arrives; whatever is refused, the staging file is removed. `fields` receives the text fields as read,
 * so that a refused form can be shown again with them.
 */
export async function receiveAnnex(
  annexes: AnnexesService,
  user: Principal,
  id: string,
  request: PageRequest,
  fields: Record<string, string> = {},
): Promise<AnnexItem> {
  if (!request.isMultipart()) {
    throw new DomainError(ErrorCode.UnsupportedMediaType, 'Send the annex as multipart/form-data', { contentType: request.headers['content-type'] ?? null });
  }
  await annexes.assertMayAttach(user, id);
  let staged: StagedFile | null = null;
  try {
    await forEachPart(request, 'file', async (part) => {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || staged) {
          part.file.resume();
          throw new DomainError(ErrorCode.ValidationFailed, 'Send one file, as the field "file"', { fields: [{ field: part.fieldname, rule: 'unexpected' }] });
        }
        staged = await annexes.stage(part.file, part.filename);
      } else if (['kind', 'language', 'description'].includes(part.fieldname)) {
        fields[part.fieldname] = String(part.value);
      }
    });
    return await annexes.attach(user, id, fields, staged);
  } finally {
    // Adopted files were renamed away; anything else staged is removed: a refused upload leaves nothing.
    await annexes.discard(staged);
  }
}

/**
 * Sends an annex the user may read as a download, never to be shown or sniffed by the browser nor kept
 * in a cache: the API's route and the request page's link share it.
 */
export async function sendAnnex(
  annexes: AnnexesService,
  user: Principal,
  id: string,
  reply: { header(name: string, value: string): unknown },
): Promise<StreamableFile> {
  const { annex, stream } = await annexes.download(user, id);
  reply.header('Content-Type', annex.mediaType);
  reply.header('Content-Disposition', `attachment; filename="${annex.filename}"`);
  reply.header('Cache-Control', 'no-store');
  reply.header('X-Content-Type-Options', 'nosniff');
  return new StreamableFile(stream);
}
