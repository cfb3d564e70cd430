import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';
import { DEADLINE_STAGES } from '@enlace/turnaround';
import { MAX_PAGE } from '../http/validation.js';
import { COUNTRY_CODES, type CountryCode } from '@enlace/workflows';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const dayMessage = '$property must be a date YYYY-MM-DD';
export const GROUP_BY = ['stage', 'countryPair', 'measure', 'month'] as const;

export class TurnaroundQuery {
  @ApiPropertyOptional({ format: 'date', example: '2026-01-01', description: 'First day (UTC) on which a stage entered counts' })
  @IsOptional()
  @Matches(DAY, { message: dayMessage })
  @IsISO8601({ strict: true }, { message: dayMessage })
  from?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-06-30', description: 'Last day (UTC, included) on which a stage entered counts' })
  @IsOptional()
  @Matches(DAY, { message: dayMessage })
  @IsISO8601({ strict: true }, { message: dayMessage })
  to?: string;

  @ApiPropertyOptional({ enum: COUNTRY_CODES, description: 'Only requests to this requested country' })
  @IsOptional()
  @IsIn(COUNTRY_CODES)
  requestedCountry?: CountryCode;

  @ApiPropertyOptional({
    enum: GROUP_BY,
    default: 'stage',
    description:
      'stage: one row per stage; countryPair: per requesting -> requested pair and stage; measure: per kind of measure sought ' +
      'and stage (a request seeking two kinds counts in both); month: per month a stage was entered (YYYY-MM, UTC) and stage ' +
      '(the monthly trend: each month\'s figures equal those asked with from/to on that month\'s first and last day)',
  })
  @IsOptional()
  @IsIn(GROUP_BY)
  groupBy?: (typeof GROUP_BY)[number];
}

export class OverdueQuery {
  @ApiPropertyOptional({ enum: COUNTRY_CODES }) @IsOptional() @IsIn(COUNTRY_CODES) requestedCountry?: CountryCode;
  @ApiPropertyOptional({ enum: DEADLINE_STAGES }) @IsOptional() @IsIn(DEADLINE_STAGES) stage?: string;
  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: MAX_PAGE }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE) page = 1;
  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 1000 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000)
  pageSize = 100;
}
