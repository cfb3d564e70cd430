import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';

export class PostMessageDto {
  @ApiProperty({
    example: 'Confirmamos que la cuenta 0123-4567-89 existe en el Banco del Soconusco.\nPara los registros hará falta la solicitud formal.',
    maxLength: 10_000,
    description: 'The first line is what the standardized form will list among the prior informal exchanges',
  })
  @IsString()
  @Matches(/\S/, { message: 'body must not be blank' })
  @MaxLength(10_000)
  body: string;
}

class MessageAuthorDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Jorge Ramírez Peña' }) name: string;
  @ApiProperty({ nullable: true, type: String, example: 'Unidad Especializada en Tráfico de Migrantes, Fiscalía General de la República' })
  office: string | null;
  @ApiProperty({ example: 'fiscal' }) role: string;
  @ApiProperty({ example: 'MX' }) country: string;
}

export class MessageDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) requestId: string;
  @ApiProperty({ type: MessageAuthorDto }) author: MessageAuthorDto;
  @ApiProperty({ example: 'Confirmamos que la cuenta 0123-4567-89 existe en el Banco del Soconusco.' }) body: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-28T14:05:00.000Z' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When it was carried into priorInformalExchanges' })
  carriedAt: string | null;
}
