import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Audited, CurrentUser, type Principal } from '@enlace/auth';
import { RequestsService } from '@enlace/requests';
import { ApiIdempotencyKey, IdempotencyKeyHeader } from '../http/idempotency-key.js';
import { ErrorBodyDto } from '../http/error-body.dto.js';
import { UuidPipe } from '../http/uuid.pipe.js';
import { ListRequestsQuery } from './list-requests.query.js';
import { RequestEventDto } from './request-event.dto.js';
import { HistoryItemDto, RequestPageDto, RequestRepresentationDto } from './request-representation.dto.js';
import { CreateRequestDto, UpdateRequestDto } from './request-fields.dto.js';

@ApiTags('requests')
@ApiBearerAuth()
@Controller('requests')
export class RequestsController {
  constructor(private readonly requests: RequestsService) {}

  @Post()
  @ApiOperation({ summary: 'Draft a new request (an authorized liaison fiscal)' })
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: RequestRepresentationDto })
  @ApiUnprocessableEntityResponse({ type: ErrorBodyDto, description: 'rule_violation: a field breaks a rule of the pair of countries (violations)' })
  create(@CurrentUser() user: Principal, @Body() body: CreateRequestDto, @IdempotencyKeyHeader() key?: string) {
    return this.requests.create(user, body, key ? { key, route: 'POST /requests' } : undefined);
  }

  @Get()
  @Audited('request.list', { target: 'none' })
  @ApiOperation({ summary: 'The requests this user may see' })
  @ApiOkResponse({ type: RequestPageDto })
  list(@CurrentUser() user: Principal, @Query() query: ListRequestsQuery) {
    return this.requests.list(user, query);
  }

  @Get(':id')
  @Audited('request.read')
  @ApiOperation({ summary: 'One request, with the events this user may send now and what SUBMIT still needs' })
  @ApiOkResponse({ type: RequestRepresentationDto })
  get(@CurrentUser() user: Principal, @Param('id', UuidPipe) id: string) {
    return this.requests.get(user, id);
  }

  @Patch(':id')
  @Audited('request.edit', { refusalsOnly: true })
  @ApiOperation({ summary: 'Edit the content (the creating fiscal, while draft, standardized or returned for correction)' })
  @ApiOkResponse({ type: RequestRepresentationDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'version_conflict (currentVersion), or invalid_transition: no longer editable' })
  @ApiUnprocessableEntityResponse({ type: ErrorBodyDto, description: 'rule_violation (violations)' })
  edit(@CurrentUser() user: Principal, @Param('id', UuidPipe) id: string, @Body() body: UpdateRequestDto) {
    const { expectedVersion, ...changes } = body;
    return this.requests.edit(user, id, expectedVersion, changes);
  }

  @Post(':id/events')
  @Audited('request.event', { refusalsOnly: true })
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a lifecycle event' })
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: RequestRepresentationDto, description: 'The request after the event' })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'version_conflict (currentVersion), or invalid_transition (state): not allowed now' })
  @ApiUnprocessableEntityResponse({ type: ErrorBodyDto, description: 'incomplete_request or rule_violation: missing and violations say what to fix' })
  send(@CurrentUser() user: Principal, @Param('id', UuidPipe) id: string, @Body() body: RequestEventDto, @IdempotencyKeyHeader() key?: string) {
    const command = { ...body, data: body.data ? { ...body.data } : undefined };
    return this.requests.send(user, id, command, key ? { key, route: `POST /requests/${id}/events` } : undefined);
  }

  @Get(':id/history')
  @Audited('request.history')
  @ApiOperation({ summary: 'The hash-chained history of a request, oldest first' })
  @ApiOkResponse({ type: [HistoryItemDto] })
  history(@CurrentUser() user: Principal, @Param('id', UuidPipe) id: string) {
    return this.requests.historyOf(user, id);
  }
}
