import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { AccountsService, CurrentUser, type Principal } from '@enlace/auth';
import { ErrorBodyDto } from '../http/error-body.dto.js';
import { UuidPipe } from '../http/uuid.pipe.js';
import { AccountDto, CreateUserDto, CreatedAccountDto, PasswordLinkDto } from './accounts.dto.js';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @ApiOperation({ summary: 'Every account (the administrator)' })
  @ApiOkResponse({ type: [AccountDto] })
  list(@CurrentUser() user: Principal) {
    return this.accounts.list(user);
  }

  @Post()
  @ApiOperation({ summary: 'Create an account (the administrator); answers a one-time link for its first password' })
  @ApiCreatedResponse({ type: CreatedAccountDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'already_exists: an account has this e-mail' })
  create(@CurrentUser() user: Principal, @Body() body: CreateUserDto) {
    return this.accounts.create(user, body);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Disable an account: it cannot sign in, and every token it holds is refused at once' })
  @ApiOkResponse({ type: AccountDto })
  @ApiUnprocessableEntityResponse({ type: ErrorBodyDto, description: 'rule_violation: an administrator does not disable their own account' })
  disable(@CurrentUser() user: Principal, @Param('id', UuidPipe) id: string) {
    return this.accounts.setDisabled(user, id, true);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Re-enable an account (its earlier tokens stay dead: it signs in again)' })
  @ApiOkResponse({ type: AccountDto })
  enable(@CurrentUser() user: Principal, @Param('id', UuidPipe) id: string) {
    return this.accounts.setDisabled(user, id, false);
  }

  @Post(':id/password-link')
  @ApiOperation({ summary: 'A one-time link to set a new password (the administrator); replaces any earlier link' })
  @ApiCreatedResponse({ type: PasswordLinkDto })
  passwordLink(@CurrentUser() user: Principal, @Param('id', UuidPipe) id: string) {
    return this.accounts.passwordLink(user, id);
  }
}
