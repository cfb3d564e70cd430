// The documents' wording in the three working languages of the CRM members (es, en, fr). Terms
// follow the official texts where one exists: UNTOC art. 18 and the Smuggling of Migrants Protocol
// in their Spanish, English and French versions, and the Nassau Convention of 1992.
import type {
  CountryCode,
  Language,
  LegalBasis,
  MeasureType,
  PersonRole,
  ProceedingType,
  SmugglingConduct,
  UntocOffenceCategory,
  VulnerabilityCode,
} from '../workflows/request/request.types.js';
import type { DocumentKind } from './view-model.js';

export type Translated = Readonly<Record<Language, string>>;

export const DOCUMENT_TITLES: Readonly<Record<DocumentKind, Translated>> = {
  execution_report: {
    es: 'Informe de ejecución',
    en: 'Execution report',
    fr: 'Rapport d’exécution',
  },
  informal_draft: {
    es: 'Borrador informal de solicitud',
    en: 'Informal draft request',
    fr: 'Projet informel de demande',
  },
  standardized_form: {
    es: 'Formulario normalizado de solicitud',
    en: 'Standardized request form',
    fr: 'Formulaire normalisé de demande',
  },
  authorization: {
    es: 'Autorización para formalizar la solicitud',
    en: 'Authorization to formalize the request',
    fr: 'Autorisation de formaliser la demande',
  },
  transmission_note: {
    es: 'Nota de transmisión',
    en: 'Transmission note',
    fr: 'Note de transmission',
  },
  acknowledgement: {
    es: 'Acuse de recibo',
    en: 'Acknowledgement of receipt',
    fr: 'Accusé de réception',
  },
  overdue_notice: {
    es: 'Recordatorio de plazo vencido',
    en: 'Overdue notice',
    fr: 'Rappel d’échéance dépassée',
  },
  supplementary_request: {
    es: 'Solicitud complementaria',
    en: 'Supplementary request',
    fr: 'Demande complémentaire',
  },
  reminder_letter: {
    es: 'Carta de recordatorio',
    en: 'Reminder letter',
    fr: 'Lettre de rappel',
  },
  forwarding_note: {
    es: 'Nota de remisión a la autoridad central',
    en: 'Forwarding note to the central authority',
    fr: 'Note de transmission à l’autorité centrale',
  },
};

export const LABELS = {
  mlaRequest: {
    es: 'Solicitud de asistencia jurídica mutua en materia penal',
    en: 'Request for mutual legal assistance in criminal matters',
    fr: 'Demande d’entraide judiciaire en matière pénale',
  },
  informalBanner: {
    es: 'BORRADOR INFORMAL — NO VÁLIDO COMO SOLICITUD FORMAL',
    en: 'INFORMAL DRAFT — NOT VALID AS A FORMAL REQUEST',
    fr: 'PROJET INFORMEL — SANS VALEUR DE DEMANDE FORMELLE',
  },
  informalNotice: {
    es: 'Documento de consulta informal entre puntos de contacto. La información que contiene debe formalizarse por el canal oficial para poder utilizarse. Las personas protegidas figuran únicamente por sus iniciales.',
    en: 'Document for informal consultation between focal points. The information it contains must be formalized through the official channel before it can be used. Protected persons appear by their initials only.',
    fr: 'Document de consultation informelle entre points de contact. Les informations qu’il contient doivent être formalisées par la voie officielle pour pouvoir être utilisées. Les personnes protégées n’apparaissent que par leurs initiales.',
  },
  reference: { es: 'Referencia', en: 'Reference', fr: 'Référence' },
  issuedAt: { es: 'Fecha de emisión', en: 'Date of issue', fr: 'Date d’émission' },
  revision: { es: 'Revisión', en: 'Revision', fr: 'Révision' },
  subject: { es: 'Asunto', en: 'Subject', fr: 'Objet' },
  // The one hash a clerk follows: printed in every page's footer, cited by the next document, and
  // accepted by the verification page (the SHA-256 of the document's content, not of the file).
  contentHash: { es: 'Código de verificación', en: 'Verification code', fr: 'Code de vérification' },
  noteNumber: { es: 'Nota n.º', en: 'Note No.', fr: 'Note n°' },
  addressee: { es: 'Destinatario', en: 'Addressee', fr: 'Destinataire' },
  signature: { es: 'Firma y sello', en: 'Signature and seal', fr: 'Signature et sceau' },
  verify: { es: 'Verificación', en: 'Verification', fr: 'Vérification' },
  notStated: { es: 'No consta', en: 'Not stated', fr: 'Non indiqué' },
  pending: { es: 'Pendiente de completar', en: 'To be completed', fr: 'À compléter' },
  none: { es: 'Ninguno', en: 'None', fr: 'Aucun' },
  yes: { es: 'Sí', en: 'Yes', fr: 'Oui' },
  no: { es: 'No', en: 'No', fr: 'Non' },

  // Sections of the standardized request, in the order of the domain brief (UNTOC art. 18(15),
  // UN Model Treaty art. 5, Nassau arts. 24-28, EIO Annex A).
  secAuthorities: {
    es: 'Estados y autoridades',
    en: 'States and authorities',
    fr: 'États et autorités',
  },
  secProceeding: {
    es: 'Naturaleza y etapa del procedimiento',
    en: 'Nature and stage of the proceedings',
    fr: 'Nature et stade de la procédure',
  },
  secLegalBasis: { es: 'Fundamento jurídico', en: 'Legal basis', fr: 'Fondement juridique' },
  secOffenses: { es: 'Delitos', en: 'Offences', fr: 'Infractions' },
  secFacts: { es: 'Resumen de los hechos', en: 'Summary of the facts', fr: 'Exposé des faits' },
  secPurpose: {
    es: 'Finalidad de la asistencia solicitada',
    en: 'Purpose of the assistance sought',
    fr: 'Objet de l’entraide demandée',
  },
  secMeasures: { es: 'Medidas solicitadas', en: 'Measures sought', fr: 'Mesures demandées' },
  secPersons: { es: 'Personas involucradas', en: 'Persons concerned', fr: 'Personnes concernées' },
  secProcedures: {
    es: 'Procedimientos particulares',
    en: 'Particular procedures',
    fr: 'Procédures particulières',
  },
  secConfidentiality: {
    es: 'Confidencialidad y limitación de uso',
    en: 'Confidentiality and limited use',
    fr: 'Confidentialité et limitation d’utilisation',
  },
  secUrgency: { es: 'Urgencia', en: 'Urgency', fr: 'Urgence' },
  secContact: {
    es: 'Persona de contacto para la ejecución',
    en: 'Contact person for execution',
    fr: 'Personne de contact pour l’exécution',
  },
  secLanguage: {
    es: 'Idioma de la solicitud y traducción',
    en: 'Language of the request and translation',
    fr: 'Langue de la demande et traduction',
  },
  secPriorExchanges: {
    es: 'Intercambios informales previos',
    en: 'Prior informal exchanges',
    fr: 'Échanges informels préalables',
  },
  secTranslation: { es: 'Traducción', en: 'Translation', fr: 'Traduction' },
  secSignature: { es: 'Firma', en: 'Signature', fr: 'Signature' },

  requestingState: { es: 'Estado requirente', en: 'Requesting State', fr: 'État requérant' },
  requestedState: { es: 'Estado requerido', en: 'Requested State', fr: 'État requis' },
  requestingAuthority: {
    es: 'Autoridad que formula la solicitud',
    en: 'Authority making the request',
    fr: 'Autorité dont émane la demande',
  },
  conductingAuthority: {
    es: 'Autoridad a cargo del procedimiento',
    en: 'Authority conducting the proceedings',
    fr: 'Autorité chargée de la procédure',
  },
  caseReference: { es: 'Número de expediente', en: 'Case number', fr: 'Numéro de dossier' },
  requestTitle: { es: 'Asunto de la solicitud', en: 'Subject of the request', fr: 'Objet de la demande' },
  proceedingType: { es: 'Naturaleza', en: 'Nature', fr: 'Nature' },
  proceedingStage: { es: 'Etapa', en: 'Stage', fr: 'Stade' },
  instrument: { es: 'Instrumento', en: 'Instrument', fr: 'Instrument' },
  bilateralTreaty: { es: 'Tratado bilateral invocado', en: 'Bilateral treaty invoked', fr: 'Traité bilatéral invoqué' },
  offense: { es: 'Delito', en: 'Offence', fr: 'Infraction' },
  legalProvision: { es: 'Disposición legal', en: 'Legal provision', fr: 'Disposition légale' },
  maxPenalty: { es: 'Pena máxima', en: 'Maximum penalty', fr: 'Peine maximale' },
  conduct: { es: 'Conducta de tráfico', en: 'Smuggling conduct', fr: 'Comportement de trafic' },
  aggravating: { es: 'Circunstancias agravantes', en: 'Aggravating circumstances', fr: 'Circonstances aggravantes' },
  measureType: { es: 'Tipo de medida', en: 'Type of measure', fr: 'Type de mesure' },
  description: { es: 'Descripción', en: 'Description', fr: 'Description' },
  details: { es: 'Precisiones', en: 'Details', fr: 'Précisions' },
  questions: { es: 'Preguntas a formular', en: 'Questions to be asked', fr: 'Questions à poser' },
  role: { es: 'Calidad', en: 'Role', fr: 'Qualité' },
  fullName: { es: 'Nombre completo', en: 'Full name', fr: 'Nom complet' },
  initials: { es: 'Iniciales', en: 'Initials', fr: 'Initiales' },
  nationality: { es: 'Nacionalidad', en: 'Nationality', fr: 'Nationalité' },
  dateOfBirth: { es: 'Fecha de nacimiento', en: 'Date of birth', fr: 'Date de naissance' },
  identityDocument: { es: 'Documento de identidad', en: 'Identity document', fr: 'Pièce d’identité' },
  location: { es: 'Ubicación', en: 'Location', fr: 'Localisation' },
  vulnerability: { es: 'Condición de vulnerabilidad', en: 'Vulnerability', fr: 'Vulnérabilité' },
  protectedPerson: {
    es: 'Persona protegida: identidad reservada al canal formal',
    en: 'Protected person: identity reserved to the formal channel',
    fr: 'Personne protégée : identité réservée à la voie formelle',
  },
  confidentialityRequired: { es: 'Confidencialidad requerida', en: 'Confidentiality required', fr: 'Confidentialité requise' },
  reason: { es: 'Motivo', en: 'Reason', fr: 'Motif' },
  route: { es: 'Vía de transmisión', en: 'Channel of transmission', fr: 'Voie de transmission' },
  routeTransmitter: { es: 'Transmite', en: 'Transmitted by', fr: 'Transmise par' },
  routeVia: { es: 'Por conducto de', en: 'Through', fr: 'Par l’intermédiaire de' },
  routeReceiver: { es: 'Recibe y ejecuta', en: 'Received and executed by', fr: 'Reçue et exécutée par' },
  routeGoverning: { es: 'Conforme a', en: 'Under', fr: 'En vertu de' },
  channelCentralAuthority: { es: 'Entre autoridades centrales', en: 'Between central authorities', fr: 'Entre autorités centrales' },
  channelDiplomatic: { es: 'Vía diplomática', en: 'Diplomatic channel', fr: 'Voie diplomatique' },
  limitedUse: { es: 'Compromiso de uso limitado', en: 'Limited-use undertaking', fr: 'Engagement de limitation d’utilisation' },
  urgent: { es: 'Urgente', en: 'Urgent', fr: 'Urgent' },
  deadline: { es: 'Fecha límite', en: 'Date needed', fr: 'Date limite' },
  name: { es: 'Nombre', en: 'Name', fr: 'Nom' },
  email: { es: 'Correo electrónico', en: 'E-mail', fr: 'Courriel' },
  phone: { es: 'Teléfono', en: 'Telephone', fr: 'Téléphone' },
  languages: { es: 'Idiomas', en: 'Languages', fr: 'Langues' },
  requestLanguage: { es: 'Idioma de la solicitud', en: 'Language of the request', fr: 'Langue de la demande' },
  translationsAttached: { es: 'Traducciones', en: 'Translations', fr: 'Traductions' },
  translationNote: {
    es: 'Traducción de cada texto de la solicitud: asunto, etapa, delitos, hechos, finalidad, medidas con sus precisiones y preguntas, personas, procedimientos y motivos',
    en: 'Translation of every text of the request: subject, stage, offences, facts, purpose, measures with their details and questions, persons, procedures and reasons',
    fr: 'Traduction de chaque texte de la demande : objet, stade, infractions, faits, objet de l’entraide, mesures avec leurs précisions et questions, personnes, procédures et motifs',
  },
  date: { es: 'Fecha', en: 'Date', fr: 'Date' },
  attestation: { es: 'Certificación del traductor', en: 'Translator’s attestation', fr: 'Attestation du traducteur' },
  translatorName: { es: 'Nombre del traductor', en: 'Name of the translator', fr: 'Nom du traducteur' },
  translatorQualification: { es: 'Calidad profesional del traductor', en: 'Qualification of the translator', fr: 'Qualité professionnelle du traducteur' },
  translationDate: { es: 'Fecha de la traducción', en: 'Date of the translation', fr: 'Date de la traduction' },
  certifiedTranslationAnnexed: {
    es: 'Traducción certificada anexa (véase la lista de anexos, con su SHA-256)',
    en: 'Certified translation annexed (see the list of annexes, with its SHA-256)',
    fr: 'Traduction certifiée annexée (voir la liste des annexes, avec son SHA-256)',
  },
  translationOf: { es: 'Traducción al', en: 'Translation into', fr: 'Traduction en' },
  originalPart: { es: 'Texto original', en: 'Original text', fr: 'Texte original' },
  counterpart: { es: 'Contraparte', en: 'Counterpart', fr: 'Homologue' },
  summary: { es: 'Resumen', en: 'Summary', fr: 'Résumé' },
  priorExchangesNote: {
    es: 'La información obtenida por la vía informal se formaliza mediante la presente solicitud.',
    en: 'Information obtained informally is formalized by this request.',
    fr: 'Les informations obtenues de manière informelle sont formalisées par la présente demande.',
  },
  issuedBy: { es: 'Emitido por', en: 'Issued by', fr: 'Émis par' },
  officer: { es: 'Funcionario', en: 'Officer', fr: 'Agent' },
  office: { es: 'Dependencia', en: 'Office', fr: 'Service' },
  conditions: { es: 'Condiciones', en: 'Conditions', fr: 'Conditions' },
  comment: { es: 'Observaciones', en: 'Remarks', fr: 'Observations' },
  authorizedDocument: { es: 'Documento autorizado', en: 'Document authorized', fr: 'Document autorisé' },
  documentKind: { es: 'Documento', en: 'Document', fr: 'Document' },
  sha256: { es: 'SHA-256', en: 'SHA-256', fr: 'SHA-256' },
  fileSha256: { es: 'SHA-256 del archivo', en: 'SHA-256 of the file', fr: 'SHA-256 du fichier' },
  annexes: { es: 'Anexos', en: 'Annexes', fr: 'Annexes' },
  annex: { es: 'Anexo', en: 'Annex', fr: 'Annexe' },
  enclosures: { es: 'Documentos adjuntos', en: 'Enclosures', fr: 'Pièces jointes' },
  requestedReference: {
    es: 'Referencia de la autoridad requerida',
    en: 'Requested authority’s reference',
    fr: 'Référence de l’autorité requise',
  },
  receivedAt: { es: 'Fecha de recepción', en: 'Date of receipt', fr: 'Date de réception' },
  receipt: { es: 'Datos de la recepción', en: 'Receipt', fr: 'Réception' },
  overdueStage: { es: 'Etapa vencida', en: 'Overdue stage', fr: 'Étape en retard' },
  stage: { es: 'Etapa', en: 'Stage', fr: 'Étape' },
  dueAt: { es: 'Fecha de vencimiento', en: 'Date due', fr: 'Date d’échéance' },
  daysLate: { es: 'Días de retraso', en: 'Days overdue', fr: 'Jours de retard' },
  state: { es: 'Estado de la solicitud', en: 'Status of the request', fr: 'Statut de la demande' },
  // Offences: the text cited and the time left (issue 14, step 3).
  provisionText: { es: 'Texto de la disposición citada', en: 'Text of the provision cited', fr: 'Texte de la disposition citée' },
  limitation: { es: 'Prescripción de la acción penal', en: 'Statute of limitations', fr: 'Prescription de l’action publique' },
  // Structured measures (issue 14, step 4).
  witness: { es: 'Persona que declara', en: 'Witness', fr: 'Témoin' },
  place: { es: 'Lugar a registrar', en: 'Place to be searched', fr: 'Lieu à perquisitionner' },
  itemsSought: { es: 'Objetos buscados', en: 'Items sought', fr: 'Objets recherchés' },
  grounds: { es: 'Motivos para creer que se encuentran allí', en: 'Grounds to believe they are there', fr: 'Motifs de croire qu’ils s’y trouvent' },
  institution: { es: 'Institución', en: 'Institution', fr: 'Établissement' },
  account: { es: 'Cuenta', en: 'Account', fr: 'Compte' },
  accountHolder: { es: 'Titular', en: 'Account holder', fr: 'Titulaire' },
  periodFrom: { es: 'Periodo: desde', en: 'Period: from', fr: 'Période : du' },
  periodTo: { es: 'Periodo: hasta', en: 'Period: to', fr: 'Période : au' },
  period: { es: 'Periodo', en: 'Period', fr: 'Période' },
  provider: { es: 'Proveedor de servicios', en: 'Service provider', fr: 'Fournisseur de services' },
  identifiers: { es: 'Identificadores (números, cuentas, direcciones IP)', en: 'Identifiers (numbers, accounts, IP addresses)', fr: 'Identifiants (numéros, comptes, adresses IP)' },
  preservationReference: { es: 'Referencia de la conservación solicitada', en: 'Preservation reference', fr: 'Référence de la conservation demandée' },
  hearingFrom: { es: 'Audiencia: desde (fecha y hora)', en: 'Hearing: from (date and time)', fr: 'Audition : de (date et heure)' },
  hearingTo: { es: 'Audiencia: hasta (fecha y hora)', en: 'Hearing: until (date and time)', fr: 'Audition : jusqu’à (date et heure)' },
  hearingWindow: { es: 'Horario propuesto', en: 'Time proposed', fr: 'Horaire proposé' },
  timeZone: { es: 'Huso horario', en: 'Time zone', fr: 'Fuseau horaire' },
  technicalContact: { es: 'Contacto técnico', en: 'Technical contact', fr: 'Contact technique' },
  interpreter: { es: 'Intérprete', en: 'Interpreter', fr: 'Interprète' },
  detainedPerson: { es: 'Persona detenida', en: 'Detained person', fr: 'Personne détenue' },
  consentGiven: { es: 'Consentimiento libre e informado de la persona', en: 'The person’s free and informed consent', fr: 'Consentement libre et éclairé de la personne' },
  consentDate: { es: 'Fecha del consentimiento', en: 'Date of consent', fr: 'Date du consentement' },
  consentRecord: { es: 'Constancia del consentimiento', en: 'Record of the consent', fr: 'Constat du consentement' },
  // The statements the instruments ask for (issue 14, step 3).
  untocCategory: { es: 'Delito comprendido', en: 'Offence covered', fr: 'Infraction visée' },
  untocTransnational: { es: 'Carácter transnacional', en: 'Transnational nature', fr: 'Caractère transnational' },
  untocOrganizedGroup: { es: 'Grupo delictivo organizado', en: 'Organized criminal group', fr: 'Groupe criminel organisé' },
  untocScope: { es: 'Aplicación de la Convención de Palermo', en: 'Why UNTOC applies', fr: 'Application de la Convention de Palerme' },
  dualCriminality: { es: 'Doble incriminación', en: 'Dual criminality', fr: 'Double incrimination' },
  reciprocityUndertaking: { es: 'Compromiso de reciprocidad', en: 'Reciprocity undertaking', fr: 'Engagement de réciprocité' },
  personsPresent: { es: 'Personas que asistirán a la ejecución', en: 'Persons to be present at execution', fr: 'Personnes présentes à l’exécution' },
  certification: { es: 'Certificación requerida para la admisibilidad', en: 'Certification needed for admissibility', fr: 'Certification requise pour la recevabilité' },
  returnOriginals: { es: 'Devolución de los originales', en: 'Return of originals', fr: 'Restitution des originaux' },
  costsExtraordinary: { es: 'Gastos extraordinarios previstos', en: 'Extraordinary costs foreseen', fr: 'Frais extraordinaires prévus' },
  costsDetails: { es: 'Gastos: precisiones', en: 'Costs: details', fr: 'Frais : précisions' },
  secCosts: { es: 'Gastos', en: 'Costs', fr: 'Frais' },
  secRelatedRequests: { es: 'Solicitudes relacionadas y otros Estados requeridos', en: 'Related requests and other states asked', fr: 'Demandes liées et autres États requis' },
  relatedCountry: { es: 'Estado', en: 'State', fr: 'État' },
  secOtherStatesAsked: { es: 'Otros Estados requeridos en el mismo caso', en: 'Other States asked in the same case', fr: 'Autres États requis dans la même affaire' },
  discloseOtherStatesAsked: {
    es: 'Indicar en el formulario los otros Estados requeridos en el mismo caso',
    en: 'Name in the form the other States asked in the same case',
    fr: 'Indiquer dans le formulaire les autres États requis dans la même affaire',
  },
  askedInSameCase: { es: 'Requerido en la misma investigación (caso)', en: 'Asked in the same investigation (case)', fr: 'Requis dans la même enquête (affaire)' },
  relatedReference: { es: 'Referencia', en: 'Reference', fr: 'Référence' },
  secProtection: { es: 'Protección de víctimas y testigos; intérpretes', en: 'Protection of victims and witnesses; interpreters', fr: 'Protection des victimes et des témoins ; interprètes' },
  protectionMeasures: { es: 'Medidas de protección solicitadas', en: 'Protective measures requested', fr: 'Mesures de protection demandées' },
  interpreters: { es: 'Intérpretes necesarios (idiomas, incluidos los indígenas)', en: 'Interpreters needed (languages, indigenous ones included)', fr: 'Interprètes nécessaires (langues, y compris autochtones)' },
  dataSafeguards: { es: 'Protección de los datos personales', en: 'Protection of personal data', fr: 'Protection des données personnelles' },
  dataRetention: { es: 'Conservación de los datos', en: 'Retention of the data', fr: 'Conservation des données' },
} as const satisfies Record<string, Translated>;

export const UNTOC_CATEGORY_LABELS: Readonly<Record<UntocOffenceCategory, Translated>> = {
  serious_crime: {
    es: 'Delito grave: pena máxima de cuatro años o más (art. 2 b))',
    en: 'Serious crime: maximum penalty of four years or more (art. 2(b))',
    fr: 'Infraction grave : peine maximale de quatre ans ou plus (art. 2 b))',
  },
  convention_offence: {
    es: 'Delito tipificado conforme a los arts. 5, 6, 8 o 23 de la Convención',
    en: 'Offence established under arts. 5, 6, 8 or 23 of the Convention',
    fr: 'Infraction établie conformément aux art. 5, 6, 8 ou 23 de la Convention',
  },
  protocol_offence: {
    es: 'Delito del Protocolo contra el tráfico ilícito de migrantes (art. 6)',
    en: 'Offence of the Smuggling of Migrants Protocol (art. 6)',
    fr: 'Infraction du Protocole contre le trafic illicite de migrants (art. 6)',
  },
};
export type LabelKey = keyof typeof LABELS;

export const PROCEEDING_TYPE_LABELS: Readonly<Record<ProceedingType, Translated>> = {
  investigation: { es: 'Investigación', en: 'Investigation', fr: 'Enquête' },
  prosecution: { es: 'Ejercicio de la acción penal', en: 'Prosecution', fr: 'Poursuites' },
  trial: { es: 'Juicio', en: 'Trial', fr: 'Procès' },
};

export const LEGAL_BASIS_LABELS: Readonly<Record<LegalBasis, Translated>> = {
  UNTOC_ART18: {
    es: 'Convención de las Naciones Unidas contra la Delincuencia Organizada Transnacional (Palermo, 2000), art. 18',
    en: 'United Nations Convention against Transnational Organized Crime (Palermo, 2000), art. 18',
    fr: 'Convention des Nations Unies contre la criminalité transnationale organisée (Palerme, 2000), art. 18',
  },
  SOM_PROTOCOL: {
    es: 'Protocolo contra el tráfico ilícito de migrantes por tierra, mar y aire',
    en: 'Protocol against the Smuggling of Migrants by Land, Sea and Air',
    fr: 'Protocole contre le trafic illicite de migrants par terre, air et mer',
  },
  NASSAU_1992: {
    es: 'Convención Interamericana sobre Asistencia Mutua en Materia Penal (Nassau, 1992)',
    en: 'Inter-American Convention on Mutual Assistance in Criminal Matters (Nassau, 1992)',
    fr: 'Convention interaméricaine sur l’entraide en matière pénale (Nassau, 1992)',
  },
  NASSAU_OP_1993: {
    es: 'Protocolo Facultativo relativo a la Convención Interamericana sobre Asistencia Mutua en Materia Penal (Managua, 1993)',
    en: 'Optional Protocol related to the Inter-American Convention on Mutual Assistance in Criminal Matters (Managua, 1993)',
    fr: 'Protocole facultatif se rapportant à la Convention interaméricaine sur l’entraide en matière pénale (Managua, 1993)',
  },
  CA_TREATY_1993: {
    es: 'Tratado de Asistencia Legal Mutua en Asuntos Penales entre las Repúblicas de Costa Rica, El Salvador, Guatemala, Honduras, Nicaragua y Panamá (1993)',
    en: 'Treaty on Mutual Legal Assistance in Criminal Matters between Costa Rica, El Salvador, Guatemala, Honduras, Nicaragua and Panama (1993)',
    fr: 'Traité d’entraide judiciaire en matière pénale entre le Costa Rica, El Salvador, le Guatemala, le Honduras, le Nicaragua et le Panama (1993)',
  },
  BILATERAL: { es: 'Tratado bilateral', en: 'Bilateral treaty', fr: 'Traité bilatéral' },
  RECIPROCITY: { es: 'Reciprocidad internacional', en: 'International reciprocity', fr: 'Réciprocité internationale' },
};

export const CONDUCT_LABELS: Readonly<Record<SmugglingConduct, Translated>> = {
  illegal_entry: {
    es: 'Facilitación de la entrada ilegal',
    en: 'Procuring illegal entry',
    fr: 'Fait d’assurer l’entrée illégale',
  },
  illegal_stay: {
    es: 'Habilitación de la permanencia ilegal',
    en: 'Enabling illegal stay',
    fr: 'Fait de permettre le séjour illégal',
  },
  fraudulent_documents: {
    es: 'Documentos de viaje o de identidad falsos',
    en: 'Fraudulent travel or identity documents',
    fr: 'Documents de voyage ou d’identité frauduleux',
  },
  organizing: {
    es: 'Organización o dirección de la comisión del delito',
    en: 'Organizing or directing the offence',
    fr: 'Organisation ou direction de l’infraction',
  },
};

export const MEASURE_TYPE_LABELS: Readonly<Record<MeasureType, Translated>> = {
  bank_records: {
    es: 'Obtención de registros bancarios u otros',
    en: 'Bank or other records',
    fr: 'Documents bancaires ou autres',
  },
  testimony: { es: 'Recepción de declaración testimonial', en: 'Taking of testimony', fr: 'Recueil de témoignage' },
  service_of_documents: {
    es: 'Notificación de documentos judiciales',
    en: 'Service of judicial documents',
    fr: 'Signification d’actes judiciaires',
  },
  search_and_seizure: { es: 'Registro, allanamiento e incautación', en: 'Search and seizure', fr: 'Perquisition et saisie' },
  electronic_evidence: { es: 'Prueba electrónica', en: 'Electronic evidence', fr: 'Preuves électroniques' },
  identify_locate_person: {
    es: 'Identificación o localización de personas',
    en: 'Identifying or locating persons',
    fr: 'Identification ou localisation de personnes',
  },
  freeze_or_seize_assets: {
    es: 'Inmovilización o incautación de bienes',
    en: 'Freezing or seizure of assets',
    fr: 'Gel ou saisie d’avoirs',
  },
  videoconference_hearing: {
    es: 'Audiencia por videoconferencia',
    en: 'Hearing by videoconference',
    fr: 'Audition par vidéoconférence',
  },
  transfer_detained_person: {
    es: 'Traslado de persona detenida',
    en: 'Transfer of a detained person',
    fr: 'Transfèrement d’une personne détenue',
  },
  other: { es: 'Otra medida', en: 'Other measure', fr: 'Autre mesure' },
};

export const PERSON_ROLE_LABELS: Readonly<Record<PersonRole, Translated>> = {
  suspect: { es: 'Persona investigada', en: 'Suspect', fr: 'Personne soupçonnée' },
  witness: { es: 'Testigo', en: 'Witness', fr: 'Témoin' },
  smuggled_migrant: { es: 'Migrante objeto de tráfico', en: 'Smuggled migrant', fr: 'Migrant objet d’un trafic' },
  victim: { es: 'Víctima', en: 'Victim', fr: 'Victime' },
  account_holder: { es: 'Titular de cuenta', en: 'Account holder', fr: 'Titulaire de compte' },
  other: { es: 'Otra', en: 'Other', fr: 'Autre' },
};

export const VULNERABILITY_LABELS: Readonly<Record<VulnerabilityCode, Translated>> = {
  unaccompanied_minor: {
    es: 'Niña, niño o adolescente no acompañado o separado',
    en: 'Unaccompanied or separated child',
    fr: 'Enfant non accompagné ou séparé',
  },
  child_other_vulnerability: {
    es: 'Niña, niño o adolescente con otra condición de vulnerabilidad',
    en: 'Child with other vulnerabilities',
    fr: 'Enfant présentant d’autres vulnérabilités',
  },
  trafficking_victim: {
    es: 'Víctima de trata de personas',
    en: 'Victim of trafficking in persons',
    fr: 'Victime de la traite des personnes',
  },
  refugee_or_asylum_seeker: {
    es: 'Persona refugiada o solicitante de asilo',
    en: 'Refugee or asylum seeker',
    fr: 'Réfugié ou demandeur d’asile',
  },
  extracontinental_migrant: {
    es: 'Persona migrante o refugiada extracontinental',
    en: 'Extra-continental migrant or refugee',
    fr: 'Migrant ou réfugié extracontinental',
  },
  violence_in_transit_victim: {
    es: 'Víctima de violencia o delito en tránsito',
    en: 'Victim of violence or crime in transit',
    fr: 'Victime de violence ou d’infraction en transit',
  },
  gender_violence_victim: {
    es: 'Mujer víctima de violencia sexual o de género',
    en: 'Woman victim of sexual or gender-based violence',
    fr: 'Femme victime de violence sexuelle ou fondée sur le genre',
  },
  pregnant_travelling_alone: {
    es: 'Mujer embarazada que viaja sola',
    en: 'Pregnant woman travelling alone',
    fr: 'Femme enceinte voyageant seule',
  },
  older_adult: { es: 'Persona adulta mayor de 65 años', en: 'Adult over 65', fr: 'Personne âgée de plus de 65 ans' },
  indigenous_afrodescendant_lgbti: {
    es: 'Persona indígena, afrodescendiente o LGBTTTI',
    en: 'Indigenous, Afro-descendant or LGBTTTI person',
    fr: 'Personne autochtone, afrodescendante ou LGBTTTI',
  },
};

export const STATE_LABELS: Readonly<Record<string, Translated>> = {
  draft: { es: 'Borrador', en: 'Draft', fr: 'Brouillon' },
  standardized: { es: 'Normalizada', en: 'Standardized', fr: 'Normalisée' },
  pending_authorization: { es: 'Pendiente de autorización', en: 'Pending authorization', fr: 'En attente d’autorisation' },
  authorized: { es: 'Autorizada', en: 'Authorized', fr: 'Autorisée' },
  sent_to_requested_cancilleria: {
    es: 'Enviada por vía diplomática a la cancillería requerida',
    en: 'Sent through the diplomatic channel to the requested foreign ministry',
    fr: 'Envoyée par la voie diplomatique au ministère requis',
  },
  received_by_requested_cancilleria: {
    es: 'Recibida por la cancillería requerida',
    en: 'Received by the requested foreign ministry',
    fr: 'Reçue par le ministère requis',
  },
  transmitted: { es: 'Transmitida', en: 'Transmitted', fr: 'Transmise' },
  acknowledged: { es: 'Recibida por la autoridad central', en: 'Acknowledged', fr: 'Réception confirmée' },
  info_requested: { es: 'Información adicional solicitada', en: 'Further information requested', fr: 'Informations complémentaires demandées' },
  postponed: { es: 'Ejecución aplazada', en: 'Execution postponed', fr: 'Exécution différée' },
  conditions_proposed: { es: 'Condiciones propuestas, en espera de respuesta', en: 'Conditions proposed, awaiting an answer', fr: 'Conditions proposées, en attente de réponse' },
  returned_for_correction: {
    es: 'Devuelta por la autoridad requerida para corrección',
    en: 'Returned by the requested authority for correction',
    fr: 'Renvoyée par l’autorité requise pour correction',
  },
  executed: { es: 'Ejecutada', en: 'Executed', fr: 'Exécutée' },
  closed: { es: 'Cerrada', en: 'Closed', fr: 'Clôturée' },
  rejected: { es: 'Rechazada', en: 'Rejected', fr: 'Rejetée' },
  refused: { es: 'Denegada', en: 'Refused', fr: 'Refusée' },
  withdrawn: { es: 'Retirada', en: 'Withdrawn', fr: 'Retirée' },
};

/**
 * The grounds of refusal channels.json lists per instrument, by provision. The words summarize the
 * provision (editorial, pending legal review as channels.json is); the citation is what binds.
 */
export const REFUSAL_GROUND_LABELS: Readonly<Record<string, Translated>> = {
  untoc_18_21_a: {
    es: 'Convención de Palermo, art. 18, párr. 21 a): la solicitud no se hizo conforme a lo dispuesto en el artículo',
    en: 'UNTOC art. 18(21)(a): the request is not made in conformity with the article',
    fr: 'Convention de Palerme, art. 18, par. 21 a) : la demande n’est pas faite conformément à l’article',
  },
  untoc_18_21_b: {
    es: 'Convención de Palermo, art. 18, párr. 21 b): la ejecución puede menoscabar la soberanía, la seguridad, el orden público u otros intereses fundamentales',
    en: 'UNTOC art. 18(21)(b): execution is likely to prejudice sovereignty, security, ordre public or other essential interests',
    fr: 'Convention de Palerme, art. 18, par. 21 b) : l’exécution risque de porter atteinte à la souveraineté, à la sécurité, à l’ordre public ou à d’autres intérêts essentiels',
  },
  untoc_18_21_c: {
    es: 'Convención de Palermo, art. 18, párr. 21 c): el derecho interno prohíbe la medida respecto de un delito análogo',
    en: 'UNTOC art. 18(21)(c): domestic law prohibits the action requested for a similar offence',
    fr: 'Convention de Palerme, art. 18, par. 21 c) : le droit interne interdit la mesure pour une infraction analogue',
  },
  untoc_18_21_d: {
    es: 'Convención de Palermo, art. 18, párr. 21 d): acceder sería contrario al ordenamiento jurídico del Estado requerido',
    en: 'UNTOC art. 18(21)(d): granting it would be contrary to the legal system of the requested State',
    fr: 'Convention de Palerme, art. 18, par. 21 d) : y faire droit serait contraire au système juridique de l’État requis',
  },
  nassau_9_a: {
    es: 'Convención de Nassau, art. 9 a): la persona ya fue condenada o absuelta por los mismos hechos',
    en: 'Nassau Convention art. 9(a): the person was already sentenced or acquitted for the same charge',
    fr: 'Convention de Nassau, art. 9 a) : la personne a déjà été condamnée ou acquittée pour les mêmes faits',
  },
  nassau_9_b: {
    es: 'Convención de Nassau, art. 9 b): la investigación persigue o discrimina por sexo, raza, condición social, nacionalidad, religión o ideología',
    en: 'Nassau Convention art. 9(b): the investigation prosecutes or discriminates for sex, race, social status, nationality, religion or ideology',
    fr: 'Convention de Nassau, art. 9 b) : l’enquête poursuit ou discrimine en raison du sexe, de la race, de la condition sociale, de la nationalité, de la religion ou de l’idéologie',
  },
  nassau_9_c: {
    es: 'Convención de Nassau, art. 9 c): delito político o conexo, o delito común perseguido por razones políticas',
    en: 'Nassau Convention art. 9(c): a political or related offence, or an ordinary crime prosecuted for political reasons',
    fr: 'Convention de Nassau, art. 9 c) : infraction politique ou connexe, ou infraction de droit commun poursuivie pour des raisons politiques',
  },
  nassau_9_d: {
    es: 'Convención de Nassau, art. 9 d): la solicitud emana de un tribunal de excepción o ad hoc',
    en: 'Nassau Convention art. 9(d): the request was issued by a special or ad hoc tribunal',
    fr: 'Convention de Nassau, art. 9 d) : la demande émane d’un tribunal d’exception ou ad hoc',
  },
  nassau_9_e: {
    es: 'Convención de Nassau, art. 9 e): se afectan el orden público, la soberanía, la seguridad o intereses públicos fundamentales',
    en: 'Nassau Convention art. 9(e): public policy, sovereignty, security or basic public interests are prejudiced',
    fr: 'Convention de Nassau, art. 9 e) : atteinte à l’ordre public, à la souveraineté, à la sécurité ou à des intérêts publics fondamentaux',
  },
  nassau_9_f: {
    es: 'Convención de Nassau, art. 9 f): delito tributario',
    en: 'Nassau Convention art. 9(f): a tax offence',
    fr: 'Convention de Nassau, art. 9 f) : infraction fiscale',
  },
  ca_1993: {
    es: 'Un motivo de denegación previsto en el Tratado Centroamericano de 1993',
    en: 'A ground of refusal provided by the 1993 Central American Treaty',
    fr: 'Un motif de refus prévu par le Traité centraméricain de 1993',
  },
  treaty: {
    es: 'Un motivo de denegación previsto en el tratado bilateral invocado',
    en: 'A ground of refusal provided by the bilateral treaty invoked',
    fr: 'Un motif de refus prévu par le traité bilatéral invoqué',
  },
  comity: {
    es: 'Sin tratado: la asistencia no se concede por cortesía internacional o el derecho interno la impide',
    en: 'No treaty: assistance is not granted by comity, or domestic law prevents it',
    fr: 'Sans traité : l’entraide n’est pas accordée par courtoisie internationale ou le droit interne s’y oppose',
  },
};

export const ACTOR_ROLE_LABELS: Readonly<Record<string, Translated>> = {
  fiscal: { es: 'Fiscal', en: 'Prosecutor', fr: 'Procureur' },
  cancilleria: {
    es: 'Ministerio de Relaciones Exteriores',
    en: 'Ministry of Foreign Affairs',
    fr: 'Ministère des Affaires étrangères',
  },
  central_authority: { es: 'Autoridad central', en: 'Central authority', fr: 'Autorité centrale' },
  supervisor: { es: 'Supervisión', en: 'Supervisor', fr: 'Supervision' },
  admin: { es: 'Administración de la plataforma', en: 'Platform administration', fr: 'Administration de la plateforme' },
};

export const LANGUAGE_NAMES: Readonly<Record<Language, Translated>> = {
  es: { es: 'español', en: 'Spanish', fr: 'espagnol' },
  en: { es: 'inglés', en: 'English', fr: 'anglais' },
  fr: { es: 'francés', en: 'French', fr: 'français' },
};

export const COUNTRY_NAMES: Readonly<Record<CountryCode, Translated>> = {
  BZ: { es: 'Belice', en: 'Belize', fr: 'Belize' },
  CA: { es: 'Canadá', en: 'Canada', fr: 'Canada' },
  CR: { es: 'Costa Rica', en: 'Costa Rica', fr: 'Costa Rica' },
  SV: { es: 'El Salvador', en: 'El Salvador', fr: 'El Salvador' },
  US: { es: 'Estados Unidos de América', en: 'United States of America', fr: 'États-Unis d’Amérique' },
  GT: { es: 'Guatemala', en: 'Guatemala', fr: 'Guatemala' },
  HN: { es: 'Honduras', en: 'Honduras', fr: 'Honduras' },
  MX: { es: 'México', en: 'Mexico', fr: 'Mexique' },
  NI: { es: 'Nicaragua', en: 'Nicaragua', fr: 'Nicaragua' },
  PA: { es: 'Panamá', en: 'Panama', fr: 'Panama' },
  DO: { es: 'República Dominicana', en: 'Dominican Republic', fr: 'République dominicaine' },
};

/**
 * A country's name after "of", with its article where the language wants one: "de los Estados
 * Unidos de América", "of the United States of America", "des États-Unis d’Amérique", "du
 * Guatemala". A note that writes "central authority of United States of America" reads as a form.
 */
export const COUNTRY_OF: Readonly<Record<CountryCode, Translated>> = {
  BZ: { es: 'de Belice', en: 'of Belize', fr: 'du Belize' },
  CA: { es: 'de Canadá', en: 'of Canada', fr: 'du Canada' },
  CR: { es: 'de Costa Rica', en: 'of Costa Rica', fr: 'du Costa Rica' },
  SV: { es: 'de El Salvador', en: 'of El Salvador', fr: 'd’El Salvador' },
  US: { es: 'de los Estados Unidos de América', en: 'of the United States of America', fr: 'des États-Unis d’Amérique' },
  GT: { es: 'de Guatemala', en: 'of Guatemala', fr: 'du Guatemala' },
  HN: { es: 'de Honduras', en: 'of Honduras', fr: 'du Honduras' },
  MX: { es: 'de México', en: 'of Mexico', fr: 'du Mexique' },
  NI: { es: 'de Nicaragua', en: 'of Nicaragua', fr: 'du Nicaragua' },
  PA: { es: 'de Panamá', en: 'of Panama', fr: 'du Panama' },
  DO: { es: 'de la República Dominicana', en: 'of the Dominican Republic', fr: 'de la République dominicaine' },
};

/** The kinds of file attached to a request. */
export const ANNEX_KIND_LABELS: Readonly<Record<string, Translated>> = {
  court_order: { es: 'Orden judicial', en: 'Court order', fr: 'Décision judiciaire' },
  law_text: { es: 'Texto de la ley', en: 'Text of the law', fr: 'Texte de loi' },
  evidence: { es: 'Prueba', en: 'Evidence', fr: 'Élément de preuve' },
  certified_translation: { es: 'Traducción certificada', en: 'Certified translation', fr: 'Traduction certifiée' },
  other: { es: 'Otro documento', en: 'Other document', fr: 'Autre document' },
};

/** Who signs when the user's directory entry gives no post: the function, never the ministry's name again. */
export const SIGNER_POSTS: Readonly<Record<string, Translated>> = {
  fiscal: { es: 'Fiscal', en: 'Prosecutor', fr: 'Procureur' },
  cancilleria: { es: 'Funcionario autorizado', en: 'Authorized officer', fr: 'Agent habilité' },
  central_authority: { es: 'Funcionario de la autoridad central', en: 'Officer of the central authority', fr: 'Agent de l’autorité centrale' },
  supervisor: { es: 'Supervisión', en: 'Supervisor', fr: 'Supervision' },
  admin: { es: 'Administración de la plataforma', en: 'Platform administration', fr: 'Administration de la plateforme' },
};

const MONTHS: Readonly<Record<Language, readonly string[]>> = {
  es: ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
};

/** Sentences with parameters. Every parameter is already a plain string. */
export const PHRASES = {
  /** The limited-use undertaking, citing the provision of each instrument invoked (UNTOC 18(19), Nassau art. 25, the treaty's). */
  limitedUse: {
    es: (citations: string) =>
      `El Estado requirente no utilizará ni transmitirá la información o las pruebas obtenidas para investigaciones, procesos o actuaciones judiciales distintos de los indicados en esta solicitud sin el consentimiento previo del Estado requerido (${citations}).`,
    en: (citations: string) =>
      `The requesting State shall not transmit or use the information or evidence obtained for investigations, prosecutions or judicial proceedings other than those stated in this request without the prior consent of the requested State (${citations}).`,
    fr: (citations: string) =>
      `L’État requérant ne communiquera ni n’utilisera les informations ou éléments de preuve obtenus pour des enquêtes, poursuites ou procédures judiciaires autres que celles visées dans la présente demande sans le consentement préalable de l’État requis (${citations}).`,
  },
  /** An office on the route: its designated name when known, else its role and country ("of" form, article included). */
  routeOffice: {
    es: (role: 'cancilleria' | 'central_authority', of: string) => (role === 'cancilleria' ? `Ministerio de Relaciones Exteriores ${of}` : `Autoridad central ${of}`),
    en: (role: 'cancilleria' | 'central_authority', of: string) => (role === 'cancilleria' ? `Ministry of Foreign Affairs ${of}` : `Central authority ${of}`),
    fr: (role: 'cancilleria' | 'central_authority', of: string) => (role === 'cancilleria' ? `Ministère des Affaires étrangères ${of}` : `Autorité centrale ${of}`),
  },
  pageOf: {
    es: (n: number, m: number) => `Página ${n} de ${m}`,
    en: (n: number, m: number) => `Page ${n} of ${m}`,
    fr: (n: number, m: number) => `Page ${n} sur ${m}`,
  },
  authorizationStatement: {
    es: (issuer: string, fromOf: string, toOf: string) =>
      `${issuer} autoriza la formalización de la solicitud de asistencia jurídica mutua en materia penal de las autoridades ${fromOf} identificada en este documento y su transmisión por la vía oficial a la autoridad central ${toOf}, en los términos del formulario normalizado que se cita a continuación.`,
    en: (issuer: string, fromOf: string, toOf: string) =>
      `${issuer} authorizes the formalization of the request for mutual legal assistance in criminal matters of the authorities ${fromOf} identified in this document and its transmission through the official channel to the central authority ${toOf}, in the terms of the standardized form cited below.`,
    fr: (issuer: string, fromOf: string, toOf: string) =>
      `${issuer} autorise la formalisation de la demande d’entraide judiciaire en matière pénale des autorités ${fromOf} identifiée dans le présent document et sa transmission par la voie officielle à l’autorité centrale ${toOf}, dans les termes du formulaire normalisé cité ci-dessous.`,
  },
  /** The addressee line of a note to a central authority. */
  centralAuthorityOf: {
    es: (of: string) => `Autoridad central ${of}`,
    en: (of: string) => `Central authority ${of}`,
    fr: (of: string) => `Autorité centrale ${of}`,
  },
  /** The courtesy formula that opens a note of transmission (the diplomatic note's third person). */
  transmissionStatement: {
    es: (issuer: string, toOf: string) =>
      `${issuer} saluda atentamente a la autoridad central ${toOf} y tiene el honor de transmitirle, por la vía oficial, la solicitud de asistencia jurídica mutua en materia penal que se identifica a continuación, junto con los documentos adjuntos enumerados, cada uno con su código de verificación.`,
    en: (issuer: string, toOf: string) =>
      `${issuer} presents its compliments to the central authority ${toOf} and has the honour to transmit, through the official channel, the request for mutual legal assistance in criminal matters identified below, together with the enclosed documents listed, each with its verification code.`,
    fr: (issuer: string, toOf: string) =>
      `${issuer} présente ses compliments à l’autorité centrale ${toOf} et a l’honneur de lui transmettre, par la voie officielle, la demande d’entraide judiciaire en matière pénale identifiée ci-dessous, accompagnée des pièces jointes énumérées, chacune avec son code de vérification.`,
  },
  /** The closing formula of a note to a central authority. */
  transmissionClosing: {
    es: (issuer: string, toOf: string) =>
      `${issuer} aprovecha la oportunidad para reiterar a la autoridad central ${toOf} las muestras de su más alta y distinguida consideración.`,
    en: (issuer: string, toOf: string) =>
      `${issuer} avails itself of this opportunity to renew to the central authority ${toOf} the assurances of its highest consideration.`,
    fr: (issuer: string, toOf: string) =>
      `${issuer} saisit cette occasion pour renouveler à l’autorité centrale ${toOf} les assurances de sa très haute considération.`,
  },
  acknowledgementStatement: {
    es: (issuer: string, fromOf: string) =>
      `${issuer} saluda atentamente a las autoridades ${fromOf} y acusa recibo de la solicitud de asistencia jurídica mutua en materia penal que formularon, identificada en este documento.`,
    en: (issuer: string, fromOf: string) =>
      `${issuer} presents its compliments to the authorities ${fromOf} and acknowledges receipt of the request for mutual legal assistance in criminal matters they made, identified in this document.`,
    fr: (issuer: string, fromOf: string) =>
      `${issuer} présente ses compliments aux autorités ${fromOf} et accuse réception de la demande d’entraide judiciaire en matière pénale qu’elles ont formulée, identifiée dans le présent document.`,
  },
  acknowledgementClosing: {
    es: (issuer: string, fromOf: string) =>
      `${issuer} aprovecha la oportunidad para reiterar a las autoridades ${fromOf} las muestras de su más alta y distinguida consideración.`,
    en: (issuer: string, fromOf: string) =>
      `${issuer} avails itself of this opportunity to renew to the authorities ${fromOf} the assurances of its highest consideration.`,
    fr: (issuer: string, fromOf: string) =>
      `${issuer} saisit cette occasion pour renouveler aux autorités ${fromOf} les assurances de sa très haute considération.`,
  },
  /** Where and when a note is signed: "Ciudad de Guatemala, 1 de diciembre de 2026". */
  placeAndDate: {
    es: (city: string, date: string) => (city ? `${city}, ${date}` : date),
    en: (city: string, date: string) => (city ? `${city}, ${date}` : date),
    fr: (city: string, date: string) => (city ? `${city}, le ${date}` : date),
  },
  overdueStatement: {
    es: (stage: string, days: string) =>
      `La solicitud identificada en este documento se encuentra en la etapa «${stage}» y el plazo previsto para esa etapa venció hace ${days} día(s). Se solicita atentamente dar curso a la etapa pendiente o informar el motivo de la demora.`,
    en: (stage: string, days: string) =>
      `The request identified in this document is at the stage "${stage}", and the time foreseen for that stage expired ${days} day(s) ago. You are kindly asked to complete the pending step or to report the reason for the delay.`,
    fr: (stage: string, days: string) =>
      `La demande identifiée dans le présent document se trouve à l’étape « ${stage} » et le délai prévu pour cette étape a expiré depuis ${days} jour(s). Vous êtes prié de donner suite à l’étape en attente ou d’indiquer le motif du retard.`,
  },
} as const;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

// Building an Intl.DateTimeFormat costs more than formatting with it (a PDF formats a dozen dates):
// one per zone, the region's offices use a handful.
const zoneFormats = new Map<string, Intl.DateTimeFormat>();
function zoneFormat(timeZone: string): Intl.DateTimeFormat {
  let format = zoneFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23', timeZoneName: 'longOffset' });
    if (zoneFormats.size >= 64) zoneFormats.clear();
    zoneFormats.set(timeZone, format);
  }
  return format;
}

/** The wall-clock parts of an instant in an IANA zone, and its offset ("-06:00"). */
function zonedParts(date: Date, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; offset: string } {
  const parts = zoneFormat(timeZone).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const offset = part('timeZoneName').replace(/^GMT/, '') || '+00:00';
  return { year: Number(part('year')), month: Number(part('month')), day: Number(part('day')), hour: Number(part('hour')) % 24, minute: Number(part('minute')), offset };
}

export interface DateOptions {
  /**
   * The IANA zone of the office that issues the document: an instant is written as the date and
   * time there, with its offset from UTC. Without one, UTC. (21:22 UTC is 15:22 in Guatemala: a
   * note signed there after 18:00 must not carry tomorrow's date.)
   */
  timeZone?: string;
  /** The date alone, even when the value carries a time (the place-and-date line of a note). */
  dateOnly?: boolean;
}

/**
 * A date written out in the given language ("1 de marzo de 2026", "1 March 2026", "1 mars 2026"),
 * with the time when the value carries one, in the office's time zone when given (else UTC). Month
 * names are the project's own, so the words do not change with the ICU data of the Node.js build;
 * only the zone's offset comes from it. Anything unparseable is printed as given.
 */
export function formatDate(value: unknown, lang: Language, options: DateOptions = {}): string {
  const raw = String(value ?? '');
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(raw);
  if (!m) return raw;
  let date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  const hasTime = m[4] !== undefined;
  if (hasTime) {
    const parsed = new Date(raw);
    if (Number.isNaN(parsed.getTime())) return raw;
    date = parsed;
  }
  if (Number.isNaN(date.getTime()) || date.getUTCMonth() !== (hasTime ? date.getUTCMonth() : Number(m[2]) - 1)) return raw;
  let wall = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: date.getUTCHours(), minute: date.getUTCMinutes() };
  let zone = 'UTC';
  if (hasTime && options.timeZone) {
    const local = zonedParts(date, options.timeZone);
    wall = local;
    zone = `UTC${local.offset.replace('-', '−')}`;
  }
  const month = MONTHS[lang][wall.month - 1];
  const day = wall.day;
  const text = lang === 'en' ? `${day} ${month} ${wall.year}` : lang === 'fr' ? `${day === 1 ? '1er' : day} ${month} ${wall.year}` : `${day} de ${month} de ${wall.year}`;
  if (!hasTime || options.dateOnly) return text;
  return `${text}, ${pad2(wall.hour)}:${pad2(wall.minute)} ${zone === 'UTC' ? 'UTC' : `(${zone})`}`;
}
