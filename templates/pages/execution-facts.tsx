// What the requested side tells the requesting one of its handling (issue 13): the executing authority
// the requested central authority named, and the conditions it proposed (UNTOC art. 18(26)) with the
// answer. Shown on the office's review page and on the fiscal's request page alike.
import { REFUSAL_GROUND_LABELS } from '../labels.js';
import { ui, type UiKey } from '../page-labels.js';
import { formatDay } from './format.js';
import { AdvanceCopyFact, type AdvanceCopyView } from './follow-up.js';
import type { PageContext } from './page-context.js';

export interface RequestExecution {
  executingAuthority: { office: string; assignedAt: string } | null;
  conditions: { text: string; proposedAt: string; answer: 'accepted' | 'declined' | null; answeredAt: string | null } | null;
  refusalGround?: string | null;
}

/** Who executes and on what conditions, once the requested central authority said so. */
export function ExecutionFacts({ ctx, request }: { ctx: PageContext; request: { handling?: RequestExecution; followUp?: { advanceCopy: AdvanceCopyView | null } } }) {
  const t = (key: UiKey) => ui(ctx.lang, key);
  const { executingAuthority, conditions, refusalGround } = request.handling ?? { executingAuthority: null, conditions: null };
  const advanceCopy = request.followUp?.advanceCopy ?? null;
  if (!executingAuthority && !conditions && !refusalGround && !advanceCopy) return null;
  const answer = conditions ? t(conditions.answer === 'accepted' ? 'conditionsAccepted' : conditions.answer === 'declined' ? 'conditionsDeclined' : 'conditionsAwaiting') : '';
  return (
    <dl class="enlace-facts" data-execution>
      <AdvanceCopyFact ctx={ctx} copy={advanceCopy} />
      {executingAuthority ? (
        <>
          <dt>{t('executingAuthority')}</dt>
          <dd data-executing-authority>
            {executingAuthority.office} · {formatDay(executingAuthority.assignedAt, ctx.lang, ctx.timeZone)}
          </dd>
        </>
      ) : null}
      {conditions ? (
        <>
          <dt>{t('conditionsProposed')}</dt>
          <dd data-conditions={conditions.answer ?? 'awaiting'}>
            <span class="enlace-prose">{conditions.text}</span> ({answer})
          </dd>
        </>
      ) : null}
      {refusalGround ? (
        <>
          <dt>{t('refusalGround')}</dt>
          <dd data-refusal-ground={refusalGround}>{REFUSAL_GROUND_LABELS[refusalGround]?.[ctx.lang] ?? refusalGround}</dd>
        </>
      ) : null}
    </dl>
  );
}

