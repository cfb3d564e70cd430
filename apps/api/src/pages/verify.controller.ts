import { Get, Param, Post, Req, Res } from '@nestjs/common';
import { PublicVerification, SHA256_HEX, bytesOf } from '@enlace/documents';
import { PATHS, ui, verifyPage, type PageContext } from '@enlace/pages';
import { AnyoneMay, Ctx, Html, PageController, forEachPart, isMalformedMultipart, seeOther, type PageReply, type PageRequest } from '@enlace/web';

/** The public verification page: anyone holding a PDF of Enlace checks it here, signed in or not. */
@PageController('verify')
@AnyoneMay()
export class VerifyController {
  constructor(private readonly verification: PublicVerification) {}

  @Get()
  @Html()
  form(@Ctx() ctx: PageContext) {
    return verifyPage(ctx, { typedHash: '', errors: [] });
  }

  /** The address the QR code of every PDF carries. */
  @Get(':hash')
  @Html()
  async byHash(@Ctx() ctx: PageContext, @Param('hash') raw: string, @Req() request: PageRequest, @Res({ passthrough: true }) reply: PageReply) {
    const hash = raw.toLowerCase();
    if (!SHA256_HEX.test(hash)) {
      reply.code(400);
      return verifyPage(ctx, { typedHash: raw.slice(0, 200), errors: [{ field: 'hash', message: ui(ctx.lang, 'verifyBadHash') }] });
    }
    const result = await this.verification.verify(hash, request.principal ?? null);
    if (!result) reply.code(404);
    return verifyPage(ctx, { hash, result, typedHash: '', errors: [] });
  }

  /**
   * A dropped PDF is checked whole and never kept: whether its bytes are a document Enlace issued,
   * and whether its seal holds (which office sealed it, under which authority). A typed code is
   * looked up as typed.
   */
  @Post()
  @Html()
  async check(@Ctx() ctx: PageContext, @Req() request: PageRequest, @Res({ passthrough: true }) reply: PageReply) {
    let typed = '';
    let file: Buffer | null = null;
    if (request.isMultipart()) {
      try {
        await forEachPart(request, 'file', async (part) => {
          if (part.type === 'file') {
            const bytes = await bytesOf(part.file);
            if (bytes.length > 0) file = bytes;
          } else if (part.fieldname === 'hash') typed = String(part.value).trim();
        });
      } catch (error) {
        if (!isMalformedMultipart(error)) throw error;
        reply.code(400);
        return verifyPage(ctx, { typedHash: '', errors: [{ field: 'file', message: ui(ctx.lang, 'uploadIncomplete') }] });
      }
    } else {
      const body = (request.body ?? {}) as Record<string, unknown>;
      typed = typeof body.hash === 'string' ? body.hash.trim() : '';
    }
    if (file) {
      const checked = await this.verification.verifyFile(file, request.principal ?? null);
      reply.code(checked.valid ? 200 : 422);
      return verifyPage(ctx, { hash: checked.sha256, result: checked.document, seal: checked.seal, typedHash: '', errors: [] });
    }
    const hash = typed.toLowerCase();
    if (!hash || !SHA256_HEX.test(hash)) {
      reply.code(400);
      const message = ui(ctx.lang, hash ? 'verifyBadHash' : 'verifyNothing');
      return verifyPage(ctx, { typedHash: typed.slice(0, 200), errors: [{ field: 'hash', message }] });
    }
    return seeOther(reply, PATHS.verifyHash(hash));
  }
}
