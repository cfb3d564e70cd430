import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES } from '@enlace/workflows';
import { IsEmail, IsOptional, IsString, MaxLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'fiscal.gt@demo.enlace' }) @IsEmail({ require_tld: false }) @MaxLength(300) email: string;
  @ApiProperty({ example: 'enlace-demo' }) @IsString() @MaxLength(1000) password: string;
  @ApiPropertyOptional({ example: '492039', description: 'With a second factor on: the authenticator’s current code, or an unused recovery code' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  code?: string;
}

class SignedInUserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES }) role: string;
  @ApiProperty({ type: String, nullable: true, example: 'GT' }) country: string | null;
}

export class LoginResponseDto {
  @ApiProperty({ description: 'Send it as `Authorization: Bearer <accessToken>`; it expires after ENLACE_TOKEN_TTL_SECONDS' })
  accessToken: string;
  @ApiProperty({ type: SignedInUserDto }) user: SignedInUserDto;
  @ApiProperty({
    enum: ['on', 'off', 'enrolment_required'],
    description: 'enrolment_required: the role requires a second factor and none is enrolled; the token opens only /api/auth/totp/* and logout until it is',
  })
  secondFactor: string;
}

export class TotpEnrolmentDto {
  @ApiProperty({ description: 'The shared secret (base32), to type into the authenticator' }) secret: string;
  @ApiProperty({ example: 'otpauth://totp/Enlace:fiscal.gt%40demo.enlace?issuer=Enlace&secret=...', description: 'The same, as the QR code of an authenticator reads it' })
  otpauthUri: string;
}

export class TotpConfirmDto {
  @ApiProperty({ example: '492039', description: 'The current code the authenticator shows' }) @IsString() @MaxLength(20) code: string;
}

export class RecoveryCodesDto {
  @ApiProperty({ type: [String], description: 'Shown once: each opens the account once when the phone is lost' }) recoveryCodes: string[];
}
