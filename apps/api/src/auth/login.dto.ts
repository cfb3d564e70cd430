import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'fiscal.gt@demo.enlace' }) @IsEmail({ require_tld: false }) @MaxLength(300) email: string;
  @ApiProperty({ example: 'enlace-demo' }) @IsString() @MaxLength(1000) password: string;
}
