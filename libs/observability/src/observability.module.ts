import { Global, Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { AppConfig } from '@enlace/config';
import { accessLogOptions } from './access-log.js';
import { Metrics } from './metrics.js';

/**
 * Structured JSON logs (pino through nestjs-pino: Nest's Logger writes there, with the request id of
 * the request being served) and the Prometheus metrics, for every process of the platform.
 */
@Global()
@Module({})
export class ObservabilityModule {
  /** `destination`: where the JSON lines go (stdout unless a test captures them). */
  static forRoot(config: AppConfig, destination?: DestinationStream): DynamicModule {
    const options = accessLogOptions(config.logLevel);
    return {
      module: ObservabilityModule,
      imports: [LoggerModule.forRoot({ pinoHttp: destination ? [options, destination] : options })],
      providers: [Metrics],
      exports: [Metrics],
    };
  }
}
