import { Transform } from 'class-transformer';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { CountryCode, RequestState } from '@enlace/workflows';
import { ListRequestsQuery } from '../requests/list-requests.query.js';

/** A GET form sends its empty selects and boxes as "": they mean "any". */
export const emptyIsAny = () => Transform(({ value }) => (value === '' ? undefined : value));

/** The list's filters as the page's GET form sends them. */
export class RequestsPageQuery extends ListRequestsQuery {
  @emptyIsAny() declare state?: RequestState;
  @emptyIsAny() declare requestedCountry?: CountryCode;
  @emptyIsAny() @IsOptional() @IsString() @MaxLength(100) search?: string;
}
