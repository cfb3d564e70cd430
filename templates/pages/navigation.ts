import type { Language } from '../../workflows/request/request.types.js';
import type { Translated } from '../labels.js';
import { UI } from '../page-labels.js';
import { PATHS } from './paths.js';

interface NavItem {
  href: string;
  label: Translated;
}

const MY_REQUESTS: NavItem = { href: PATHS.requests, label: { es: 'Mis solicitudes', en: 'My requests', fr: 'Mes demandes' } };
const NEW_REQUEST: NavItem = { href: PATHS.newRequest, label: { es: 'Nueva solicitud', en: 'New request', fr: 'Nouvelle demande' } };
const NOTIFICATIONS: NavItem = { href: PATHS.notifications, label: { es: 'Notificaciones', en: 'Notifications', fr: 'Notifications' } };
const WORK_QUEUE: NavItem = { href: PATHS.queue, label: { es: 'Solicitudes por decidir', en: 'Requests to decide', fr: 'Demandes à décider' } };
const INBOX: NavItem = { href: PATHS.queue, label: { es: 'Bandeja de entrada', en: 'Inbox', fr: 'Boîte de réception' } };
const DASHBOARD: NavItem = { href: PATHS.dashboard, label: { es: 'Panel de supervisión', en: 'Supervision dashboard', fr: 'Tableau de bord' } };
const LIAISONS: NavItem = { href: PATHS.liaisons, label: UI.liaisonDirectory };
const ADMIN_CONSOLE: NavItem = { href: PATHS.admin, label: UI.adminConsole };
const VERIFY: NavItem = { href: PATHS.verify, label: { es: 'Verificar un documento', en: 'Verify a document', fr: 'Vérifier un document' } };

/**
 * The desks each role works at. This is where a page links to, not what a user may do: every page
 * asks the services, which refuse what the role may not.
 */
export const NAVIGATION: Readonly<Record<string, readonly NavItem[]>> = {
  fiscal: [MY_REQUESTS, NEW_REQUEST, NOTIFICATIONS, VERIFY],
  cancilleria: [WORK_QUEUE, MY_REQUESTS, LIAISONS, NOTIFICATIONS, VERIFY],
  central_authority: [INBOX, MY_REQUESTS, NOTIFICATIONS, VERIFY],
  supervisor: [DASHBOARD, MY_REQUESTS, LIAISONS, NOTIFICATIONS, VERIFY],
  admin: [ADMIN_CONSOLE, DASHBOARD, LIAISONS, NOTIFICATIONS, VERIFY],
};

export function navigationFor(role: string | undefined, lang: Language, path: string) {
  const items = role ? (NAVIGATION[role] ?? [VERIFY]) : [VERIFY];
  // The longest matching prefix is the current item ("New request" rather than "My requests").
  const here = path.split(/[?#]/)[0];
  const current = items
    .filter((item) => here === item.href || here.startsWith(`${item.href}/`))
    .sort((a, b) => b.href.length - a.href.length)[0];
  return items.map((item) => ({ href: item.href, label: item.label[lang], current: item === current }));
}

/** Where a signed-in user lands: the first desk of their role (the fiscal's requests, the cancillería's queue...). */
export const homeFor = (role: string | undefined): string => (role && NAVIGATION[role]?.[0]?.href) || PATHS.requests;
