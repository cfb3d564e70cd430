import { Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { CurrentUser, type Principal } from '@enlace/auth';
import { ANNEX_KINDS, AnnexesService } from '@enlace/requests';
import type { PageRequest } from '@enlace/web';
import { ErrorBodyDto } from '../http/error-body.dto.js';
import { UuidPipe } from '../http/uuid.pipe.js';
import { AnnexDto } from './annex.dto.js';
import { receiveAnnex, sendAnnex } from './annex-upload.js';

@ApiTags('annexes')
@ApiBearerAuth()
@Controller()
export class AnnexesController {
  constructor(private readonly annexes: AnnexesService) {}

  @Post('requests/:id/annexes')
  @HttpCode(201)
  @ApiOperation({ summary: 'The creating fiscal attaches a PDF, JPEG or PNG to a request it may still edit (streamed; fields before or after the file)' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['kind', 'language', 'description', 'file'],
      properties: {
        kind: { type: 'string', enum: [...ANNEX_KINDS] },
        language: { type: 'string', enum: ['es', 'en', 'fr'] },
        description: { type: 'string', maxLength: 500 },
        file: { type: 'string', format: 'binary' },
      },
    },
  })
  @ApiCreatedResponse({ type: AnnexDto })
  @ApiPayloadTooLargeResponse({ type: ErrorBodyDto, description: 'payload_too_large: the file or the number of annexes passes the limit (ENLACE_ANNEX_MAX_BYTES, ENLACE_ANNEX_MAX_COUNT)' })
  @ApiUnsupportedMediaTypeResponse({ type: ErrorBodyDto, description: 'unsupported_media_type: the content is not a PDF, JPEG or PNG, whatever its name' })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'invalid_transition: the request is no longer editable; already_exists: the same file is attached' })
  upload(@CurrentUser() user: Principal, @Param('id', UuidPipe) id: string, @Req() request: PageRequest) {
    return receiveAnnex(this.annexes, user, id, request);
  }

  @Get('requests/:id/annexes')
  @ApiOperation({ summary: 'The annexes of a request, with their SHA-256 (for whoever may see its standardized form)' })
  @ApiOkResponse({ type: [AnnexDto] })
  list(@CurrentUser() user: Principal, @Param('id', UuidPipe) id: string) {
    return this.annexes.list(user, id);
  }

  @Get('annexes/:id')
  @ApiProduces('application/pdf', 'image/jpeg', 'image/png')
  @ApiOperation({ summary: 'The annex file; its bytes hash to the listed sha256' })
  @ApiOkResponse({ description: 'The file', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } })
  async download(
    @CurrentUser() user: Principal,
    @Param('id', UuidPipe) id: string,
    @Res({ passthrough: true }) reply: { header(name: string, value: string): unknown },
  ) {
    return sendAnnex(this.annexes, user, id, reply);
  }
}
