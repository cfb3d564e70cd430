import { ApiProperty } from '@nestjs/swagger';

export class HealthDto {
  @ApiProperty({ enum: ['ok'] }) status: string;
  @ApiProperty({ enum: ['embedded', 'external'] }) mode: string;
  @ApiProperty({ enum: ['ok'] }) database: string;
  @ApiProperty({ enum: ['ok', 'down'], description: 'The queue backend (Redis, or PostgreSQL when embedded): while down, changes are saved and their effects wait' })
  queue: string;
}

export class LivenessDto {
  @ApiProperty({ enum: ['ok'] }) status: string;
}

export class ReadinessDto {
  @ApiProperty({ enum: ['ok'] }) status: string;
  @ApiProperty({ enum: ['ok'] }) database: string;
  @ApiProperty({ enum: ['ok'] }) queue: string;
}
