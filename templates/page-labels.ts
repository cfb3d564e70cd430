// The words of the pages, in the same three languages and beside the documents' catalogue
// (labels.ts), which the pages reuse for everything a PDF also says (sections, states, countries).
import type { Language } from '../workflows/request/request.types.js';
import type { Translated } from './labels.js';

export { LANGUAGES as PAGE_LANGUAGES } from '../workflows/request/request.types.js';

/** Each language named in itself, as a language switcher shows it. */
export const LANGUAGE_AUTONYMS: Readonly<Record<Language, string>> = { es: 'Español', en: 'English', fr: 'Français' };

export const UI = {
  appName: { es: 'Enlace', en: 'Enlace', fr: 'Enlace' },
  tagline: {
    es: 'Asistencia jurídica mutua entre los países de la Conferencia Regional sobre Migración',
    en: 'Mutual legal assistance between the countries of the Regional Conference on Migration',
    fr: 'Entraide judiciaire entre les pays de la Conférence régionale sur les migrations',
  },
  skipToContent: { es: 'Saltar al contenido principal', en: 'Skip to main content', fr: 'Aller au contenu principal' },
  mainNavigation: { es: 'Navegación principal', en: 'Main navigation', fr: 'Navigation principale' },
  language: { es: 'Idioma', en: 'Language', fr: 'Langue' },
  changeLanguage: { es: 'Cambiar el idioma', en: 'Change the language', fr: 'Changer de langue' },
  signIn: { es: 'Iniciar sesión', en: 'Sign in', fr: 'Se connecter' },
  signOut: { es: 'Cerrar sesión', en: 'Sign out', fr: 'Se déconnecter' },
  signedInAs: { es: 'Sesión de', en: 'Signed in as', fr: 'Connecté en tant que' },
  email: { es: 'Correo electrónico', en: 'E-mail address', fr: 'Adresse électronique' },
  emailHint: {
    es: 'La dirección con la que su institución le registró, por ejemplo fiscal.gt@demo.enlace',
    en: 'The address your institution registered you with, for example fiscal.gt@demo.enlace',
    fr: 'L’adresse sous laquelle votre institution vous a inscrit, par exemple fiscal.gt@demo.enlace',
  },
  password: { es: 'Contraseña', en: 'Password', fr: 'Mot de passe' },
  signInFailed: {
    es: 'El correo electrónico o la contraseña no son correctos.',
    en: 'The e-mail address or the password is not correct.',
    fr: 'L’adresse électronique ou le mot de passe n’est pas correct.',
  },
  signedOut: { es: 'Ha cerrado la sesión.', en: 'You have signed out.', fr: 'Vous êtes déconnecté.' },
  sessionExpired: {
    es: 'Su sesión terminó. Inicie sesión de nuevo para continuar.',
    en: 'Your session has ended. Sign in again to continue.',
    fr: 'Votre session a pris fin. Reconnectez-vous pour continuer.',
  },
  errorSummaryTitle: { es: 'Hay un problema', en: 'There is a problem', fr: 'Il y a un problème' },
  required: { es: 'obligatorio', en: 'required', fr: 'obligatoire' },
  fieldRequired: { es: 'Complete este campo.', en: 'Fill in this field.', fr: 'Remplissez ce champ.' },
  fieldInvalid: { es: 'El valor no es válido.', en: 'The value is not valid.', fr: 'La valeur n’est pas valide.' },
  formExpired: {
    es: 'El formulario caducó o no vino de esta página. Vuelva a enviarlo.',
    en: 'The form expired or did not come from this page. Send it again.',
    fr: 'Le formulaire a expiré ou ne provient pas de cette page. Renvoyez-le.',
  },
  notFoundTitle: { es: 'Página no encontrada', en: 'Page not found', fr: 'Page introuvable' },
  notFoundText: {
    es: 'La página no existe o usted no tiene acceso a ella.',
    en: 'The page does not exist or you do not have access to it.',
    fr: 'La page n’existe pas ou vous n’y avez pas accès.',
  },
  forbiddenTitle: { es: 'Acceso no permitido', en: 'Access not allowed', fr: 'Accès non autorisé' },
  errorTitle: { es: 'No se pudo completar la acción', en: 'The action could not be completed', fr: 'L’action n’a pas pu aboutir' },
  serverErrorText: {
    es: 'Algo falló de nuestro lado; no se cambió nada. Inténtelo de nuevo en unos minutos.',
    en: 'Something went wrong on our side; nothing was changed. Try again in a few minutes.',
    fr: 'Une erreur s’est produite de notre côté ; rien n’a été modifié. Réessayez dans quelques minutes.',
  },
  unavailableText: {
    es: 'El servicio no está disponible por el momento; no se cambió nada. Inténtelo de nuevo en unos minutos.',
    en: 'The service is unavailable for the moment; nothing was changed. Try again in a few minutes.',
    fr: 'Le service est momentanément indisponible ; rien n’a été modifié. Réessayez dans quelques minutes.',
  },
  notifications: { es: 'Notificaciones', en: 'Notifications', fr: 'Notifications' },
  unread: { es: 'sin leer', en: 'unread', fr: 'non lues' },
  backHome: { es: 'Volver al inicio', en: 'Back to the start', fr: 'Retour à l’accueil' },
  // My requests
  myRequests: { es: 'Mis solicitudes', en: 'My requests', fr: 'Mes demandes' },
  newRequest: { es: 'Nueva solicitud', en: 'New request', fr: 'Nouvelle demande' },
  filters: { es: 'Filtrar la lista', en: 'Filter the list', fr: 'Filtrer la liste' },
  search: { es: 'Buscar por referencia o título', en: 'Search by reference or title', fr: 'Rechercher par référence ou titre' },
  state: { es: 'Estado', en: 'State', fr: 'État' },
  anyState: { es: 'Cualquier estado', en: 'Any state', fr: 'Tous les états' },
  requestedCountry: { es: 'País requerido', en: 'Requested country', fr: 'Pays requis' },
  anyCountry: { es: 'Cualquier país', en: 'Any country', fr: 'Tous les pays' },
  apply: { es: 'Aplicar', en: 'Apply', fr: 'Appliquer' },
  title: { es: 'Título', en: 'Title', fr: 'Titre' },
  untitled: { es: '(sin título)', en: '(untitled)', fr: '(sans titre)' },
  dueDate: { es: 'Vencimiento de la etapa', en: 'Stage due', fr: 'Échéance de l’étape' },
  overdue: { es: 'Vencida', en: 'Overdue', fr: 'En retard' },
  lastChange: { es: 'Último cambio', en: 'Last change', fr: 'Dernière modification' },
  noRequests: { es: 'No hay solicitudes que mostrar.', en: 'There are no requests to show.', fr: 'Aucune demande à afficher.' },
  previousPage: { es: 'Página anterior', en: 'Previous page', fr: 'Page précédente' },
  nextPage: { es: 'Página siguiente', en: 'Next page', fr: 'Page suivante' },
  pagination: { es: 'Paginación', en: 'Pagination', fr: 'Pagination' },
  // Public verification
  verifyTitle: { es: 'Verificar un documento', en: 'Verify a document', fr: 'Vérifier un document' },
  verifyIntro: {
    es: 'Compruebe si un PDF fue emitido por Enlace. Se compara solo su huella SHA-256: el archivo no se guarda y no se muestra ningún contenido de la solicitud.',
    en: 'Check whether a PDF was issued by Enlace. Only its SHA-256 fingerprint is compared: the file is not kept and no content of the request is shown.',
    fr: 'Vérifiez si un PDF a été émis par Enlace. Seule son empreinte SHA-256 est comparée : le fichier n’est pas conservé et aucun contenu de la demande n’est affiché.',
  },
  verifyFile: { es: 'El documento PDF', en: 'The PDF document', fr: 'Le document PDF' },
  verifyFileHint: {
    es: 'Suéltelo aquí o elíjalo en su equipo.',
    en: 'Drop it here or choose it on your computer.',
    fr: 'Déposez-le ici ou choisissez-le sur votre ordinateur.',
  },
  verifyHash: { es: 'O la huella SHA-256', en: 'Or the SHA-256 fingerprint', fr: 'Ou l’empreinte SHA-256' },
  verifyHashHint: {
    es: '64 caracteres hexadecimales, como figura al pie de cada página del documento.',
    en: '64 hexadecimal characters, as printed at the foot of each page of the document.',
    fr: '64 caractères hexadécimaux, tels qu’imprimés au pied de chaque page du document.',
  },
  verifyButton: { es: 'Verificar', en: 'Verify', fr: 'Vérifier' },
  verifyNothing: {
    es: 'Elija un archivo PDF o escriba una huella SHA-256.',
    en: 'Choose a PDF file or type a SHA-256 fingerprint.',
    fr: 'Choisissez un fichier PDF ou saisissez une empreinte SHA-256.',
  },
  verifyBadHash: {
    es: 'La huella debe tener 64 caracteres hexadecimales (0-9, a-f).',
    en: 'The fingerprint must be 64 hexadecimal characters (0-9, a-f).',
    fr: 'L’empreinte doit comporter 64 caractères hexadécimaux (0-9, a-f).',
  },
  verifyValid: {
    es: 'Documento válido: Enlace emitió este documento.',
    en: 'Valid document: Enlace issued this document.',
    fr: 'Document valide : Enlace a émis ce document.',
  },
  verifyInvalid: {
    es: 'No válido: Enlace no emitió ningún documento con esta huella. El archivo pudo ser modificado.',
    en: 'Not valid: Enlace issued no document with this fingerprint. The file may have been altered.',
    fr: 'Non valide : Enlace n’a émis aucun document ayant cette empreinte. Le fichier a pu être modifié.',
  },
  verifiedHash: { es: 'Huella comprobada', en: 'Fingerprint checked', fr: 'Empreinte vérifiée' },
  documentKind: { es: 'Tipo de documento', en: 'Kind of document', fr: 'Type de document' },
  issuingOffice: { es: 'Oficina emisora', en: 'Issuing office', fr: 'Bureau émetteur' },
  issuingCountry: { es: 'País emisor', en: 'Issuing country', fr: 'Pays émetteur' },
  issuedOn: { es: 'Fecha de emisión', en: 'Date of issue', fr: 'Date d’émission' },
  reference: { es: 'Referencia', en: 'Reference', fr: 'Référence' },
  revision: { es: 'revisión', en: 'revision', fr: 'révision' },
  verifyAnother: { es: 'Verificar otro documento', en: 'Verify another document', fr: 'Vérifier un autre document' },
} as const satisfies Record<string, Translated>;

export type UiKey = keyof typeof UI;

/** The page's words in its language. */
export const ui = (lang: Language, key: UiKey): string => UI[key][lang];
