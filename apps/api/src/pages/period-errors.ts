import { DomainError, ErrorCode, isUnsafeTextRule, withoutUnsafeText } from '@enlace/core';
import type { FieldError, PageContext, UiKey } from '@enlace/pages';
import { fieldRefusal, refusedOnce, type FormFields } from '@enlace/web';

/**
 * A period refused (a day no calendar has, an end before its start, a date missing, an invisible
 * character pasted with a date): its two dates as typed (invisible characters taken out) and the
 * messages beside them, each named by its label and once. Any other refusal, or one naming a field
 * that is not the period's, is thrown again, for the error page.
 */
export function periodRefusal(ctx: PageContext, error: unknown, sent: FormFields, labels: { from: UiKey; to: UiKey }): { typed: { from: string; to: string }; errors: FieldError[] } {
  if (!(error instanceof DomainError) || error.code !== ErrorCode.ValidationFailed) throw error;
  const fields = refusedOnce(error);
  if (fields.length === 0 || fields.some((f) => f.field !== 'from' && f.field !== 'to')) throw error;
  const typed = withoutUnsafeText({ from: typeof sent.from === 'string' ? sent.from : '', to: typeof sent.to === 'string' ? sent.to : '' });
  const errors = fields.map(({ field, rule }) => {
    const date = field as 'from' | 'to';
    const problem: UiKey = isUnsafeTextRule(rule) ? 'controlCharacterRemoved' : rule === 'not_before_from' ? 'periodEndBeforeStart' : typed[date] ? 'notACalendarDay' : 'fieldRequired';
    return fieldRefusal(ctx.lang, field, labels[date], problem);
  });
  return { typed, errors };
}
