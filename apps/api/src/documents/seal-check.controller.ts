import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@enlace/auth';
import { DomainError, ErrorCode } from '@enlace/core';
import { PublicVerification, bytesOf } from '@enlace/documents';
import { forEachPart, type PageRequest } from '@enlace/web';
import { ErrorBodyDto } from '../http/error-body.dto.js';
import { FileVerificationDto } from './document.dto.js';

/** The public check of a PDF's bytes and seal: what the verification page does, for machines. */
@ApiTags('documents')
@Controller('documents')
export class SealCheckController {
  constructor(private readonly verification: PublicVerification) {}

  @Public()
  @Post('verify')
  @HttpCode(200)
  @ApiOperation({ summary: 'Whether a PDF is a document of this platform and its seal holds (anyone, no token)' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ type: FileVerificationDto })
  @ApiBadRequestResponse({ type: ErrorBodyDto, description: 'validation_failed: no file, or a multipart body that cannot be read (rule malformed_multipart)' })
  async check(@Req() request: PageRequest) {
    let file: Buffer | null = null;
    if (request.isMultipart()) {
      await forEachPart(request, 'file', async (part) => {
        if (part.type === 'file' && part.fieldname === 'file') {
          const bytes = await bytesOf(part.file);
          if (bytes.length > 0) file = bytes;
        }
      });
    }
    if (!file) throw new DomainError(ErrorCode.ValidationFailed, 'Send the PDF as the multipart field "file"', { fields: [{ field: 'file', rule: 'required' }] });
    // Anonymous: an annexed file is no document of the platform here (signed in, a request's annexes are listed with their hashes).
    return this.verification.verifyFile(file);
  }
}
