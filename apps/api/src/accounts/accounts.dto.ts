import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { COUNTRY_CODES, ROLES, type CountryCode, type Role } from '@enlace/workflows';

export class CreateUserDto {
  @ApiProperty({ example: 'fiscal2.gt@demo.enlace' }) @IsEmail({ require_tld: false }) @MaxLength(300) email: string;
  @ApiProperty({ example: 'Lucía Ixcot' }) @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role: Role;
  @ApiPropertyOptional({ enum: COUNTRY_CODES, nullable: true, description: 'Required for every role but admin' })
  @IsOptional()
  @IsIn(COUNTRY_CODES)
  country?: CountryCode | null;
  @ApiPropertyOptional({ type: String, example: 'Fiscalía contra la Trata de Personas', nullable: true }) @IsOptional() @IsString() @MaxLength(300) office?: string | null;
}

export class ChangePasswordDto {
  @ApiProperty() @IsString() @MaxLength(1000) currentPassword: string;
  @ApiProperty({ description: '12 to 256 characters, not containing the e-mail, not a common password' }) @IsString() @MaxLength(1000) newPassword: string;
}

export class ResetPasswordDto {
  @ApiProperty({ description: 'The one-time token of the link the administrator gave' }) @IsString() @MinLength(1) @MaxLength(200) token: string;
  @ApiProperty({ description: '12 to 256 characters, not containing the e-mail, not a common password' }) @IsString() @MaxLength(1000) newPassword: string;
}

export class AccountDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES }) role: string;
  @ApiProperty({ type: String, nullable: true, enum: COUNTRY_CODES }) country: string | null;
  @ApiProperty({ type: String, nullable: true }) office: string | null;
  @ApiProperty({ description: 'Disabled: no sign-in, no token accepted' }) disabled: boolean;
  @ApiProperty({ description: 'A second factor (TOTP) is enrolled' }) secondFactor: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class PasswordLinkDto {
  @ApiProperty({ description: 'Shown once: give it to the person (POST /api/auth/password-reset); only its hash is kept' }) token: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

export class CreatedAccountDto {
  @ApiProperty({ type: AccountDto }) user: AccountDto;
  @ApiProperty({ type: PasswordLinkDto, description: 'The new account has no password anyone knows: this link sets the first one' })
  passwordLink: PasswordLinkDto;
}

export class AccessTokenDto {
  @ApiProperty({ description: 'A new token: every earlier one was ended with the change' }) accessToken: string;
}
