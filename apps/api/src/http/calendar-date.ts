import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isIsoDate } from '@enlace/workflows';

/**
 * A day, written YYYY-MM-DD, that the calendar has. IsISO8601 also takes a date-time
 * ('2009-04-17T02:00'): a date of birth then printed with a time and the worker's zone, an urgent
 * deadline that the stage clock ignored. `partial` takes a year or a year and month alone as well
 * (YYYY, YYYY-MM): a migrant often knows no more of their birth, and the disclosure policy counts
 * a partial date from its latest possible day.
 */
export function IsCalendarDate(options: { partial?: boolean } = {}, validationOptions?: ValidationOptions): PropertyDecorator {
  const shape = options.partial ? 'YYYY-MM-DD (or YYYY-MM, or YYYY)' : 'YYYY-MM-DD';
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && (isIsoDate(value) || (options.partial === true && isPartialDate(value))),
        defaultMessage: () => `$property must be a calendar date written ${shape}, without a time`,
      },
    },
    validationOptions,
  );
}

function isPartialDate(value: string): boolean {
  const match = /^(\d{4})(?:-(\d{2}))?$/.exec(value);
  return match !== null && (match[2] === undefined || (Number(match[2]) >= 1 && Number(match[2]) <= 12));
}
