// The requesting side's follow-up on the pages (issue 13, step 4): the fields of a supplementary
// request, a reminder and an urgent advance copy in the action forms, the advance copy recorded, and
// the server's refusals of them in the reader's language. The same pieces serve the office's review
// page and the fiscal's request page; neither decides what may be done: they show availableEvents.
import { ADVANCE_COPY_CHANNELS, deriveRoute } from '../../workflows/rules/channels.js';
import type { CountryCode, Language, RequestFields } from '../../workflows/request/request.types.js';
import { ui, type UiKey } from '../page-labels.js';
import { ChoiceGroup, TextArea, TextInput } from './components.js';
import { formatDateTime, formatDay } from './format.js';
import type { PageContext } from './page-context.js';

export const FOLLOW_UP_EVENTS: readonly string[] = ['SEND_SUPPLEMENTARY_REQUEST', 'SEND_REMINDER', 'RECORD_ADVANCE_COPY'];

export interface AdvanceCopyView {
  channel: string;
  sentOn: string;
  reference: string;
  confirmBy: string;
  confirmedAt: string | null;
  status: 'awaiting_confirmation' | 'confirmed' | 'confirmed_late';
}

/**
 * The controls an action's form adds for a follow-up event. `idOf(name)` gives each control's id (the
 * two pages name them differently); `errorOf(name)` the server's message for it.
 */
export function FollowUpFields({
  ctx,
  event,
  idOf,
  errorOf,
  typed,
  channels,
}: {
  ctx: PageContext;
  event: string;
  /** The route's advance-copy channels, when the request has a route (else every channel the data knows). */
  channels?: readonly string[];
  idOf: (name: string) => string;
  errorOf: (name: string) => string | undefined;
  typed?: Record<string, unknown>;
}) {
  const t = (key: UiKey) => ui(ctx.lang, key);
  const value = (name: string) => (typeof typed?.[name] === 'string' ? (typed[name] as string) : undefined);
  if (event === 'SEND_SUPPLEMENTARY_REQUEST') {
    return (
      <>
        <TextArea ctx={ctx} id={idOf('translation')} name="translation" label={t('supplementTranslation')} hint={t('supplementTranslationHint')} error={errorOf('translation')} value={value('translation')} rows={4} maxLength={20000} />
        <TextArea ctx={ctx} id={idOf('annexes')} name="annexes" label={t('supplementAnnexes')} hint={t('supplementAnnexesHint')} error={errorOf('annexes')} value={value('annexes')} rows={3} maxLength={20000} />
      </>
    );
  }
  if (event === 'SEND_REMINDER') {
    return <p class="usa-hint">{t('reminderHint')}</p>;
  }
  if (event === 'RECORD_ADVANCE_COPY') {
    return (
      <>
        <ChoiceGroup
          id={idOf('channel')}
          name="channel"
          legend={t('advanceCopyChannel')}
          type="radio"
          error={errorOf('channel')}
          options={(channels ?? ADVANCE_COPY_CHANNELS).map((channel) => ({ value: channel, label: t(`advanceCopy_${channel}` as UiKey) }))}
          checked={value('channel') ? [value('channel')!] : []}
        />
        <TextInput ctx={ctx} id={idOf('sentOn')} name="sentOn" label={t('advanceCopySentOn')} required error={errorOf('sentOn')} value={value('sentOn')} maxLength={10} />
        <TextInput ctx={ctx} id={idOf('reference')} name="reference" label={t('advanceCopyReference')} required error={errorOf('reference')} value={value('reference')} maxLength={300} />
      </>
    );
  }
  return null;
}

/** The channels an advance copy may take: the route's, or before SUBMIT those its bases would give it. */
export function advanceCopyChannels(request: RequestFields & { requestingCountry: string; route?: { advanceCopy?: { channels: readonly string[] } | null } | null }): readonly string[] | undefined {
  return (request.route ?? deriveRoute(request, request.requestingCountry as CountryCode))?.advanceCopy?.channels;
}

/** The event data a follow-up form posts, as the API takes it (annexes one per line). */
export function followUpData(form: Record<string, unknown>): Record<string, unknown> {
  const text = (name: string) => (typeof form[name] === 'string' ? (form[name] as string).trim() : '');
  const annexes = text('annexes').split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  return {
    ...(text('translation') ? { translation: text('translation') } : {}),
    ...(annexes.length > 0 ? { annexes } : {}),
    ...(text('channel') ? { channel: text('channel') } : {}),
    ...(text('sentOn') ? { sentOn: text('sentOn') } : {}),
    ...(text('reference') ? { reference: text('reference') } : {}),
  };
}

/**
 * The words of a follow-up refusal that a generic "invalid value" would not tell: from when a reminder
 * is possible, why none applies, why no advance copy may be recorded. Undefined for any other.
 */
export function followUpRefusal(lang: Language, timeZone: string, violation: { field: string; rule: string; possibleFrom?: string }): string | undefined {
  if (violation.rule === 'deadline_not_passed' && violation.possibleFrom) return `${ui(lang, 'reminderPossibleFrom')} ${formatDateTime(violation.possibleFrom, lang, timeZone)}.`;
  if (violation.rule === 'no_deadline_on_requested_side') return ui(lang, 'reminderNoDeadline');
  if (violation.rule === 'advance_copy_not_allowed') return ui(lang, 'advanceCopyNotAllowed');
  return undefined;
}

/** The advance copy recorded: channel, day, reference, and whether the formal request confirmed it. */
export function AdvanceCopyFact({ ctx, copy }: { ctx: PageContext; copy: AdvanceCopyView | null | undefined }) {
  if (!copy) return null;
  const t = (key: UiKey) => ui(ctx.lang, key);
  return (
    <>
      <dt>{t('advanceCopy')}</dt>
      <dd data-advance-copy={copy.status}>
        {t(`advanceCopy_${copy.channel}` as UiKey)} · {formatDay(copy.sentOn, ctx.lang, ctx.timeZone)} · {copy.reference} · {t(`advanceCopy_${copy.status}` as UiKey)}
        {copy.status === 'awaiting_confirmation' ? ` (${t('advanceCopyConfirmBy')} ${formatDay(copy.confirmBy, ctx.lang, ctx.timeZone)})` : ''}
      </dd>
    </>
  );
}
