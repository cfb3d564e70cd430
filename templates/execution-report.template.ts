// REPORT_EXECUTION_PART and RECORD_EXECUTION: the requested central authority's report of what it
// has executed, part by part (each part its note and the evidence delivered with it), and a final one
// when the execution closes (UNTOC art. 18(24): the requested State reports on the progress of its
// handling; Nassau art. 8: the evidence is delivered to the requesting State's central authority).
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { contentHash } from './content-hash.js';
import { addresseeBlock, closing, countriesOf, issuerSubject, remarks, requestSummary, signatureBlock, statement } from './document-parts.js';
import { PHRASES, type Translated } from './labels.js';
import { fieldTable, frame, langOf, sectionTitle, text } from './layout.js';
import type { DocumentViewModel } from './view-model.js';

const L = {
  execution: { es: 'Ejecución', en: 'Execution', fr: 'Exécution' },
  part: { es: 'Parte', en: 'Part', fr: 'Partie' },
  final: { es: 'Informe final', en: 'Final report', fr: 'Rapport final' },
  outcome: { es: 'Resultado', en: 'Outcome', fr: 'Résultat' },
  total: { es: 'Ejecución total', en: 'Executed in full', fr: 'Exécution totale' },
  partial: { es: 'Ejecución parcial', en: 'Executed in part', fr: 'Exécution partielle' },
  evidence: { es: 'Pruebas entregadas', en: 'Evidence delivered', fr: 'Éléments de preuve remis' },
  none: { es: 'Ninguna en esta parte', en: 'None with this part', fr: 'Aucun avec cette partie' },
} as const satisfies Record<string, Translated>;

const STATEMENT: Translated = {
  es: 'informa sobre la ejecución de la solicitud de asistencia jurídica mutua en materia penal identificada en este documento.',
  en: 'reports on the execution of the request for mutual legal assistance in criminal matters identified in this document.',
  fr: 'fait rapport sur l’exécution de la demande d’entraide judiciaire en matière pénale identifiée dans le présent document.',
};

export function executionReportTemplate(vm: DocumentViewModel, hash: string = contentHash(vm)): TDocumentDefinitions {
  const lang = langOf(vm);
  const execution = vm.execution;
  const both = (label: Translated) => lang.languages.map((l) => label[l]).join(' / ');
  const evidence = execution?.evidence ?? [];
  return frame({
    vm,
    hash,
    content: [
      ...addresseeBlock(vm, lang),
      statement(lang, (l) => `${issuerSubject(vm, l, 'central_authority')} ${STATEMENT[l]}`),
      sectionTitle(lang, '1', { es: 'Asunto de la solicitud', en: 'Subject of the request', fr: 'Objet de la demande' }),
      requestSummary(vm, lang),
      sectionTitle(lang, '2', L.execution),
      fieldTable(lang, [
        [L.part, execution?.final ? both(L.final) : text(execution?.part ?? vm.revision)],
        [L.outcome, execution?.outcome ? both(L[execution.outcome]) : undefined],
      ]),
      sectionTitle(lang, '3', L.evidence),
      evidence.length > 0 ? { ol: evidence.map((item) => text(item)), style: 'body' } : { text: both(L.none), style: 'body' },
      ...remarks(lang, 'comment', vm.event?.comment),
      closing(lang, (l) => PHRASES.acknowledgementClosing[l](issuerSubject(vm, l, 'central_authority'), countriesOf(vm, l).fromOf)),
      signatureBlock(vm, lang),
    ],
  });
}
