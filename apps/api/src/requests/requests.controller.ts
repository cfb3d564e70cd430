import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Principal } from '@enlace/auth';
import { RequestsService } from '@enlace/requests';
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
  create(@CurrentUser() user: Principal, @Body() body: CreateRequestDto) {
    return this.requests.create(user, body);
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
  send(@CurrentUser() user: Principal, @Param('id', UuidPipe) id: string, @Body() body: RequestEventDto) {
    return this.requests.send(user, id, { ...body, data: body.data ? { ...body.data } : undefined });
  }

  @Get(':id/history')
  history(@CurrentUser() user: Principal, @Param('id', UuidPipe) id: string) {
    return this.requests.historyOf(user, id);
  }
}
