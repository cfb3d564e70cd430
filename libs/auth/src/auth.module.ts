import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AccessLogInterceptor } from './access-log.interceptor.js';
import { AccessLogService } from './access-log.service.js';
import { AccountsService } from './accounts.service.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { SecondFactorService } from './second-factor.service.js';
import { SignInThrottle } from './sign-in-throttle.js';
import { TokenService } from './token.service.js';

@Module({
  providers: [
    TokenService,
    SignInThrottle,
    AccessLogService,
    AuthService,
    AccountsService,
    SecondFactorService,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_INTERCEPTOR, useClass: AccessLogInterceptor },
  ],
  exports: [AuthService, TokenService, AccessLogService, AccountsService, SecondFactorService],
})
export class AuthModule {}
