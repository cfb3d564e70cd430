// The other desks in a real Chromium, each as its demo user against the real service, with the
// keyboard for every form and axe-core on every page reached: the cancillería returns a request with
// observations, the fiscal resubmits (through the API: the fiscal's request page is issue 11's), the
// cancillería authorizes and transmits; another cancillería sees none of it; the central authority
// acknowledges, asks for information and records a partial execution; another country's sees none of
// it; the supervisor's dashboard shows the API's figures; a fiscal is refused the dashboard; the
// cancillería revokes a liaison in French and the fiscal's next page is refused; the administrator
// retries a failed document and sees it become ready.
import type { Browser, Page } from 'playwright-core';
import { buildRequestFields } from '../../templates/testing/request.factory.js';
import { Accessibility, fitsWidth, launchBrowser, screenshot, tabTo } from '../support/browser.js';
import { deskSession, type DeskSession } from '../support/browser-desk.js';
import { USERS } from '../support/request-flow.js';
import { startWebService, type WebService } from '../support/web-service.js';

let service: WebService;
let browser: Browser;
const a11y = new Accessibility();
let desk: DeskSession;

beforeAll(async () => {
  [service, browser] = await Promise.all([startWebService(), launchBrowser()]);
  desk = deskSession(service, browser, a11y);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

/** Types into an action's form and sends it with the keyboard alone. */
async function act(page: Page, event: string, fields: Record<string, string> = {}): Promise<void> {
  for (const [name, value] of Object.entries(fields)) {
    await tabTo(page, `#${name}-${event}`);
    await page.keyboard.type(value);
  }
  await tabTo(page, `form[data-event="${event}"] button[type="submit"]`);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  await a11y.check(page);
}

const stateOf = (id: string) => desk.stateOf(id, USERS.fiscalGT);

/** The element the keyboard is on: its id, role and words. */
const focusedNotice = (page: Page) =>
  page.evaluate(() => ({ id: document.activeElement?.id, role: document.activeElement?.getAttribute('role'), text: document.activeElement?.textContent ?? '' }));

const LONG = 240_000;

describe('the desks in a browser', () => {
  let requestId = '';
  let reference = '';

  it('cancilleria.gt returns a request with observations, then authorizes it and autoridad.gt transmits it; cancilleria.hn sees none of it', async () => {
    const created = await service.api('POST', '/requests', USERS.fiscalGT, buildRequestFields());
    requestId = created.body.id;
    reference = created.body.reference;
    for (const type of ['SHARE_DRAFT', 'STANDARDIZE', 'SUBMIT']) await desk.apiSend(requestId, USERS.fiscalGT, type);
    await desk.documentsReady(requestId, USERS.fiscalGT);

    const page = await desk.signIn(USERS.cancilleriaGT);
    await desk.follow(page, 'a.enlace-nav__link[href="/desk/queue"]');
    expect(await page.textContent('h1')).toBe('Solicitudes por decidir');
    expect(await page.textContent('[data-queue]')).toContain(reference);
    await screenshot(page, 'desk-cancilleria-queue');

    await desk.follow(page, `a[href="/desk/review/${requestId}"]`);
    expect(await page.textContent('[data-checks]')).not.toContain('No cumplida');
    expect(await page.textContent('form[data-event="AUTHORIZE"]')).toContain('Emitirá el documento: Autorización');
    // The standardized form the fiscal submitted opens in the browser.
    const view = await page.getAttribute('[data-kind="standardized_form"] a[href$="?inline=1"]', 'href');
    const pdf = await page.request.get(`${service.url}${view}`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await screenshot(page, 'desk-cancilleria-review');

    // Returning without observations is refused on the page, listed at the top and linked to the field.
    await act(page, 'RETURN');
    expect(await page.textContent('[data-error-summary]')).toContain('Complete este campo.');
    expect(await stateOf(requestId)).toBe('pending_authorization');
    await act(page, 'RETURN', { comment: 'Indique la pena prevista para el delito de tráfico ilícito de migrantes.' });
    expect(await page.textContent('.usa-alert--success')).toContain('Normalizada');
    // The keyboard lands on the notice that says it was done (GOV.UK success banner), not on <body>; axe ran on it (act).
    expect(await focusedNotice(page)).toEqual({ id: 'done-notice', role: 'status', text: expect.stringContaining('Normalizada') });
    expect(await page.textContent('[data-history]')).toContain('Indique la pena prevista');

    await desk.apiSend(requestId, USERS.fiscalGT, 'SUBMIT');
    await page.reload();
    await a11y.check(page, `/desk/review/${requestId} (resubmitted)`);
    await act(page, 'AUTHORIZE');
    expect(await stateOf(requestId)).toBe('authorized');
    // Under Nassau the route runs between central authorities: the cancillería authorized, and
    // Guatemala's central authority sends it (issue 13).
    expect(await page.textContent('#actions + p')).toContain('No hay acciones disponibles');
    await page.context().close();

    const sender = await desk.signIn(USERS.autoridadGT);
    await desk.follow(sender, 'a.enlace-nav__link[href="/desk/queue"]');
    expect(await sender.textContent('[data-queue]')).toContain(reference);
    await desk.follow(sender, `a[href="/desk/review/${requestId}"]`);
    expect(await sender.textContent('form[data-event="TRANSMIT"]')).toContain('Nota de transmisión');
    await a11y.check(sender, `/desk/review/${requestId} (to transmit)`);
    await act(sender, 'TRANSMIT');
    expect(await stateOf(requestId)).toBe('transmitted');
    // Transmitted, the requesting central authority is offered the follow-up instead (next test).
    expect(await sender.isVisible('form[data-event="TRANSMIT"]')).toBe(false);
    await sender.context().close();

    const hn = await desk.signIn(USERS.cancilleriaHN);
    await desk.follow(hn, 'a.enlace-nav__link[href="/desk/queue"]');
    expect(await hn.textContent('main')).not.toContain(reference);
    await hn.goto(`${service.url}/desk/review/${requestId}`);
    expect(await hn.textContent('h1')).toBe('Página no encontrada');
    await a11y.check(hn);
    a11y.assertAllChecked();
    await hn.context().close();
  }, LONG);

  it('autoridad.gt follows the transmitted request up (issue 13, step 4): a reminder before the stage’s deadline is refused beside its form, saying from when', async () => {
    const page = await desk.signIn(USERS.autoridadGT);
    await page.goto(`${service.url}/desk/review/${requestId}`);
    await a11y.check(page, `/desk/review/${requestId} (follow-up offered)`);
    expect(await page.textContent('form[data-event="SEND_SUPPLEMENTARY_REQUEST"]')).toContain('Solicitud complementaria');
    expect(await page.textContent('form[data-event="SEND_REMINDER"]')).toContain('Carta de recordatorio');
    // With the keyboard alone; the refused page is checked with axe too.
    await act(page, 'SEND_REMINDER');
    expect(await page.textContent('[data-error-summary]')).toContain('Podrá enviar un recordatorio a partir del');
    expect(await page.textContent('form[data-event="SEND_REMINDER"] .usa-error-message')).toContain('Podrá enviar un recordatorio');
    expect(await stateOf(requestId)).toBe('transmitted');
    a11y.assertAllChecked();
    await page.context().close();
  }, LONG);

  it('autoridad.mx acknowledges, asks for information and records a partial execution, in English; autoridad.us sees nothing of it', async () => {
    const page = await desk.signIn(USERS.autoridadMX, 'en-US');
    await desk.follow(page, 'a.enlace-nav__link[href="/desk/queue"]');
    expect(await page.textContent('h1')).toBe('Inbox');
    expect(await page.textContent('[data-queue]')).toContain(reference);
    await screenshot(page, 'desk-authority-inbox');
    await desk.follow(page, `a[href="/desk/review/${requestId}"]`);
    await act(page, 'ACKNOWLEDGE', { requestedReference: 'FGR/DGAJI/2026/0412' });
    expect(await stateOf(requestId)).toBe('acknowledged');
    await act(page, 'REQUEST_INFO', { comment: 'Please state the period of the bank records sought.' });
    expect(await stateOf(requestId)).toBe('info_requested');

    await desk.apiSend(requestId, USERS.fiscalGT, 'SUPPLY_INFO', { comment: 'From 1 January to 31 December 2025.' });
    await page.reload();
    await a11y.check(page, `/desk/review/${requestId} (information supplied)`);
    await tabTo(page, '#outcome-RECORD_EXECUTION-0');
    await page.keyboard.press('Space');
    await act(page, 'RECORD_EXECUTION', { comment: 'The bank records are sent; the witness could not be located.' });
    const request = await service.api('GET', `/requests/${requestId}`, USERS.autoridadMX);
    expect(request.body.state).toBe('executed');
    const history = await service.api('GET', `/requests/${requestId}/history`, USERS.autoridadMX);
    expect(history.body.at(-1)).toMatchObject({ event: 'RECORD_EXECUTION', comment: 'The bank records are sent; the witness could not be located.' });
    await screenshot(page, 'desk-authority-review');
    await page.context().close();

    const us = await desk.signIn(USERS.autoridadUS, 'en-US');
    await desk.follow(us, 'a.enlace-nav__link[href="/desk/queue"]');
    expect(await us.textContent('main')).not.toContain(reference);
    a11y.assertAllChecked();
    await us.context().close();
  }, LONG);

  it('supervisor.gt reads the API’s figures on the dashboard; a fiscal opening its address is refused', async () => {
    const page = await desk.signIn(USERS.supervisorGT);
    await desk.follow(page, 'a.enlace-nav__link[href="/desk/dashboard"]');
    await tabTo(page, '#requestedCountry');
    await page.selectOption('#requestedCountry', 'MX');
    await tabTo(page, 'form[role="search"] button[type="submit"]');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await a11y.check(page);
    expect(new URL(page.url()).searchParams.get('requestedCountry')).toBe('MX');
    const api = await service.api('GET', '/analytics/turnaround?requestedCountry=MX', USERS.supervisorGT);
    for (const item of api.body.items) {
      for (const field of ['visits', 'open', 'overdue', 'medianHours', 'p90Hours', 'maxHours']) {
        const shown = await page.textContent(`[data-figures] tr[data-stage="${item.stage}"] [data-field="${field}"]`);
        expect(shown).toBe(item[field] === null ? '—' : String(item[field]));
      }
    }
    expect(await page.isVisible('svg[data-chart]')).toBe(true);
    await screenshot(page, 'desk-supervisor-dashboard');
    const csv = await page.request.get(`${service.url}/desk/dashboard/turnaround.csv?requestedCountry=MX`);
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    expect((await csv.text()).split('\n')[0]).toContain('medianHours');
    // A day no calendar has, typed with the keyboard: the dashboard again, the summary focused and linked to the date.
    await tabTo(page, '#from');
    await page.keyboard.type('2026-02-30');
    await tabTo(page, 'form[role="search"] button[type="submit"]');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await a11y.check(page, 'dashboard with an impossible date');
    expect(await page.textContent('[data-error-summary] a[href="#from"]')).toContain('Escriba un día que exista');
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-error-summary'))).toBe(true);
    expect(await page.inputValue('#from')).toBe('2026-02-30');
    await page.context().close();

    const fiscal = await desk.signIn(USERS.fiscalGT);
    const response = await fiscal.goto(`${service.url}/desk/dashboard`);
    expect(response?.status()).toBe(403);
    expect(await fiscal.textContent('h1')).toBe('Acceso no permitido');
    await a11y.check(fiscal);
    a11y.assertAllChecked();
    await fiscal.context().close();
  }, LONG);

  it('the admin retries a failed document from the console, with the keyboard, and sees it become ready', async () => {
    const created = await service.api('POST', '/requests', USERS.fiscalGT, buildRequestFields());
    await desk.apiSend(created.body.id, USERS.fiscalGT, 'SHARE_DRAFT');
    const [document] = await desk.documentsReady(created.body.id, USERS.fiscalGT);
    // A rendering that spent its attempts leaves the document failed, without a file.
    await service.sql(
      `UPDATE documents SET status = 'failed', attempts = 5, last_error = 'Font table corrupt', sha256 = NULL, content_hash = NULL,
         storage_key = NULL, size_bytes = NULL, ready_at = NULL WHERE id = $1`,
      [(document as unknown as { id: string }).id],
    );
    const page = await desk.signIn(USERS.admin, 'en-US');
    expect(new URL(page.url()).pathname).toBe('/desk/admin');
    expect(await page.textContent('h1')).toBe('Platform status');
    const row = `tr[data-document="${(document as unknown as { id: string }).id}"]`;
    expect(await page.textContent(row)).toContain(created.body.reference);
    await screenshot(page, 'desk-admin-console');
    await tabTo(page, `${row} button[type="submit"]`);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await a11y.check(page, '/desk/admin (retried)');
    for (let i = 0; i < 100 && !(await page.textContent('[data-retried]'))?.endsWith('Ready'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      await page.reload();
    }
    expect(await page.textContent('[data-retried]')).toContain(`${created.body.reference}: Ready`);
    expect(await page.isVisible(row)).toBe(false);

    // The accounts: create one with the keyboard; its person opens the one-time link and chooses a password.
    await desk.follow(page, `a[href="/desk/admin/users"]`);
    await tabTo(page, '#name');
    await page.keyboard.type('Lucía Ixcot');
    await tabTo(page, '#email');
    await page.keyboard.type('fiscal3.gt@demo.enlace');
    await page.selectOption('#role', 'fiscal');
    await page.selectOption('#country', 'GT');
    await tabTo(page, 'form[data-new-user] button[type="submit"]');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await a11y.check(page, '/desk/admin/users (created)');
    const link = (await page.textContent('[data-password-link]'))!.trim();
    await screenshot(page, 'desk-admin-users');
    const person = await a11y.page(await browser.newContext({ locale: 'es-GT' }));
    await person.goto(link);
    await a11y.check(person, '/password');
    await tabTo(person, '#newPassword');
    await person.keyboard.type('Quetzaltenango-2026-rio');
    await Promise.all([person.waitForNavigation(), person.keyboard.press('Enter')]);
    expect(await person.textContent('main')).toContain('Su contraseña quedó guardada.');
    await a11y.check(person, '/sign-in (password set)');
    a11y.assertAllChecked();
    await Promise.all([page.context().close(), person.context().close()]);
  }, LONG);

  it('cancilleria.gt revokes fiscal.gt’s liaison authorization in French, with the keyboard; fiscal.gt’s next page load is refused', async () => {
    const fiscal = await desk.signIn(USERS.fiscalGT, 'fr-FR');
    const page = await desk.signIn(USERS.cancilleriaGT, 'fr-FR');
    await desk.follow(page, 'a.enlace-nav__link[href="/desk/liaisons"]');
    expect(await page.textContent('h1')).toBe('Annuaire des agents de liaison');
    await screenshot(page, 'desk-cancilleria-liaisons');
    await desk.follow(page, `tr[data-user="${USERS.fiscalGT}"] a`);

    // Without a reason the revocation is refused, listed at the top and linked to the field.
    await tabTo(page, 'form[data-action="revoke"] button[type="submit"]');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await a11y.check(page, 'liaison revoke refused (fr)');
    expect(await page.textContent('[data-error-summary]')).toContain('Remplissez ce champ.');

    await tabTo(page, '#reason');
    await page.keyboard.type('Mutation dans un autre parquet.');
    await tabTo(page, 'form[data-action="revoke"] button[type="submit"]');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await a11y.check(page, 'liaison revoked (fr)');
    expect(await page.textContent('[data-standing]')).toContain('Révoqué');
    expect(await focusedNotice(page)).toEqual({ id: 'done-notice', role: 'status', text: expect.stringContaining('Révoqué') });
    expect(await page.textContent('[data-history]')).toContain('Mutation dans un autre parquet.');

    const refused = await fiscal.reload();
    expect(refused?.status()).toBe(403);
    expect(await fiscal.textContent('main')).toContain('Votre autorisation d’agent de liaison n’est pas en vigueur');
    await a11y.check(fiscal, 'liaison refused page (fr)');

    // Authorized again until a date a year away, the fiscal works again.
    const nextYear = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
    await tabTo(page, '#validUntil');
    await page.fill('#validUntil', nextYear);
    await tabTo(page, 'form[data-action="authorize"] button[type="submit"]');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await page.textContent('[data-standing]')).toContain('Autorisé');
    expect((await fiscal.reload())?.status()).toBe(200);
    a11y.assertAllChecked();
    await Promise.all([page.context().close(), fiscal.context().close()]);
  }, LONG);
  it('every desk page passes axe in Spanish, English and French, and fits a 360 px phone', async () => {
    const created = await service.api('POST', '/requests', USERS.fiscalGT, buildRequestFields());
    const id = created.body.id as string;
    for (const type of ['SHARE_DRAFT', 'STANDARDIZE', 'SUBMIT']) await desk.apiSend(id, USERS.fiscalGT, type);
    const fiscalGT = (await service.api('GET', '/liaisons', USERS.admin)).body.find((e: { email: string }) => e.email === USERS.fiscalGT).userId as string;
    const desks: [string, string[]][] = [
      [USERS.cancilleriaGT, ['/desk/queue', `/desk/review/${id}`, '/desk/liaisons', `/desk/liaisons/${fiscalGT}`]],
      [USERS.supervisorGT, ['/desk/dashboard', `/desk/review/${id}`]],
      [USERS.autoridadMX, ['/desk/queue']],
      [USERS.admin, ['/desk/admin', '/desk/admin/users']],
    ];
    for (const [email, paths] of desks) {
      const page = await desk.signIn(email, 'es-GT', { width: 360, height: 780 });
      for (const lang of ['es', 'en', 'fr']) {
        // The language a person picks on any page is kept in this cookie.
        await page.context().addCookies([{ name: 'enlace_lang', value: lang, url: service.url }]);
        for (const path of paths) {
          const response = await page.goto(`${service.url}${path}`);
          expect([path, response?.status()]).toEqual([path, 200]);
          expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
          await a11y.check(page, `${path} (${lang}, 360 px)`);
          expect([path, lang, await fitsWidth(page)]).toEqual([path, lang, true]);
        }
      }
      await page.context().close();
    }
    a11y.assertAllChecked();
  }, 600_000);
});
