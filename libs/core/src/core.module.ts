import { Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock.js';
import { DependencyStatus } from './unavailability.js';

@Global()
@Module({ providers: [{ provide: Clock, useClass: SystemClock }, DependencyStatus], exports: [Clock, DependencyStatus] })
export class CoreModule {}
