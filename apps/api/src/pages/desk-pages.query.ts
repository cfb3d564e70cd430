import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { DEADLINE_STAGES } from '@enlace/turnaround';
import type { CountryCode } from '@enlace/workflows';
import { OverdueQuery, TurnaroundQuery } from '../analytics/analytics.query.js';
import { MAX_PAGE } from '../http/validation.js';
import { emptyIsAny } from './request-pages.query.js';

/** A page of an office's work queue. */
export class WorkQueuePageQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE) page = 1;
}

/** The administrator's console: the page of failed documents, and the one just re-queued. */
export class AdminPageQuery extends WorkQueuePageQuery {
  @IsOptional() @IsUUID() retried?: string;
}

/** The dashboard's filters as its GET form sends them: the analytics' own, and the overdue list's stage and page. */
export class DashboardPageQuery extends TurnaroundQuery {
  @emptyIsAny() declare from?: string;
  @emptyIsAny() declare to?: string;
  @emptyIsAny() declare requestedCountry?: CountryCode;
  @emptyIsAny() @IsOptional() @IsIn(DEADLINE_STAGES) stage?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE) page: number = 1;
}

export const DASHBOARD_OVERDUE_PAGE_SIZE = 20;

/** The overdue list's part of the dashboard's filters. */
export const overdueQueryOf = (query: DashboardPageQuery): OverdueQuery => ({
  requestedCountry: query.requestedCountry,
  stage: query.stage,
  page: query.page,
  pageSize: DASHBOARD_OVERDUE_PAGE_SIZE,
});
