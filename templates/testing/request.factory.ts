// Test data: a complete, realistic request (a fictitious GT -> MX migrant smuggling case; names,
// accounts and file numbers are invented) with overridable defaults. Use it in specs instead of
// writing request literals: `buildRequestFields({ urgency: { urgent: false } })`,
// `buildViewModel('authorization', { reference: 'GT-MX-2026-000999' })`.
import type { Measure, Person, RequestFields, Translation } from '../../workflows/request/request.types.js';
import { officeFor } from '../../workflows/rules/offices.js';
import { issuingOffice } from '../issuer.js';
import type { DocumentIssuer, DocumentKind, DocumentRequest, DocumentViewModel } from '../view-model.js';

/** The letterhead of the office acting for a role of a country, from the reviewed data, with a note number. */
export const issuerOf = (country: DocumentRequest['requestingCountry'], role: string, noteNumber?: string): DocumentIssuer => ({
  office: issuingOffice(officeFor(country, role)!),
  ...(noteNumber && { noteNumber }),
});

export const SUSPECT: Person = {
  role: 'suspect',
  fullName: 'Juan Carlos Peña Ibáñez',
  nationality: 'guatemalteca',
  dateOfBirth: '1981-07-14',
  identityDocument: 'DPI 2456 78901 0101',
  location: 'Tapachula, Chiapas, México',
};

/** A 16-year-old smuggled migrant travelling alone: protected twice (role and vulnerability). */
export const SMUGGLED_MINOR: Person = {
  role: 'smuggled_migrant',
  fullName: 'Josué Andrés Muñoz Pérez',
  nationality: 'hondureña',
  dateOfBirth: '2009-11-03',
  identityDocument: 'Partida de nacimiento 0801-2009-11234',
  location: 'Albergue del DIF, Tapachula, Chiapas',
  vulnerabilities: ['unaccompanied_minor'],
};

export const BANK_WITNESS: Person = {
  role: 'witness',
  fullName: 'Ana Lucía Cifuentes Toj',
  nationality: 'mexicana',
  location: 'Sucursal Tapachula Centro, Banco del Soconusco, S.A.',
};

export const ACCOUNT_HOLDER: Person = {
  role: 'account_holder',
  fullName: 'Transportes y Logística del Suchiate, S.A. de C.V.',
  nationality: 'mexicana',
  identityDocument: 'RFC TLS150312AB4',
  location: 'Ciudad Hidalgo, Chiapas',
};

/**
 * The whole English translation of buildRequestFields() (every text of TRANSLATABLE_FIELDS), with the
 * translator's attestation: what a GT -> US request needs to pass SUBMIT.
 */
export const ENGLISH_TRANSLATION: Translation = {
  title: 'Migrant smuggling: the Tecún Umán – Tapachula network',
  summaryOfFacts:
    'Between March and November 2025 an organized group led by the suspect moved at least 140 migrants from Guatemala into Mexico across the Suchiate river, charging between USD 3,500 and USD 8,000 per person. Payments were made by transfers and cash deposits into an account held in Mexico by a transport company used as a front. On 12 November 2025 an unaccompanied 16-year-old was found abandoned in Tapachula.',
  purpose:
    'To identify the flow of the proceeds of the smuggling, to establish the suspect’s control of the front company, and to obtain the testimony of the bank officer who opened the account, for use as evidence in the criminal proceedings in Guatemala.',
  measures: [
    'Bank records of account 0123-4567-89 at Banco del Soconusco, S.A., 1 January 2025 to 31 December 2025.',
    'Testimony of the bank officer who opened the account, with the attached list of questions.',
  ],
  texts: {
    'proceeding.stage': 'Preparatory investigation; the suspect’s first statement is expected in April 2026',
    'offenses[0].name': 'Smuggling of migrants',
    'offenses[0].legalProvision': 'Migration Code (Decree 44-2016), art. 229',
    'offenses[0].maxPenalty': 'Eight years’ imprisonment',
    'offenses[0].provisionText':
      'Whoever facilitates, promotes, finances, transports or guides one or more persons to enter the territory of another State irregularly, in order to obtain a financial benefit, commits the offence of smuggling of migrants.',
    'offenses[0].limitation': 'Time-barred after 20 years (art. 107 of the Criminal Code): not before 2045.',
    'untocScope.transnational': 'The migrants were moved from Guatemala into Mexico and the payments were deposited into an account opened in Mexico.',
    'untocScope.organizedGroup': 'A group of at least five persons, with recruiters in Guatemala and carriers in Chiapas, acting in concert for nine months to obtain a financial benefit.',
    dualCriminality:
      'In Mexico the facts constitute the offence of trafficking of undocumented persons (Migration Law, art. 159) and that of transactions with resources of illicit origin (Federal Criminal Code, art. 400 bis).',
    reciprocityUndertaking: 'Guatemala undertakes to execute requests for assistance from Mexico under the same conditions.',
    'execution.personsPresent': 'A prosecutor of the Office against Trafficking in Persons and Smuggling of Migrants, by videoconference.',
    'execution.certification': 'Copies certified by the bank, with a certificate of authenticity signed by its custodian.',
    'protection.measures': 'The identity and whereabouts of the adolescent are not to be disclosed; no step in his presence without his representative from the DIF.',
    'protection.interpreters': 'A Mam interpreter for the adolescent, should he be interviewed.',
    'dataProtection.safeguards': 'Personal data will be used only in these criminal proceedings and disclosed only to their parties.',
    'dataProtection.retention': 'They will be kept until the end of the proceedings and the legal time limits, then destroyed.',
    'offenses[0].aggravating': 'The victim is an unaccompanied minor; life endangered while crossing the Suchiate river.',
    'offenses[1].name': 'Laundering of money or other assets',
    'offenses[1].legalProvision': 'Law against Money or Other Assets Laundering (Decree 67-2001), art. 2',
    'offenses[1].maxPenalty': 'Twenty years’ imprisonment',
    'measures[0].details': 'Period: 1 January 2025 to 31 December 2025. Copies certified by the bank.',
    'measures[1].details': 'At the office of the Attorney General of the Republic in Tapachula, Chiapas, or by videoconference.',
    'measures[1].questions[0]': 'Who asked for the account to be opened and what documents did they present?',
    'measures[1].questions[1]': 'Do you know Juan Carlos Peña Ibáñez? In what circumstances did you meet him?',
    'measures[1].questions[2]': 'Who was authorized to withdraw funds and how often did they do so?',
    'measures[1].questions[3]': 'Did the bank report any unusual transaction related to the account? When and to which authority?',
    'persons[0].nationality': 'Guatemalan',
    'persons[1].nationality': 'Honduran',
    'persons[2].nationality': 'Mexican',
    'persons[3].nationality': 'Mexican',
    procedures:
      'It is requested that the copies of the bank records be certified by the bank and that the statement be taken in the presence of a Guatemalan prosecutor, by videoconference, under article 18(18) of the Convention.',
    'confidentiality.reason': 'The investigation is ongoing and the suspect is unaware of it; disclosure would endanger the minor and the witnesses.',
    'urgency.reason': 'Time limit of the preparatory investigation and risk that the account is closed.',
    'priorInformalExchanges[0].summary': 'The existence of the account and the bank that holds it were confirmed informally.',
  },
  attestation: { translatorName: 'Jane R. Doe', qualification: 'Sworn translator (Spanish–English), Colegio de Traductores de Guatemala, No. 1234', date: '2026-11-20' },
};

/** One complete measure of each type that has structured fields (workflows/rules/measure.rules.ts). */
export const STRUCTURED_MEASURES: Record<'search_and_seizure' | 'bank_records' | 'electronic_evidence' | 'testimony' | 'videoconference_hearing' | 'transfer_detained_person', Measure> = {
  search_and_seizure: {
    type: 'search_and_seizure',
    description: 'Registro de la bodega usada como casa de seguridad.',
    place: 'Bodega 4, Calle 3 Poniente 12, Ciudad Hidalgo, Chiapas',
    itemsSought: 'Libretas con listas de pasajeros, teléfonos móviles, documentos de identidad falsos y dinero en efectivo',
    grounds: 'Dos migrantes declararon haber sido retenidos allí en octubre de 2025 y haber visto las listas.',
  },
  bank_records: {
    type: 'bank_records',
    description: 'Estados de cuenta y registro de transferencias.',
    institution: 'Banco del Soconusco, S.A.',
    account: '0123-4567-89',
    accountHolder: 'Transportes y Logística del Suchiate, S.A. de C.V.',
    period: { from: '2025-01-01', to: '2025-12-31' },
  },
  electronic_evidence: {
    type: 'electronic_evidence',
    description: 'Datos de abonado y de tráfico de la línea usada para coordinar los cruces.',
    provider: 'Telefonía del Sureste, S.A. de C.V.',
    identifiers: ['+52 962 555 0101', 'elnato.suchiate@correo.example'],
    period: { from: '2025-03-01', to: '2025-11-30' },
    preservationReference: 'TSE-PRES-2025-0042',
  },
  testimony: {
    type: 'testimony',
    description: 'Declaración de la funcionaria bancaria que abrió la cuenta.',
    witness: 'Ana Lucía Cifuentes Toj',
    questions: ['¿Quién solicitó la apertura de la cuenta?'],
  },
  videoconference_hearing: {
    type: 'videoconference_hearing',
    description: 'Audiencia por videoconferencia de la funcionaria bancaria.',
    witness: 'Ana Lucía Cifuentes Toj',
    questions: ['¿Reportó el banco alguna operación inusual?'],
    hearing: { from: '2026-12-10T15:00', to: '2026-12-10T18:00', timeZone: 'America/Guatemala', technicalContact: 'Unidad de Videoconferencias del MP, +502 2411 9100', interpreter: 'No se requiere' },
  },
  transfer_detained_person: {
    type: 'transfer_detained_person',
    description: 'Traslado temporal del detenido para declarar en la audiencia de juicio.',
    detainedPerson: 'Mario Ruiz Solís, recluido en el CEFERESO 15, Villa Comaltitlán',
    consent: { given: true, date: '2026-11-20', record: 'Acta de consentimiento ante el juez de control, causa 88/2026' },
  },
};

/** An ISO date this many days after today (UTC). */
export const daysFromToday = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** The fields a fiscal writes (the body of POST /api/requests), complete enough to SUBMIT. */
export function buildRequestFields(overrides: Partial<RequestFields> = {}): RequestFields {
  return {
    requestedCountry: 'MX',
    title: 'Tráfico ilícito de migrantes: red Tecún Umán – Tapachula',
    language: 'es',
    caseReference: 'MP001-2025-48213',
    proceeding: {
      type: 'investigation',
      authority: 'Fiscalía contra la Trata de Personas y el Tráfico Ilícito de Migrantes, Ministerio Público de Guatemala',
      stage: 'Investigación preparatoria; primera declaración del sindicado prevista para abril de 2026',
    },
    legalBasis: ['UNTOC_ART18', 'SOM_PROTOCOL', 'NASSAU_1992'],
    offenses: [
      {
        name: 'Tráfico ilícito de migrantes',
        legalProvision: 'Código de Migración (Decreto 44-2016), art. 229',
        provisionText:
          'Comete el delito de tráfico ilícito de migrantes quien facilite, promueva, financie, transporte o guíe a una o más personas a ingresar al territorio de otro Estado de forma irregular, con el fin de obtener un beneficio económico.',
        maxPenalty: 'Ocho años de prisión',
        limitation: 'Prescribe a los 20 años (art. 107 del Código Penal): no antes de 2045.',
        conduct: ['illegal_entry', 'organizing'],
        aggravating: 'La víctima es una persona menor de edad no acompañada; puesta en peligro de la vida durante el cruce del río Suchiate.',
      },
      {
        name: 'Lavado de dinero u otros activos',
        legalProvision: 'Ley contra el Lavado de Dinero u Otros Activos (Decreto 67-2001), art. 2',
        maxPenalty: 'Veinte años de prisión',
      },
    ],
    summaryOfFacts:
      'Entre marzo y noviembre de 2025, un grupo organizado dirigido por Juan Carlos Peña Ibáñez, alias «el Ñato», trasladó al menos 140 personas migrantes desde Guatemala hacia México por el río Suchiate, cobrando entre 3,500 y 8,000 dólares por persona. Los pagos se hicieron mediante transferencias y depósitos en efectivo a una cuenta abierta en México a nombre de una empresa de transporte utilizada como fachada. El 12 de noviembre de 2025 se localizó en Tapachula, abandonado, al adolescente Josué Andrés Muñoz Pérez, de 16 años, quien viajaba sin compañía.',
    purpose:
      'Establecer el flujo de los recursos obtenidos del tráfico ilícito, acreditar el control del sindicado sobre la empresa fachada y obtener la declaración de la funcionaria bancaria que abrió la cuenta, para su uso como prueba en el proceso penal en Guatemala.',
    measures: [
      {
        type: 'bank_records',
        description:
          'Estados de cuenta, contrato de apertura, tarjeta de firmas y registro de transferencias internacionales de la cuenta 0123-4567-89 del Banco del Soconusco, S.A.',
        details: 'Copias certificadas por la institución bancaria.',
        institution: 'Banco del Soconusco, S.A., Sucursal Tapachula Centro',
        account: '0123-4567-89',
        accountHolder: 'Transportes y Logística del Suchiate, S.A. de C.V.',
        period: { from: '2025-01-01', to: '2025-12-31' },
      },
      {
        type: 'testimony',
        description: 'Declaración testimonial de la funcionaria bancaria Ana Lucía Cifuentes Toj, ejecutiva que abrió la cuenta.',
        details: 'En la sede de la Fiscalía General de la República en Tapachula, Chiapas, o por videoconferencia.',
        witness: 'Ana Lucía Cifuentes Toj',
        questions: [
          '¿Quién solicitó la apertura de la cuenta y qué documentos presentó?',
          '¿Conoce usted a Juan Carlos Peña Ibáñez? ¿En qué circunstancias lo conoció?',
          '¿Quiénes estaban autorizados para retirar fondos y con qué frecuencia lo hacían?',
          '¿Reportó el banco alguna operación inusual relacionada con la cuenta? ¿Cuándo y ante qué autoridad?',
        ],
      },
    ],
    persons: [SUSPECT, SMUGGLED_MINOR, BANK_WITNESS, ACCOUNT_HOLDER],
    untocScope: {
      category: 'protocol_offence',
      transnational: 'Las personas migrantes fueron trasladadas de Guatemala a México y los pagos se depositaron en una cuenta abierta en México.',
      organizedGroup: 'Un grupo de al menos cinco personas, con reclutadores en Guatemala y transportistas en Chiapas, que actuó concertadamente durante nueve meses para obtener un beneficio económico.',
    },
    dualCriminality:
      'Los hechos constituyen en México el delito de tráfico de indocumentados (Ley de Migración, art. 159) y el de operaciones con recursos de procedencia ilícita (Código Penal Federal, art. 400 Bis).',
    reciprocityUndertaking: 'Guatemala se compromete a atender en iguales condiciones las solicitudes de asistencia de México.',
    execution: {
      personsPresent: 'Un fiscal de la Fiscalía contra la Trata de Personas y el Tráfico Ilícito de Migrantes, por videoconferencia.',
      certification: 'Copias certificadas por la institución bancaria, con constancia de autenticidad firmada por su custodio.',
      returnOriginals: false,
    },
    costs: { extraordinary: false },
    protection: {
      measures: 'Que no se revele la identidad ni el paradero del adolescente; ninguna diligencia en su presencia sin su representante del DIF.',
      interpreters: 'Intérprete de idioma mam para el adolescente, si se le llegara a entrevistar.',
    },
    dataProtection: {
      safeguards: 'Los datos personales se usarán solo en este proceso penal y se comunicarán únicamente a las partes del mismo.',
      retention: 'Se conservarán hasta la conclusión del proceso y los plazos de ley; luego se destruirán.',
    },
    procedures:
      'Se solicita que las copias de los registros bancarios sean certificadas por la institución y que la declaración se reciba en presencia de un fiscal guatemalteco, por videoconferencia, conforme al art. 18, párr. 18, de la Convención.',
    confidentiality: {
      required: true,
      reason: 'La investigación está en curso y el sindicado desconoce su existencia; la divulgación pondría en riesgo al menor y a los testigos.',
    },
    urgency: {
      urgent: true,
      reason: 'Plazo de la investigación preparatoria y riesgo de cierre de la cuenta.',
      // Always ahead of today: SUBMIT refuses a date needed that has already passed.
      deadline: daysFromToday(120),
    },
    contact: {
      name: 'Lcda. María José Ordóñez',
      email: 'mordonez@mp.gob.gt',
      phone: '+502 2411 9191',
      languages: ['es', 'en'],
    },
    priorInformalExchanges: [
      {
        date: '2026-01-20',
        counterpart: 'Fiscal de enlace de la FGR, Unidad de Investigación de Delitos para Personas Migrantes',
        summary: 'Se confirmó por la vía informal la existencia de la cuenta y el banco que la administra.',
      },
    ],
    ...overrides,
  };
}

/** The request as a document prints it: the fields plus the platform's own data. */
export function buildDocumentRequest(overrides: Partial<DocumentRequest> = {}): DocumentRequest {
  const { requestedCountry = 'MX', ...rest } = overrides;
  return {
    ...buildRequestFields(),
    requestingCountry: 'GT',
    requestedCountry,
    createdBy: { name: 'Lcda. María José Ordóñez', office: 'Fiscalía contra el Tráfico Ilícito de Migrantes' },
    state: 'draft',
    ...rest,
  };
}

const STATE_AT: Record<DocumentKind, string> = {
  informal_draft: 'draft',
  standardized_form: 'pending_authorization',
  authorization: 'authorized',
  transmission_note: 'transmitted',
  acknowledgement: 'acknowledged',
  execution_report: 'acknowledged',
  overdue_notice: 'transmitted',
  supplementary_request: 'acknowledged',
  reminder_letter: 'transmitted',
  forwarding_note: 'transmitted',
};

export const FORM_SHA256 = '3f6c1c2e9b0a4d7e8f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f70';
export const AUTHORIZATION_SHA256 = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';

/**
 * A view model for a document of the given kind about the default request, with the extras that
 * kind carries (the authorized form, the enclosures, the receipt, the delay). `request` in the
 * overrides is merged into the default request; everything else replaces.
 */
export function buildViewModel(
  kind: DocumentKind,
  overrides: Omit<Partial<DocumentViewModel>, 'request'> & { request?: Partial<DocumentRequest> } = {},
): DocumentViewModel {
  const { request, ...rest } = overrides;
  const base: DocumentViewModel = {
    kind,
    reference: 'GT-MX-2026-000123',
    issuedAt: '2026-03-02T15:30:00.000Z',
    revision: 1,
    labels: { primary: 'es' },
    request: buildDocumentRequest({ state: STATE_AT[kind], ...request }),
  };
  switch (kind) {
    case 'informal_draft':
      base.event = { actor: { name: 'Lcda. María José Ordóñez', role: 'fiscal', country: 'GT' } };
      break;
    case 'standardized_form':
      base.event = { actor: { name: 'Lcda. María José Ordóñez', role: 'fiscal', country: 'GT', post: 'Fiscal de Sección' } };
      base.issuer = issuerOf('GT', 'fiscal', 'MP-GT/2026/00012');
      break;
    case 'authorization':
      base.event = {
        actor: { name: 'Lic. Andrés Quiñónez', role: 'cancilleria', country: 'GT', office: 'Dirección de Asuntos Jurídicos' },
        conditions: 'La información obtenida solo podrá usarse en el proceso MP001-2025-48213; transmitir por la vía diplomática en un plazo de cinco días hábiles.',
        comment: 'Revisado el fundamento jurídico: la Convención de Nassau es aplicable entre Guatemala y México.',
      };
      base.issuer = issuerOf('GT', 'cancilleria', 'MINEX-GT/2026/00017');
      base.authorizes = { kind: 'standardized_form', reference: 'GT-MX-2026-000123', revision: 1, contentHash: FORM_SHA256 };
      break;
    case 'transmission_note':
      base.event = {
        actor: { name: 'Lic. Andrés Quiñónez', role: 'cancilleria', country: 'GT', office: 'Dirección de Asuntos Jurídicos' },
      };
      base.issuer = issuerOf('GT', 'cancilleria', 'MINEX-GT/2026/00018');
      base.addressee = { role: 'central_authority', country: 'MX', office: { es: 'Fiscalía General de la República' }, channel: 'central_authority' };
      base.enclosures = [
        { kind: 'standardized_form', reference: 'GT-MX-2026-000123', revision: 1, contentHash: FORM_SHA256 },
        { kind: 'authorization', reference: 'GT-MX-2026-000123', revision: 1, contentHash: AUTHORIZATION_SHA256 },
      ];
      break;
    case 'acknowledgement':
      base.event = {
        actor: { name: 'Mtra. Guadalupe Ríos Nuñez', role: 'central_authority', country: 'MX', office: 'Dirección General de Asuntos Jurídicos, FGR' },
        comment: 'Se turna a la unidad competente para su diligenciamiento.',
      };
      base.issuer = issuerOf('MX', 'central_authority', 'FGR-MX/2026/00005');
      base.addressee = { role: 'authorities', country: 'GT' };
      base.acknowledgement = { requestedReference: 'FGR/AJI/0457/2026', receivedAt: '2026-03-09', officer: 'Mtra. Guadalupe Ríos Nuñez' };
      break;
    case 'execution_report':
      base.event = {
        actor: { name: 'Mtra. Guadalupe Ríos Nuñez', role: 'central_authority', country: 'MX', office: 'Dirección General de Asuntos Jurídicos, FGR' },
        comment: 'Primera parte: estados de cuenta certificados de enero a junio de 2025.',
      };
      base.issuer = issuerOf('MX', 'central_authority', 'FGR-MX/2026/00006');
      base.addressee = { role: 'authorities', country: 'GT' };
      base.execution = { part: 1, final: false, evidence: ['Estados de cuenta certificados, enero a junio de 2025 (48 folios)', 'Acta de entrega del banco'] };
      break;
    case 'supplementary_request':
      base.event = {
        actor: { name: 'Lic. Ana Lucía Pérez', role: 'central_authority', country: 'GT', office: 'Unidad de Asuntos Internacionales, Ministerio Público' },
        comment: 'Los registros bancarios se solicitan del 1 de enero al 31 de diciembre de 2025, de la cuenta 0012-3344-55.',
      };
      base.issuer = issuerOf('GT', 'central_authority', 'MP-GT/2026/00031');
      base.addressee = { role: 'central_authority', country: 'MX', office: { es: 'Fiscalía General de la República' }, channel: 'central_authority' };
      base.supplementary = { number: 1, annexes: ['Copia certificada del auto de apertura de la cuenta'], answersInfoRequest: true };
      break;
    case 'reminder_letter':
      base.event = { actor: { name: 'Lic. Ana Lucía Pérez', role: 'central_authority', country: 'GT', office: 'Unidad de Asuntos Internacionales, Ministerio Público' } };
      base.issuer = issuerOf('GT', 'central_authority', 'MP-GT/2026/00032');
      base.addressee = { role: 'central_authority', country: 'MX', office: { es: 'Fiscalía General de la República' }, channel: 'central_authority' };
      base.overdue = { stage: 'acknowledged', dueAt: '2026-03-16T23:59:59.999Z', daysLate: 12 };
      base.reminder = { transmittedAt: '2026-02-10T15:00:00.000Z' };
      break;
    case 'forwarding_note':
      base.event = { actor: { name: 'Lic. Rodrigo Téllez Vargas', role: 'cancilleria', country: 'MX', office: 'Consultoría Jurídica' } };
      base.issuer = issuerOf('MX', 'cancilleria', 'SRE-MX/2026/00044');
      base.addressee = { role: 'central_authority', country: 'MX', office: { es: 'Fiscalía General de la República' }, channel: 'diplomatic' };
      base.enclosures = [
        { kind: 'transmission_note', reference: 'GT-MX-2026-000123', revision: 1, contentHash: AUTHORIZATION_SHA256 },
        { kind: 'standardized_form', reference: 'GT-MX-2026-000123', revision: 1, contentHash: FORM_SHA256 },
        { kind: 'authorization', reference: 'GT-MX-2026-000123', revision: 1, contentHash: AUTHORIZATION_SHA256 },
      ];
      break;
    case 'overdue_notice':
      base.issuer = issuerOf('GT', 'fiscal');
      base.overdue = { stage: 'transmitted', dueAt: '2026-03-16', daysLate: 12 };
      break;
  }
  return { ...base, ...rest };
}
