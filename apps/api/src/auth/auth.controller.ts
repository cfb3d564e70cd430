import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AccountsService, AuthService, CurrentUser, Public, SecondFactorEnrolment, SecondFactorService, type Principal } from '@enlace/auth';
import { AccessTokenDto, ChangePasswordDto, ResetPasswordDto } from '../accounts/accounts.dto.js';
import { ErrorBodyDto } from '../http/error-body.dto.js';
import { LoginDto, LoginResponseDto, RecoveryCodesDto, TotpConfirmDto, TotpEnrolmentDto } from './login.dto.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly accounts: AccountsService,
    private readonly secondFactor: SecondFactorService,
  ) {}

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
    return this.auth.login(body.email, body.password, address, body.code);
  }

  @Post('logout')
  @SecondFactorEnrolment()
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End every session of the signed-in user: this token and every one issued to them before are refused from now on' })
  @ApiNoContentResponse({ description: 'Signed out everywhere' })
  logout(@CurrentUser() user: Principal): Promise<void> {
    return this.auth.logout(user);
  }

  @Post('password')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Change my password (12 to 256 characters, not containing the e-mail, not a common password)',
    description: 'Every session the user had open ends; the answer carries a new token for this one. A wrong currentPassword is braked like a sign-in.',
  })
  @ApiOkResponse({ type: AccessTokenDto })
  changePassword(@CurrentUser() user: Principal, @Body() body: ChangePasswordDto, @Ip() address: string) {
    return this.accounts.changePassword(user, body.currentPassword, body.newPassword, address);
  }

  @Public()
  @Post('password-reset')
  @HttpCode(204)
  @ApiOperation({ summary: 'Set a password with the one-time link an administrator gave (used once, within its time)' })
  @ApiNoContentResponse({ description: 'The password is set; every session of the account has ended' })
  resetPassword(@Body() body: ResetPasswordDto): Promise<void> {
    return this.accounts.resetPassword(body.token, body.newPassword);
  }

  @Post('totp/enrol')
  @SecondFactorEnrolment()
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Start enrolling a second factor (TOTP, RFC 6238): a new secret for the authenticator app' })
  @ApiOkResponse({ type: TotpEnrolmentDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'invalid_transition: a second factor is already on' })
  enrol(@CurrentUser() user: Principal) {
    return this.secondFactor.enrol(user);
  }

  @Post('totp/confirm')
  @SecondFactorEnrolment()
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Turn the second factor on with a first code; answers ten recovery codes, shown once' })
  @ApiOkResponse({ type: RecoveryCodesDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'invalid_transition: no enrolment started, or already on' })
  confirm(@CurrentUser() user: Principal, @Body() body: TotpConfirmDto) {
    return this.secondFactor.confirm(user, body.code);
  }
}
