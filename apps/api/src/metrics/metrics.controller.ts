import { Controller, Get, Header, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@enlace/auth';
import { Metrics } from '@enlace/observability';
import { MetricsAccessGuard } from './metrics-access.guard.js';

/** Prometheus scrapes this (text exposition format); it is for operators, not part of the API. */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Public()
  @UseGuards(MetricsAccessGuard)
  @Get()
  @Header('Cache-Control', 'no-store')
  async scrape(@Res({ passthrough: true }) reply: { header(name: string, value: string): unknown }): Promise<string> {
    reply.header('Content-Type', this.metrics.contentType);
    return this.metrics.scrape();
  }
}
