// The web application's foundation in a real Chromium, with the keyboard alone: signing in (and a
// wrong password listed at the top of the form), the list of requests, the language switched on the
// page, the public verification page, a 360 px wide phone, and axe-core on every page reached.
import type { Browser, Page } from 'playwright-core';
import { Accessibility, fitsWidth, launchBrowser, screenshot, tabTo } from '../support/browser.js';
import { USERS } from '../support/request-flow.js';
import { startWebService, type WebService } from '../support/web-service.js';

let service: WebService;
let browser: Browser;
const a11y = new Accessibility();

/** Signs in on the sign-in page shown, with the keyboard alone, and waits for the page it leads to. */
async function signInWithKeyboard(page: Page, email: string, landing: string): Promise<void> {
  await tabTo(page, '#email');
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  await page.keyboard.type('enlace-demo');
  await Promise.all([page.waitForURL(landing), page.keyboard.press('Enter')]);
}

beforeAll(async () => {
  [service, browser] = await Promise.all([startWebService(), launchBrowser()]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

describe('the foundation in a browser', () => {
  it('a fiscal signs in with the keyboard, reads their requests, changes the language and signs out', async () => {
    const context = await browser.newContext({ locale: 'es-GT', viewport: { width: 1280, height: 900 } });
    const page = await a11y.page(context);
    await page.goto(`${service.url}/`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    await a11y.check(page);
    await screenshot(page, 'sign-in');

    await tabTo(page, '#email');
    await page.keyboard.type('fiscal.gt@demo.enlace');
    await page.keyboard.press('Tab');
    await page.keyboard.type('not-the-password');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-error-summary]');
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-error-summary'))).toBe(true);
    expect(await page.textContent('[data-error-summary]')).toContain('El correo electrónico o la contraseña no son correctos.');
    await a11y.check(page, '/sign-in (wrong password)');

    await tabTo(page, '#password');
    await page.keyboard.type('enlace-demo');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${service.url}/desk/requests`);
    expect(await page.textContent('h1')).toBe('Mis solicitudes');
    expect(await page.textContent('.enlace-userbar')).toContain('Ana Lucía Pérez Chávez');
    await a11y.check(page);

    await tabTo(page, 'button[lang="en"]');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(new URL(page.url()).pathname).toBe('/desk/requests');
    expect(await page.textContent('h1')).toBe('My requests');
    await a11y.check(page, '/desk/requests (en)');

    await tabTo(page, 'button.enlace-utility__link');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${service.url}/sign-in?notice=signedOut`);
    expect(await page.textContent('main')).toContain('You have signed out.');
    await a11y.check(page);
    // Signed out means signed out: the desk sends the browser back to sign in.
    await page.goto(`${service.url}/desk/requests`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await a11y.check(page);
    a11y.assertAllChecked();
    await context.close();
  }, 240_000);

  it('anyone checks a fingerprint on the public page, in French, on a 360 px wide phone', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 360, height: 740 } });
    const page = await a11y.page(context);
    await page.goto(`${service.url}/verify`);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await fitsWidth(page)).toBe(true);
    await a11y.check(page);
    await tabTo(page, '#hash');
    await page.keyboard.type('0123456789abcdef'.repeat(4));
    await page.keyboard.press('Enter');
    await page.waitForURL(`${service.url}/verify/${'0123456789abcdef'.repeat(4)}`);
    expect(await page.textContent('main')).toContain('Non valide');
    expect(await fitsWidth(page)).toBe(true);
    await a11y.check(page);
    await screenshot(page, 'verify-phone');
    a11y.assertAllChecked();
    await context.close();
  }, 240_000);

  it('a background save the server refuses or that never arrives is told in the page’s alert; an unknown desk address is a page', async () => {
    const created = await service.api('POST', '/requests', USERS.fiscalGT, { requestedCountry: 'MX', title: 'Guardado fallido', summaryOfFacts: 'Hechos iniciales.' });
    const id = created.body.id as string;
    const context = await browser.newContext({ locale: 'es-GT', viewport: { width: 1280, height: 900 } });
    // A plain page: the failures below are made on purpose and would count as the page's problems.
    const page = await context.newPage();
    await page.goto(`${service.url}/sign-in`);
    await page.fill('#email', USERS.fiscalGT);
    await page.fill('#password', 'enlace-demo');
    await page.press('#password', 'Enter');
    await page.waitForURL(`${service.url}/desk/requests`);
    await page.goto(`${service.url}/desk/requests/${id}`);
    const save = `form[hx-post$="/sections/facts"] button[type="submit"]`;
    expect(await page.textContent('#request-alert')).toBe('');

    await page.route('**/sections/facts', (route) => route.fulfill({ status: 500, contentType: 'text/plain', body: '' }));
    await page.click(save);
    await page.waitForSelector('#request-alert .usa-alert');
    expect(await page.textContent('#request-alert')).toContain('Algo falló de nuestro lado; no se cambió nada.');

    await page.unroute('**/sections/facts');
    await page.route('**/sections/facts', (route) => route.abort('connectionrefused'));
    await page.click(save);
    await page.waitForFunction(() => document.getElementById('request-alert')?.textContent?.includes('no se pudo llegar al servidor'));
    expect(new URL(page.url()).pathname).toBe(`/desk/requests/${id}`);
    await page.close();

    const missing = await a11y.page(context);
    const answer = await missing.goto(`${service.url}/desk/no-such-page`);
    expect(answer?.status()).toBe(404);
    expect(await missing.textContent('h1')).toBe('Página no encontrada');
    await a11y.check(missing);
    a11y.assertAllChecked();
    await context.close();
  }, 240_000);

  it('a page opened with a broken fragment (#%) still sends its htmx saves with the CSRF token and lands on its notice', async () => {
    const created = await service.api('POST', '/requests', USERS.fiscalGT, { requestedCountry: 'MX', title: 'Fragmento roto', summaryOfFacts: 'Hechos iniciales.' });
    const id = created.body.id as string;
    const context = await browser.newContext({ locale: 'es-GT', viewport: { width: 1280, height: 900 } });
    const page = await a11y.page(context);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${service.url}/sign-in`);
    await a11y.check(page);
    await signInWithKeyboard(page, USERS.fiscalGT, `${service.url}/desk/requests`);
    await a11y.check(page);
    // '#%' is no percent-encoding: a link cut short, or typed, must not stop the page's script.
    await page.goto(`${service.url}/desk/requests/${id}?done=event#%`);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('done-notice');
    await a11y.check(page, `/desk/requests/${id}?done=event#%`);
    await tabTo(page, '#summaryOfFacts', 400);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Guardado con el fragmento roto.');
    await tabTo(page, 'form[hx-post$="/sections/facts"] button[type="submit"]', 400);
    const [sent] = await Promise.all([page.waitForRequest((r) => r.url().endsWith('/sections/facts')), page.keyboard.press('Enter')]);
    expect(sent.headers()['x-csrf-token']).toBe(await page.inputValue('input[name="_csrf"]'));
    await page.waitForFunction(() => document.activeElement?.id === 'section-facts');
    expect((await service.api('GET', `/requests/${id}`, USERS.fiscalGT)).body.summaryOfFacts).toBe('Guardado con el fragmento roto.');
    expect(errors).toEqual([]);
    await a11y.check(page, `/desk/requests/${id} (saved, #%)`);
    a11y.assertAllChecked();
    await context.close();
  }, 240_000);

  it('a refused form keeps the keyboard on the field being fixed while a pending document is asked for every 3 s', async () => {
    const created = await service.api('POST', '/requests', USERS.fiscalGT, { requestedCountry: 'MX', title: 'Documento pendiente', summaryOfFacts: 'Hechos iniciales.' });
    const id = created.body.id as string;
    const shared = await service.api('POST', `/requests/${id}/events`, USERS.fiscalGT, { type: 'SHARE_DRAFT', expectedVersion: created.body.version });
    expect(shared.status).toBe(200);
    // The draft's document stays pending, so its panel keeps asking (hx-trigger="every 3s").
    for (let i = 0; i < 600; i++) {
      const { body } = await service.api('GET', `/requests/${id}/documents`, USERS.fiscalGT);
      if (body.length > 0 && body.every((d: { status: string }) => d.status !== 'pending')) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await service.sql(`UPDATE documents SET status = 'pending', sha256 = NULL, content_hash = NULL, storage_key = NULL, size_bytes = NULL, ready_at = NULL WHERE request_id = $1`, [id]);
    const context = await browser.newContext({ locale: 'es-GT', viewport: { width: 1280, height: 900 } });
    const page = await a11y.page(context);
    await page.goto(`${service.url}/sign-in`);
    await a11y.check(page);
    await signInWithKeyboard(page, USERS.fiscalGT, `${service.url}/desk/requests`);
    await a11y.check(page);
    await page.goto(`${service.url}/desk/requests/${id}`);
    expect(await page.getAttribute('#documents', 'hx-trigger')).toBe('every 3s');
    await a11y.check(page);
    // Withdrawing without the confirmation ticked is refused: the summary takes the focus once.
    await tabTo(page, '#WITHDRAW-comment', 400);
    await page.keyboard.type('Duplicada.');
    await tabTo(page, '#event-WITHDRAW button[type="submit"]', 400);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-error-summary'))).toBe(true);
    await a11y.check(page, `/desk/requests/${id} (withdrawal refused)`);
    await tabTo(page, '#WITHDRAW-comment', 400);
    await page.keyboard.type(' Otra solicitud');
    // Two polls of the documents' panel swap it while the person is in the comment.
    for (let i = 0; i < 2; i++) await page.waitForResponse((r) => r.url().endsWith(`/desk/requests/${id}/documents`));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('WITHDRAW-comment');
    await page.keyboard.type(' la cubre.');
    expect(await page.inputValue('#WITHDRAW-comment')).toContain('Otra solicitud la cubre.');
    a11y.assertAllChecked();
    await context.close();
  }, 240_000);

  it('a session that ends under an htmx save sends the person to sign in, says what was not saved, and brings them back to the page, in French, with the keyboard', async () => {
    const created = await service.api('POST', '/requests', USERS.fiscalGT, { requestedCountry: 'MX', title: 'Session échue', summaryOfFacts: 'Hechos iniciales.' });
    const id = created.body.id as string;
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    const page = await a11y.page(context);
    // Opened signed out (a link from a colleague): signing in, with no notice, leads to it.
    await page.goto(`${service.url}/desk/requests/${id}`);
    expect(await page.isVisible('main .usa-alert')).toBe(false);
    await a11y.check(page, '/sign-in (fr)');
    await signInWithKeyboard(page, USERS.fiscalGT, `${service.url}/desk/requests/${id}`);
    await a11y.check(page, `/desk/requests/${id} (fr)`);
    // The session's cookie runs out as the browser drops it at its Max-Age; the page stays open.
    await context.clearCookies({ name: 'enlace_session' });
    await tabTo(page, '#summaryOfFacts', 400);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Écrit après la fin de la session.');
    await tabTo(page, 'form[hx-post$="/sections/facts"] button[type="submit"]', 400);
    // htmx saves in the background; the server answers HX-Redirect and htmx goes to sign in.
    await Promise.all([page.waitForURL(/\/sign-in\?/), page.keyboard.press('Enter')]);
    const url = new URL(page.url());
    expect([url.searchParams.get('next'), url.searchParams.get('notice')]).toEqual([`/desk/requests/${id}`, 'sessionExpiredUnsaved']);
    expect(await page.textContent('main')).toContain('Votre session a pris fin et ce que vous venez d’envoyer n’a pas été enregistré.');
    await a11y.check(page, '/sign-in (session ended, fr)');
    expect((await service.api('GET', `/requests/${id}`, USERS.fiscalGT)).body.summaryOfFacts).toBe('Hechos iniciales.');

    await signInWithKeyboard(page, USERS.fiscalGT, `${service.url}/desk/requests/${id}`);
    await a11y.check(page, `/desk/requests/${id} (signed in again, fr)`);
    a11y.assertAllChecked();
    await context.close();
  }, 240_000);
});
