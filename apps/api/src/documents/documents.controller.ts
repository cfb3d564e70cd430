import { Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Audited, CurrentUser, type Principal } from '@enlace/auth';
import { DomainError, ErrorCode } from '@enlace/core';
import { DocumentsService } from '@enlace/documents';
import { ErrorBodyDto } from '../http/error-body.dto.js';
import { UuidPipe } from '../http/uuid.pipe.js';
import { DocumentItemDto, FailedDocumentsPageDto, FailedDocumentsQuery, VerifiedDocumentDto } from './document.dto.js';

const SHA256 = /^[0-9a-f]{64}$/i;

@ApiTags('documents')
@ApiBearerAuth()
@Controller()
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Get('requests/:id/documents')
  @Audited('request.documents')
  @ApiOperation({ summary: 'The PDFs of each step of a request, oldest first' })
  @ApiOkResponse({ type: [DocumentItemDto] })
  list(@CurrentUser() user: Principal, @Param('id', UuidPipe) id: string) {
    return this.documents.list(user, id);
  }

  @Get('documents/verify/:sha256')
  @ApiOperation({ summary: 'Whether a hash (of the file, or printed on its pages) is a document of this platform' })
  @ApiOkResponse({ type: VerifiedDocumentDto })
  verify(@CurrentUser() user: Principal, @Param('sha256') sha256: string) {
    if (!SHA256.test(sha256)) {
      throw new DomainError(ErrorCode.ValidationFailed, 'Not a SHA-256 in hex', { fields: [{ field: 'sha256', rule: 'sha256_hex' }] });
    }
    return this.documents.verify(user, sha256);
  }

  @Get('failed-documents')
  @ApiOperation({
    summary: 'The documents of the region whose rendering failed, oldest first (the administrator)',
    description: 'What and where (kind, revision, reference, countries, the first line of the last error), never the content. 403 for anyone but the admin.',
  })
  @ApiOkResponse({ type: FailedDocumentsPageDto })
  failed(@CurrentUser() user: Principal, @Query() query: FailedDocumentsQuery) {
    return this.documents.failed(user, query);
  }

  @Get('documents/:id')
  @Audited('document.download', { target: 'document' })
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'The PDF; its bytes hash to the listed sha256' })
  @ApiOkResponse({ description: 'The PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  async download(
    @CurrentUser() user: Principal,
    @Param('id', UuidPipe) id: string,
    @Res({ passthrough: true }) reply: { header(name: string, value: string): unknown },
  ) {
    const { bytes, filename } = await this.documents.download(user, id);
    reply.header('Content-Type', 'application/pdf');
    reply.header('Content-Disposition', `attachment; filename="${filename}"`);
    reply.header('Cache-Control', 'no-store');
    return new StreamableFile(bytes);
  }

  @Post('documents/:id/retry')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Re-queue a document whose rendering failed',
    description: 'A supervisor who may see the request, or the administrator (any country). 403 for anyone else.',
  })
  @ApiAcceptedResponse({ type: DocumentItemDto, description: 'The document, pending again' })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'invalid_transition: the document has not failed' })
  retry(@CurrentUser() user: Principal, @Param('id', UuidPipe) id: string) {
    return this.documents.retry(user, id);
  }
}
