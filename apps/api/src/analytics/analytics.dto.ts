// The response shapes of /api/analytics, for the OpenAPI document (the service returns plain objects
// of the types in libs/turnaround; these classes only describe them).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COUNTRY_CODES } from '@enlace/workflows';
import { DEADLINE_STAGES, STAGES } from '@enlace/turnaround';
import { GROUP_BY } from './analytics.query.js';

class ScopeDto {
  @ApiProperty({ enum: ['country', 'region'], description: "country: a supervisor's own country; region: the admin's aggregates" })
  kind: string;
  @ApiPropertyOptional({ enum: COUNTRY_CODES }) country?: string;
}

class TurnaroundFilterDto {
  @ApiProperty({ type: String, nullable: true, format: 'date' }) from: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) to: string | null;
  @ApiProperty({ type: String, nullable: true, enum: COUNTRY_CODES }) requestedCountry: string | null;
}

export class StageFiguresDto {
  @ApiProperty({ enum: STAGES }) stage: string;
  @ApiPropertyOptional({ enum: COUNTRY_CODES, description: 'groupBy=countryPair' }) requestingCountry?: string;
  @ApiPropertyOptional({ enum: COUNTRY_CODES, description: 'groupBy=countryPair' }) requestedCountry?: string;
  @ApiPropertyOptional({ description: 'groupBy=measure: the kind of measure sought' }) measure?: string;
  @ApiPropertyOptional({ example: '2026-03', description: 'groupBy=month: the month (UTC) the visits entered the stage' }) month?: string;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Visits to the stage entered in the period (a request returned and resubmitted visits twice); null when suppressed',
  })
  visits: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Of those, left the stage' }) finished: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Of those, still in the stage' }) open: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Still in the stage with its deadline passed' }) overdue: number | null;
  @ApiProperty({
    description: 'The group counts fewer requests than the report\'s suppressedBelow ("fewer than 5"): every figure of it is null',
  })
  suppressed: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'Median time in stage, in whole hours (finished visits, and open ones up to asOf; 2 h 59 min counts 2)' })
  medianHours: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '90th percentile of the time in stage, in whole hours (linear interpolation between ranks)' })
  p90Hours: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Longest time in stage, in whole hours' }) maxHours: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'pending_authorization: first submissions the cancillería decided (AUTHORIZE, RETURN or REJECT); ' +
      'acknowledged: requests the central authority decided (RECORD_EXECUTION or REFUSE); null for other stages',
  })
  decided: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'pending_authorization: of decided, returned with observations' })
  returned: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'returned / decided, 0..1 (null when nothing was decided)' })
  returnedShare: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'acknowledged: of decided, refused' }) refused: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'refused / decided, 0..1 (null when nothing was decided)' })
  refusedShare: number | null;
}

export class TurnaroundReportDto {
  @ApiProperty({
    format: 'date-time',
    description:
      'The instant the figures are measured up to (open visits, overdue). Now, or, for figures kept ready (many visits, costly to compute: ENLACE_FIGURES_READY_FROM_VISITS and _FROM_MS), the instant the workers last computed them: at most five refreshes before (ENLACE_FIGURES_REFRESH_MS, 60 s, or twenty times its computing when longer)',
  })
  asOf: string;
  @ApiProperty({ type: ScopeDto }) scope: ScopeDto;
  @ApiProperty({ type: TurnaroundFilterDto }) filter: TurnaroundFilterDto;
  @ApiProperty({ enum: GROUP_BY }) groupBy: string;
  @ApiProperty({ enum: ['hours'], description: 'The unit of every time figure: whole hours' }) unit: 'hours';
  @ApiProperty({
    type: Number,
    nullable: true,
    description: "The admin's region figures hold back groups of fewer requests than this (ENLACE_AGGREGATE_MIN_GROUP, 5); null for a supervisor's, which count only requests the supervisor may read",
  })
  suppressedBelow: number | null;
  @ApiProperty({ type: [StageFiguresDto], description: 'groupBy=stage: every stage in lifecycle order; otherwise the groups seen' })
  items: StageFiguresDto[];
}

export class OverdueItemDto {
  @ApiProperty({ format: 'uuid' }) requestId: string;
  @ApiProperty({ example: 'GT-MX-2026-000123' }) reference: string;
  @ApiProperty({ enum: COUNTRY_CODES }) requestingCountry: string;
  @ApiProperty({ enum: COUNTRY_CODES }) requestedCountry: string;
  @ApiProperty({ enum: DEADLINE_STAGES }) stage: string;
  @ApiProperty({ format: 'date-time' }) enteredAt: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty({ description: 'Whole days started since dueAt: 1 as soon as the deadline has passed' }) daysLate: number;
  @ApiProperty({ enum: COUNTRY_CODES, description: 'The country of the office that must act' }) responsibleCountry: string;
  @ApiProperty({ enum: ['cancilleria', 'central_authority', 'fiscal'] }) office: string;
}

export class OverdueCountDto {
  @ApiProperty({ enum: DEADLINE_STAGES }) stage: string;
  @ApiProperty({ enum: COUNTRY_CODES }) requestingCountry: string;
  @ApiProperty({ enum: COUNTRY_CODES }) requestedCountry: string;
  @ApiProperty({ type: Number, nullable: true, description: 'null when suppressed' }) overdue: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'null when suppressed' }) maxDaysLate: number | null;
  @ApiProperty({ description: 'Fewer late requests than the report\'s suppressedBelow: held back' }) suppressed: boolean;
}

class OverdueFilterDto {
  @ApiProperty({ type: String, nullable: true, enum: COUNTRY_CODES }) requestedCountry: string | null;
  @ApiProperty({ type: String, nullable: true, enum: DEADLINE_STAGES }) stage: string | null;
}

export class OverdueReportDto {
  @ApiProperty({
    format: 'date-time',
    description:
      "The instant late is measured at (due before it). A supervisor's: now. The admin's counts, where kept ready (as the figures: ENLACE_FIGURES_READY_FROM_VISITS late visits and _FROM_MS), the instant they were last counted (by a worker, or by a read when none were kept): at most five refreshes before (ENLACE_FIGURES_REFRESH_MS, 60 s, or twenty times their counting when longer)",
  })
  asOf: string;
  @ApiProperty({ type: ScopeDto }) scope: ScopeDto;
  @ApiProperty({ type: OverdueFilterDto }) filter: OverdueFilterDto;
  @ApiProperty({ description: 'Late requests in the scope, all pages (where groups are held back, those of the groups shown)' }) total: number;
  @ApiProperty({ type: Number, nullable: true, description: "The admin's counts hold back groups of fewer than this; null for a supervisor" })
  suppressedBelow: number | null;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiPropertyOptional({ type: [OverdueItemDto], description: "Supervisors only (the admin reads no case): this page's late requests, longest overdue first" })
  items?: OverdueItemDto[];
  @ApiProperty({ type: [OverdueCountDto], description: 'How many are late per stage and country pair' }) counts: OverdueCountDto[];
}
