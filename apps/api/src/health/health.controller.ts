import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@enlace/auth';
import { APP_CONFIG, type AppConfig } from '@enlace/config';
import { DomainError, ErrorCode } from '@enlace/core';
import { DependencyMonitor } from '@enlace/platform';
import { ErrorBodyDto } from '../http/error-body.dto.js';
import { HealthDto, LivenessDto, ReadinessDto } from './health.dto.js';

/**
 * Three questions an operator asks: is the process alive (restart it if not), is it ready (every
 * dependency answers: send it work, or alert), can it take requests (the contract's /api/health: its
 * database answers; a queue backend that is down only delays documents and notifications).
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly monitor: DependencyMonitor,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Whether the service can take requests (its database answers); says whether the queue backend answers' })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: ErrorBodyDto, description: 'unavailable: the database does not answer (`database`: "down")' })
  async health() {
    const report = await this.monitor.check();
    if (report.database === 'down') {
      throw new DomainError(ErrorCode.Unavailable, 'The database is not reachable', { database: report.database, queue: report.queue });
    }
    return { status: 'ok', mode: this.config.mode, database: report.database, queue: report.queue };
  }

  @Public()
  @Get('live')
  @ApiOperation({ summary: 'Whether the process is alive (asks no dependency): restart it when this does not answer' })
  @ApiOkResponse({ type: LivenessDto })
  @ApiServiceUnavailableResponse({ type: ErrorBodyDto, description: 'the process is stopping: it takes no new request' })
  live() {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  @ApiOperation({ summary: 'Whether the database and the queue backend both answer; 503 naming the one that does not' })
  @ApiOkResponse({ type: ReadinessDto })
  @ApiServiceUnavailableResponse({ type: ErrorBodyDto, description: 'unavailable: `database` or `queue` is "down", and the message names it' })
  async ready() {
    const report = await this.monitor.check();
    if (report.down.length > 0) {
      throw new DomainError(ErrorCode.Unavailable, `Not ready: ${report.down.join(' and ')} does not answer`, {
        database: report.database,
        queue: report.queue,
      });
    }
    return { status: 'ok', database: report.database, queue: report.queue };
  }
}
