import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@enlace/auth';
import { APP_CONFIG, type AppConfig } from '@enlace/config';
import { DomainError, ErrorCode } from '@enlace/core';
import { Database } from '@enlace/persistence';
import { ErrorBodyDto } from '../http/error-body.dto.js';
import { HealthDto } from './health.dto.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** 200 once the service can take requests; 503 while PostgreSQL does not answer. */
  @Public()
  @Get()
  @ApiOperation({ summary: 'Whether the service can take requests (its database answers)' })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: ErrorBodyDto, description: 'unavailable: the database does not answer' })
  async health() {
    try {
      await this.db.ping();
    } catch {
      throw new DomainError(ErrorCode.Unavailable, 'The database is not reachable', { database: 'down' });
    }
    return { status: 'ok', mode: this.config.mode, database: 'ok' };
  }
}
