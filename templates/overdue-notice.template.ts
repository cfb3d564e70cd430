// A reminder that a stage is overdue (the 2013 review found requests to the United States took
// about ten months; a delay that nobody sees is a delay nobody shortens). It cites the request, the
// stage, the date due and the days late, and nothing of the case's content.
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { contentHash } from './content-hash.js';
import { remarks, requestSummary, signatureBlock, stateName, statement } from './document-parts.js';
import { LABELS, PHRASES, STATE_LABELS } from './labels.js';
import { fieldTable, frame, langOf, sectionTitle, text } from './layout.js';
import type { DocumentViewModel } from './view-model.js';

export function overdueNoticeTemplate(vm: DocumentViewModel, hash: string = contentHash(vm)): TDocumentDefinitions {
  const lang = langOf(vm);
  const o = vm.overdue;
  const stage = text(o?.stage ?? vm.request.state);
  const days = text(o?.daysLate ?? '');
  return frame({
    vm,
    hash,
    content: [
      statement(lang, (l) => PHRASES.overdueStatement[l](STATE_LABELS[stage]?.[l] ?? stage, days)),
      sectionTitle(lang, '1', LABELS.requestTitle),
      requestSummary(vm, lang),
      sectionTitle(lang, '2', LABELS.overdueStage),
      fieldTable(lang, [
        ['stage', stateName(lang, stage)],
        ['dueAt', lang.date(o?.dueAt)],
        ['daysLate', days],
      ]),
      ...remarks(lang, 'comment', vm.event?.comment),
      signatureBlock(vm, lang),
    ],
  });
}
