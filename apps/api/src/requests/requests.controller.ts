import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Principal } from '@enlace/auth';
import { RequestsService } from '@enlace/requests';
import { ApiIdempotencyKey, IdempotencyKeyHeader } from '../http/idempotency-key.js';
import { UuidPipe } from '../http/uuid.pipe.js';
import { ListRequestsQuery } from './list-requests.query.js';
import { RequestEventDto } from './request-event.dto.js';
import { CreateRequestDto, UpdateRequestDto } from './request-fields.dto.js';

@ApiTags('requests')
@ApiBearerAuth()
@Controller('requests')
export class RequestsController {
  constructor(private readonly requests: RequestsService) {}

  @Post()
  @ApiOperation({ summary: 'Draft a new request (an authorized liaison fiscal)' })
  @ApiIdempotencyKey()
  create(@CurrentUser() user: Principal, @Body() body: CreateRequestDto, @IdempotencyKeyHeader() key?: string) {
    return this.requests.create(user, body, key ? { key, route: 'POST /requests' } : undefined);
  }

  @Get()
  @ApiOperation({ summary: 'The requests this user may see' })
  list(@CurrentUser() user: Principal, @Query() query: ListRequestsQuery) {
    return this.requests.list(user, query);
  }

  @Get(':id')
  get(@CurrentUser() user: Principal, @Param('id', UuidPipe) id: string) {
    return this.requests.get(user, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit the content (the creating fiscal, while draft or standardized)' })
  edit(@CurrentUser() user: Principal, @Param('id', UuidPipe) id: string, @Body() body: UpdateRequestDto) {
    const { expectedVersion, ...changes } = body;
    return this.requests.edit(user, id, expectedVersion, changes);
  }

  @Post(':id/events')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a lifecycle event' })
  @ApiIdempotencyKey()
  send(@CurrentUser() user: Principal, @Param('id', UuidPipe) id: string, @Body() body: RequestEventDto, @IdempotencyKeyHeader() key?: string) {
    const command = { ...body, data: body.data ? { ...body.data } : undefined };
    return this.requests.send(user, id, command, key ? { key, route: `POST /requests/${id}/events` } : undefined);
  }

  @Get(':id/history')
  history(@CurrentUser() user: Principal, @Param('id', UuidPipe) id: string) {
    return this.requests.historyOf(user, id);
  }
}
