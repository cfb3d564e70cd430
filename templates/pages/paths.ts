// The addresses of the pages, in one place so that templates, controllers and tests agree. Every
// page a signed-in user works on lives under /desk; the API keeps /api.

export const PATHS = {
  home: '/',
  signIn: '/sign-in',
  signOut: '/sign-out',
  language: '/language',
  verify: '/verify',
  verifyHash: (hash: string) => `/verify/${hash}`,
  desk: '/desk',
  notifications: '/desk/notifications',
  requests: '/desk/requests',
  newRequest: '/desk/requests/new',
  request: (id: string) => `/desk/requests/${id}`,
  /** A request on paper: its content and history without navigation or forms. */
  requestPrint: (id: string) => `/desk/requests/${id}/print`,
  /** One investigation's requests to several countries, each as far as the viewer may see it. */
  case: (id: string) => `/desk/cases/${id}`,
  /** Ask another country in the same investigation, from one of its requests. */
  alsoAsk: (requestId: string) => `/desk/requests/${requestId}/also-ask`,
  /** The work of an office: the cancillería's requests to decide, the central authority's inbox. */
  queue: '/desk/queue',
  /** A request as an office reviews it, with the actions availableEvents offers. */
  review: (id: string) => `/desk/review/${id}`,
  reviewEvents: (id: string) => `/desk/review/${id}/events`,
  document: (id: string) => `/desk/documents/${id}`,
  dashboard: '/desk/dashboard',
  dashboardCsv: '/desk/dashboard/turnaround.csv',
  dashboardPairsCsv: '/desk/dashboard/pairs.csv',
  dashboardTrendCsv: '/desk/dashboard/trend.csv',
  /** The administrator's console: queues, failed documents (retry), deadlines. */
  admin: '/desk/admin',
  adminRetry: (documentId: string) => `/desk/admin/documents/${documentId}/retry`,
  adminAccessLogCsv: '/desk/admin/access-log.csv',
  /** The administrator's accounts: create, disable and re-enable, one-time password links. */
  adminUsers: '/desk/admin/users',
  adminUserAction: (userId: string, action: 'disable' | 'enable' | 'password-link') => `/desk/admin/users/${userId}/${action}`,
  /** Where a one-time password link leads (public: the person has no password yet). */
  setPassword: '/password',
  /** The liaison directory of the viewer's country (all countries for the admin). */
  liaisons: '/desk/liaisons',
  liaison: (userId: string) => `/desk/liaisons/${userId}`,
  liaisonAction: (userId: string, action: 'authorize' | 'revoke') => `/desk/liaisons/${userId}/${action}`,
} as const;

/** The path prefixes that are pages, not API routes (the API's global prefix excludes them). */
export const PAGE_ROUTE_PATTERNS = ['/', 'sign-in', 'sign-out', 'password', 'language', 'verify', 'verify/{*rest}', 'desk', 'desk/{*rest}'] as const;

/** Where to go back to after a form: only a path of this site, never another host. */
export function localPath(value: unknown, fallback: string = PATHS.home): string {
  // One leading '/', not '//' or '/\' (another host to a browser), no control character (a browser drops
  // tabs and newlines, so '/\t/evil.example' is '//evil.example'); then whatever a search put in the
  // address (+ , : ~ ...) is kept, as long as the address resolves on this origin.
  if (typeof value !== 'string' || !/^\/(?![/\\])/.test(value) || /[\u0000-\u001f\u007f]/.test(value)) return fallback;
  try {
    const url = new URL(value, LOCAL_ORIGIN);
    return url.origin === LOCAL_ORIGIN ? `${url.pathname}${url.search}` : fallback;
  } catch {
    return fallback;
  }
}

/** A stand-in origin to resolve a path against: what matters is whether the path leaves it. */
const LOCAL_ORIGIN = 'http://enlace.invalid';
