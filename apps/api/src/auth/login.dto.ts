import { ApiProperty } from '@nestjs/swagger';
import { ROLES } from '@enlace/workflows';
import { IsEmail, IsString, MaxLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'fiscal.gt@demo.enlace' }) @IsEmail({ require_tld: false }) @MaxLength(300) email: string;
  @ApiProperty({ example: 'enlace-demo' }) @IsString() @MaxLength(1000) password: string;
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
}
