import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AuthService, CurrentUser, Public, type Principal } from '@enlace/auth';
import { ErrorBodyDto } from '../http/error-body.dto.js';
import { LoginDto, LoginResponseDto } from './login.dto.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange e-mail and password for a short-lived access token' })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({ type: ErrorBodyDto, description: 'unauthorized: e-mail or password is not correct' })
  @ApiTooManyRequestsResponse({
    type: ErrorBodyDto,
    description:
      'too_many_requests: too many failed sign-ins with this e-mail or from this address; `Retry-After` (and `retryAfterSeconds`) says when to try again, `locked` whether the e-mail is locked. The same answer whether or not an account has the e-mail',
  })
  login(@Body() body: LoginDto, @Ip() address: string) {
    return this.auth.login(body.email, body.password, address);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End every session of the signed-in user: this token and every one issued to them before are refused from now on' })
  @ApiNoContentResponse({ description: 'Signed out everywhere' })
  logout(@CurrentUser() user: Principal): Promise<void> {
    return this.auth.logout(user);
  }
}
