import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Audited, CurrentUser, type Principal } from '@enlace/auth';
import { CasesService } from '@enlace/requests';
import { ApiIdempotencyKey, IdempotencyKeyHeader } from '../http/idempotency-key.js';
import { ErrorBodyDto } from '../http/error-body.dto.js';
import { UuidPipe } from '../http/uuid.pipe.js';
import { AlsoAskAnswerDto, AlsoAskDto, CaseDto, CasePageDto, ListCasesQuery } from './case.dto.js';

@ApiTags('cases')
@ApiBearerAuth()
@Controller()
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Post('requests/:id/also-ask')
  @Audited('case.also_ask', { refusalsOnly: true })
  @ApiOperation({ summary: 'The drafting fiscal asks another country in the same investigation: a new draft to it, in the case of this request (opened if none)' })
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: AlsoAskAnswerDto })
  @ApiBadRequestResponse({ type: ErrorBodyDto, description: 'validation_failed: requestedCountry unknown, or the requesting country itself (not_own_country)' })
  @ApiForbiddenResponse({ type: ErrorBodyDto, description: 'forbidden: not the fiscal who drafted this request; liaison_not_authorized' })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'not_found: no such request, or not this user\'s to see' })
  @ApiUnprocessableEntityResponse({ type: ErrorBodyDto, description: 'rule_violation: the country is already asked in this case (violations: requestedCountry already_in_case)' })
  alsoAsk(@CurrentUser() user: Principal, @Param('id', UuidPipe) id: string, @Body() body: AlsoAskDto, @IdempotencyKeyHeader() key?: string) {
    return this.cases.alsoAsk(user, id, body.requestedCountry, key ? { key, route: `POST /requests/${id}/also-ask` } : undefined);
  }

  @Get('cases')
  @Audited('case.list', { target: 'none' })
  @ApiOperation({ summary: 'The cases with a request this user may see, newest first' })
  @ApiOkResponse({ type: CasePageDto })
  list(@CurrentUser() user: Principal, @Query() query: ListCasesQuery) {
    return this.cases.list(user, query);
  }

  @Get('cases/:id')
  @Audited('case.read', { target: 'none' })
  @ApiOperation({ summary: 'One case with each request this user may see: state, route, due date, overdue' })
  @ApiOkResponse({ type: CaseDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'not_found: no such case, or none of its requests is this user\'s to see' })
  get(@CurrentUser() user: Principal, @Param('id', UuidPipe) id: string) {
    return this.cases.get(user, id);
  }
}
