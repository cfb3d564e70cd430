import { isUnsafeTextRule, type DomainError } from '@enlace/core';
import type { FieldError, PageContext, UiKey } from '@enlace/pages';
import { fieldRefusal, refusedFields } from '@enlace/web';

/**
 * A period refused (a day no calendar has, an end before its start, a date missing), as the messages
 * beside its two dates, each named by its label; a date broken by two rules is named once. Other
 * fields the refusal names are not the period's: undefined, for the error page.
 */
export function periodErrors(ctx: PageContext, error: DomainError, typed: { from: string; to: string }, labels: { from: UiKey; to: UiKey }): FieldError[] | undefined {
  const fields = refusedFields(error);
  if (fields.length === 0 || fields.some((f) => f.field !== 'from' && f.field !== 'to')) return undefined;
  return fields
    .filter((f, i) => fields.findIndex((o) => o.field === f.field) === i)
    .map(({ field, rule }) => {
      const date = field as 'from' | 'to';
      const problem: UiKey = isUnsafeTextRule(rule) ? 'controlCharacterRemoved' : rule === 'not_before_from' ? 'periodEndBeforeStart' : typed[date] ? 'notACalendarDay' : 'fieldRequired';
      return fieldRefusal(ctx.lang, field, labels[date], problem);
    });
}
