import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AccessLogService, Audited, CurrentUser, accessLogCsv, type Principal } from '@enlace/auth';
import { UuidPipe } from '../http/uuid.pipe.js';
import { AccessExportRowDto, AccessLogQuery, CaseAccessDto } from './access-log.dto.js';

type Reply = { header(name: string, value: string): unknown };

@ApiTags('access-log')
@ApiBearerAuth()
@Controller()
export class AccessLogController {
  constructor(private readonly accessLog: AccessLogService) {}

  @Get('requests/:id/access-log')
  @Audited('request.access_log')
  @ApiOperation({
    summary: 'Who has seen this case: every read, download and refused attempt, oldest first',
    description: "The requesting country's supervisor only (403 for anyone else; 404 for a request it may not see).",
  })
  @ApiOkResponse({ type: [CaseAccessDto] })
  forCase(@CurrentUser() user: Principal, @Param('id', UuidPipe) id: string) {
    return this.accessLog.forCase(user, id);
  }

  @Get('access-log')
  @ApiOperation({
    summary: 'The access log of a period, in chain order (the administrator)',
    description:
      'Every recorded read, refusal and sign-in between `from` and `to` (UTC days, both included), at most 100,000 rows, with ' +
      'the hash-chain links so that the export can be checked. `Accept: text/csv` for CSV. 403 for anyone but the admin.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: [AccessExportRowDto] })
  async export(
    @CurrentUser() user: Principal,
    @Query() query: AccessLogQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    const rows = await this.accessLog.export(user, query.from, query.to);
    if (!accept?.toLowerCase().includes('text/csv')) return rows;
    reply.header('Content-Type', 'text/csv; charset=utf-8');
    reply.header('Content-Disposition', `attachment; filename="access-log-${query.from}-${query.to}.csv"`);
    return accessLogCsv(rows);
  }
}
