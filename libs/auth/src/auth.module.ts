import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { SignInThrottle } from './sign-in-throttle.js';
import { TokenService } from './token.service.js';

@Module({
  providers: [TokenService, SignInThrottle, AuthService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, TokenService],
})
export class AuthModule {}
