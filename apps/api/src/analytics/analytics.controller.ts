import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Principal } from '@enlace/auth';
import { TurnaroundService, overdueCsv, reportFileName, turnaroundCsv } from '@enlace/turnaround';
import { OverdueReportDto, TurnaroundReportDto } from './analytics.dto.js';
import { OverdueQuery, TurnaroundQuery } from './analytics.query.js';

type Reply = { header(name: string, value: string): unknown };

/** JSON by default; the same rows as CSV when the client asks for text/csv, named with the report's instant. */
function negotiate<T extends { asOf: string }>(report: T, accept: string | undefined, reply: Reply, toCsv: (report: T) => string, name: string): T | string {
  if (!accept?.toLowerCase().includes('text/csv')) return report;
  reply.header('Content-Type', 'text/csv; charset=utf-8');
  reply.header('Content-Disposition', `attachment; filename="${reportFileName(name, report)}"`);
  return toCsv(report);
}

@ApiTags('analytics')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Neither a supervisor nor the admin' })
@Controller('analytics')
export class AnalyticsController {
  constructor(private readonly turnaround: TurnaroundService) {}

  @Get('turnaround')
  @ApiOperation({
    summary: 'Time in each stage, open and overdue counts, returned and refused shares',
    description:
      'A supervisor counts its own country as requesting party, and as requested party once transmitted; the admin, the ' +
      'whole region. `from`/`to` filter on the day a stage was entered. Times are in hours. `Accept: text/csv` for CSV.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: TurnaroundReportDto })
  async figures(
    @CurrentUser() user: Principal,
    @Query() query: TurnaroundQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    return negotiate(await this.turnaround.turnaround(user, query), accept, reply, turnaroundCsv, 'turnaround');
  }

  @Get('overdue')
  @ApiOperation({
    summary: 'The requests whose stage deadline has passed',
    description:
      'A supervisor gets its late requests (reference, stage, days late) and the counts; the admin, the counts per stage and ' +
      'country pair only. `Accept: text/csv` for CSV (the requests for a supervisor, the counts for the admin).',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: OverdueReportDto })
  async overdue(
    @CurrentUser() user: Principal,
    @Query() query: OverdueQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    return negotiate(await this.turnaround.overdue(user, query), accept, reply, overdueCsv, 'overdue');
  }
}
