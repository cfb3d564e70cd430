import { ApiProperty } from '@nestjs/swagger';

export class HealthDto {
  @ApiProperty({ enum: ['ok'] }) status: string;
  @ApiProperty({ enum: ['embedded', 'external'] }) mode: string;
  @ApiProperty({ enum: ['ok'] }) database: string;
}
