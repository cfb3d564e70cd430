// The fiscal's desk in a real Chromium against the real service, with the keyboard wherever a person
// would use it and axe-core on every page reached: fiscal.gt drafts a request to Mexico through the
// pages, shares it and talks with fiscal.mx (a second browser), standardizes, reads what blocks
// submission (each item a link to its field), completes it and submits; the cancillería and the
// central authority act through the API; the fiscal answers the request for information and closes.
// Then the same pages in English (a request to the United States, its translation, a withdrawal) and
// in French; a version conflict between two browser sessions; a downloaded PDF verified on the
// public page, and a tampered copy refused.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { Accessibility, launchBrowser, screenshot, tabTo } from '../support/browser.js';
import { deskSession, type DeskSession } from '../support/browser-desk.js';
import { USERS } from '../support/request-flow.js';
import { startWebService, type WebService } from '../support/web-service.js';

let service: WebService;
let browser: Browser;
let desk: DeskSession;
const a11y = new Accessibility();

beforeAll(async () => {
  [service, browser] = await Promise.all([startWebService(), launchBrowser()]);
  desk = deskSession(service, browser, a11y);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

// The whole journey is long, and slow on a loaded 2-core machine (712 s for the file once, under five other test runs).
const LONG = 900_000;
/** A request's page is long: the keyboard may need many presses to reach a field. */
const FAR = 400;

/** Types into a field reached with Tab (what was there is replaced). */
async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await tabTo(page, selector, FAR);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

/** Chooses an option of a select reached with Tab. */
async function choose(page: Page, selector: string, value: string): Promise<void> {
  await tabTo(page, selector, FAR);
  await page.selectOption(selector, value);
}

/** Ticks a checkbox reached with Tab, with the space bar. */
async function tick(page: Page, selector: string): Promise<void> {
  await tabTo(page, selector, FAR);
  if (!(await page.isChecked(selector))) await page.keyboard.press('Space');
}

/** Chooses a radio button as the keyboard does: Tab into its group, then the arrow keys. */
async function pickRadio(page: Page, selector: string): Promise<void> {
  const name = await page.getAttribute(selector, 'name');
  await tabTo(page, `input[type="radio"][name="${name}"]`, FAR);
  for (let i = 0; i < 5 && !(await page.isChecked(selector)); i++) await page.keyboard.press('ArrowDown');
  expect(await page.isChecked(selector)).toBe(true);
}

const versionIn = (page: Page, section: string) => page.inputValue(`#section-${section} input[name="expectedVersion"]`);

/**
 * Saves one section with its own button, from the keyboard. htmx sends it in the background and swaps
 * the request's body: the page stays, the versions its forms carry change.
 */
async function saveSection(page: Page, section: string): Promise<void> {
  const before = await versionIn(page, section);
  await tabTo(page, `#section-${section} form > button[type="submit"]`, FAR);
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    ([id, version]) => {
      const input = document.querySelector<HTMLInputElement>(`#section-${id} input[name="expectedVersion"]`);
      return input !== null && input.value !== version && document.querySelector('.htmx-request') === null;
    },
    [section, before] as const,
  );
  // The keyboard stays there: on the section saved, or on the notice that someone else changed the request.
  await page.waitForFunction((id) => [`section-${id}`, 'conflict-notice'].includes(document.activeElement?.id ?? ''), section);
}

/**
 * A screenshot of what the window shows of a long page: its top (the request's summary, what blocks
 * it, its notices), or the part that starts at `selector`.
 */
async function screenshotTop(page: Page, name: string, selector?: string): Promise<void> {
  await page.evaluate((s) => (s ? document.querySelector(s)!.scrollIntoView() : window.scrollTo(0, 0)), selector);
  await screenshot(page, name, { fullPage: false });
}

/** Sends a lifecycle action of the request's page from the keyboard (a plain form: the page reloads). */
async function act(page: Page, event: string, comment?: string): Promise<void> {
  if (comment !== undefined) await typeInto(page, `#${event}-comment`, comment);
  await tabTo(page, `#event-${event} button[type="submit"]`, FAR);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  await a11y.check(page, `${new URL(page.url()).pathname} (after ${event})`);
}

/** Every item of "what still blocks submission" links to an element of the page (its field or section). */
async function blockerTargets(page: Page): Promise<{ href: string; found: boolean }[]> {
  return page.$$eval('#blockers a', (links) => links.map((a) => ({ href: a.getAttribute('href')!, found: document.querySelector(a.getAttribute('href')!) !== null })));
}

async function switchLanguage(page: Page, lang: 'es' | 'en' | 'fr'): Promise<void> {
  await tabTo(page, `button[lang="${lang}"]`, FAR);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  expect(await page.getAttribute('html', 'lang')).toBe(lang);
  await a11y.check(page, `${new URL(page.url()).pathname} (${lang})`);
}

describe('the fiscal’s journey in a browser', () => {
  let requestId = '';
  let reference = '';
  let standardizedForm: Buffer | null = null;

  it('fiscal.gt drafts a request to Mexico, shares it, talks with fiscal.mx, standardizes, completes and submits it', async () => {
    const page = await desk.signIn(USERS.fiscalGT);
    expect(await page.textContent('h1')).toBe('Mis solicitudes');
    await desk.follow(page, 'a.enlace-nav__link[href="/desk/requests/new"]');

    // The pair first: what binds Guatemala and Mexico, the languages Mexico accepts, its central authority.
    await choose(page, '#to', 'MX');
    await tabTo(page, 'form[method="get"] button[type="submit"]');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await a11y.check(page, '/desk/requests/new?to=MX');
    expect(await page.textContent('#pair')).toContain('Instrumentos en vigor entre los dos países');
    expect(await page.inputValue('#requestedCountry')).toBe('MX');
    await screenshot(page, 'fiscal-new-request');
    await tabTo(page, 'form[method="post"][action="/desk/requests"] button[type="submit"]', FAR);
    await Promise.all([page.waitForURL(/\/desk\/requests\/[0-9a-f-]{36}$/), page.keyboard.press('Enter')]);
    await a11y.check(page);
    requestId = /\/desk\/requests\/([0-9a-f-]{36})/.exec(page.url())![1];
    reference = (await page.textContent('.enlace-reference'))!;
    expect(reference).toMatch(/^GT-MX-\d{4}-\d{6}$/);

    // Sharing needs a title and the facts: the blockers say so, each a link to its field.
    await typeInto(page, '#title', 'Red de tráfico «Los Coyotes» – Tapachula');
    await typeInto(page, '#caseReference', 'MP001-2026-0457');
    await choose(page, '#proceeding-type', 'investigation');
    await typeInto(page, '#proceeding-authority', 'Fiscalía contra el Tráfico Ilícito de Migrantes, Ministerio Público');
    await saveSection(page, 'proceeding');
    await a11y.check(page, `/desk/requests/${requestId} (a section saved)`);
    expect(await page.textContent('h1')).toContain(reference);
    await typeInto(page, '#summaryOfFacts', 'Entre marzo y noviembre de 2025 la red trasladó al menos 140 personas migrantes por el río Suchiate, cobrando hasta 8,000 dólares por persona.');
    await saveSection(page, 'facts');
    await choose(page, '#measures-0-type', 'bank_records');
    await typeInto(page, '#measures-0-description', 'Estados de la cuenta 0123-4567-89 del Banco del Soconusco, enero a diciembre de 2025.');
    await saveSection(page, 'measures');
    // Saved as bank records, the measure asks for what the bank is served with (measure.rules.ts).
    await typeInto(page, '#measures-0-institution', 'Banco del Soconusco, S.A.');
    await typeInto(page, '#measures-0-account', '0123-4567-89');
    await typeInto(page, '#measures-0-accountHolder', 'Transportes y Logística del Suchiate, S.A. de C.V.');
    // A date box's segments follow the browser's locale: its value is set as the form sends it.
    await page.fill('#measures-0-period-from', '2025-01-01');
    await page.fill('#measures-0-period-to', '2025-12-31');
    await saveSection(page, 'measures');
    await choose(page, '#persons-0-role', 'smuggled_migrant');
    await typeInto(page, '#persons-0-fullName', 'María José Pérez León');
    await saveSection(page, 'persons');
    expect(await page.textContent('#section-persons')).toContain('M. J. P. L.');
    await act(page, 'SHARE_DRAFT');
    expect(await page.textContent('.usa-alert--success')).toBeTruthy();

    // The informal channel: fiscal.gt writes, fiscal.mx (another browser) reads the shared draft and answers.
    await typeInto(page, '#message-body', '¿Puede confirmar que la cuenta sigue abierta en el Banco del Soconusco?');
    await tabTo(page, '#messages button[type="submit"]', FAR);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await a11y.check(page, `/desk/requests/${requestId} (message sent)`);

    const mx = await desk.signIn(USERS.fiscalMX);
    expect(await mx.textContent('main')).toContain(reference);
    await desk.follow(mx, `a[href="/desk/requests/${requestId}"]`);
    // The counterpart reads the draft, the protected person by initials only, and cannot edit it.
    expect(await mx.textContent('main')).toContain('M. J. P. L.');
    expect(await mx.textContent('main')).not.toContain('María José Pérez León');
    expect(await mx.$('#section-proceeding form')).toBeNull();
    expect(await mx.textContent('#messages')).toContain('¿Puede confirmar que la cuenta sigue abierta');
    await typeInto(mx, '#message-body', 'Confirmado: la cuenta sigue abierta. Envíe la solicitud formal.');
    await tabTo(mx, '#messages button[type="submit"]', FAR);
    await Promise.all([mx.waitForNavigation(), mx.keyboard.press('Enter')]);
    await a11y.check(mx, `/desk/requests/${requestId} (fiscal.mx answered)`);
    await screenshotTop(mx, 'fiscal-counterpart-conversation', '#messages');
    await mx.context().close();

    await page.reload();
    await a11y.check(page, `/desk/requests/${requestId} (the answer arrived)`);
    expect(await page.textContent('#messages')).toContain('Confirmado: la cuenta sigue abierta.');

    // Standardize: the conversation is carried into the prior informal exchanges.
    await act(page, 'STANDARDIZE');
    expect(await page.textContent('#request-state')).toBe('Normalizada');
    expect(await page.inputValue('#priorInformalExchanges-1-summary')).toContain('Confirmado: la cuenta sigue abierta.');

    // What still blocks submission: every item links to its field, and the button says why it waits.
    const blockers = await blockerTargets(page);
    expect(blockers.map((b) => b.href)).toEqual(expect.arrayContaining(['#purpose', '#legalBasis', '#section-offenses', '#language', '#section-confidentiality', '#section-urgency', '#section-contact']));
    expect(blockers.filter((b) => !b.found)).toEqual([]);
    expect(await page.isDisabled('#event-SUBMIT button[type="submit"]')).toBe(true);
    expect(await page.textContent('#submit-blocked')).toBeTruthy();
    await screenshotTop(page, 'fiscal-request-blockers');
    // Following an item with the keyboard lands on its field.
    await tabTo(page, '#blockers a[href="#purpose"]', FAR);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.hash === '#purpose');

    await tick(page, '#legalBasis-UNTOC_ART18');
    await tick(page, '#legalBasis-SOM_PROTOCOL');
    // UNTOC reaches a transnational offence involving an organized criminal group (art. 3, art. 18(1)): the form asks why.
    await choose(page, '#untocScope-category', 'protocol_offence');
    await typeInto(page, '#untocScope-transnational', 'Las personas migrantes cruzaron de Guatemala a México y los pagos llegaron a una cuenta en México.');
    await typeInto(page, '#untocScope-organizedGroup', 'Reclutadores en Guatemala y transportistas en Chiapas, al menos cinco personas, concertados durante nueve meses.');
    await saveSection(page, 'legalBasis');
    await typeInto(page, '#offenses-0-name', 'Tráfico ilícito de migrantes');
    await typeInto(page, '#offenses-0-legalProvision', 'Código de Migración (Decreto 44-2016), art. 229');
    await saveSection(page, 'offenses');
    await typeInto(page, '#purpose', 'Acreditar el flujo de los pagos del tráfico hacia la cuenta de la empresa fachada.');
    await saveSection(page, 'purpose');
    await pickRadio(page, '#confidentiality-required-false');
    await saveSection(page, 'confidentiality');
    await pickRadio(page, '#urgency-urgent-false');
    await saveSection(page, 'urgency');
    await typeInto(page, '#contact-name', 'Lcda. María José Ordóñez');
    await typeInto(page, '#contact-email', 'mordonez@mp.gob.gt');
    await saveSection(page, 'contact');
    await choose(page, '#language', 'es');
    await saveSection(page, 'language');
    // Mexico accepts Spanish: the translations section says none is needed.
    expect(await page.getAttribute('#translation-needs', 'data-needed')).toBe('false');
    expect(await page.textContent('#blockers')).toContain('Nada impide enviarla');
    expect(await page.isDisabled('#event-SUBMIT button[type="submit"]')).toBe(false);
    await a11y.check(page, `/desk/requests/${requestId} (complete)`);

    await act(page, 'SUBMIT');
    expect(await page.textContent('#request-state')).toBe('Pendiente de autorización');
    expect(await page.textContent('#request-due')).toBeTruthy();
    await screenshotTop(page, 'fiscal-request-submitted');
    a11y.assertAllChecked();
    await page.context().close();
  }, LONG);

  it('after the cancillería and the central authority act, fiscal.gt answers the request for information and closes; downloads the form and verifies it', async () => {
    await desk.apiSend(requestId, USERS.cancilleriaGT, 'AUTHORIZE');
    await desk.apiSend(requestId, USERS.autoridadGT, 'TRANSMIT'); // GT -> MX under Nassau: central authority to central authority
    await desk.apiSend(requestId, USERS.autoridadMX, 'ACKNOWLEDGE', { data: { requestedReference: 'FGR/DGAJI/2026/0412' } });
    await desk.apiSend(requestId, USERS.autoridadMX, 'REQUEST_INFO', { comment: '¿Puede precisar el periodo de los estados de cuenta?' });

    const page = await desk.signIn(USERS.fiscalGT);
    // My requests: the state and the stage's due date.
    const row = page.locator('tbody tr', { hasText: reference });
    expect(await row.textContent()).toContain('Información adicional solicitada');
    await screenshot(page, 'fiscal-my-requests');
    expect(Number(await page.textContent('#unread-count .usa-tag'))).toBeGreaterThan(0);
    await desk.follow(page, 'a.enlace-nav__link[href="/desk/notifications"]');
    await screenshot(page, 'fiscal-notifications');
    await desk.follow(page, `main a[href="/desk/requests/${requestId}"]`);
    expect(await page.textContent('#history')).toContain('¿Puede precisar el periodo de los estados de cuenta?');
    await act(page, 'SUPPLY_INFO', 'Del 1 de enero al 31 de diciembre de 2025.');
    expect(await page.textContent('#request-state')).toBe('Recibida por la autoridad central');

    await desk.apiSend(requestId, USERS.autoridadMX, 'RECORD_EXECUTION', { comment: 'Se remiten los estados de cuenta certificados.', data: { outcome: 'total' } });
    await page.reload();
    await a11y.check(page, `/desk/requests/${requestId} (executed)`);
    await act(page, 'CLOSE');
    expect(await page.textContent('#request-state')).toBe('Cerrada');
    expect(await desk.stateOf(requestId, USERS.fiscalGT)).toBe('closed');
    expect(await page.textContent('#history')).toContain('Se remiten los estados de cuenta certificados.');

    await desk.documentsReady(requestId, USERS.fiscalGT);
    await page.reload();
    await a11y.check(page, `/desk/requests/${requestId} (closed, documents ready)`);
    await screenshotTop(page, 'fiscal-request-closed');

    // The print view: the whole request and its history on paper, without navigation or forms.
    await desk.follow(page, '#print-link');
    expect(await page.$('nav, form, script')).toBeNull();
    expect(await page.textContent('#request-state')).toBe('Cerrada');
    expect(await page.textContent('#section-priorExchanges')).toContain('Confirmado: la cuenta sigue abierta.');
    expect(await page.textContent('#history')).toContain('Del 1 de enero al 31 de diciembre de 2025.');
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible(`a[href="/desk/requests/${requestId}"]`)).toBe(false);
    await screenshotTop(page, 'fiscal-request-print');
    await page.emulateMedia({ media: 'screen' });
    await desk.follow(page, `a[href="/desk/requests/${requestId}"]`);
    const link = '#documents li[data-kind="standardized_form"] a[download]';
    await tabTo(page, link, FAR);
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    standardizedForm = readFileSync((await download.path())!);
    expect(standardizedForm.subarray(0, 5).toString()).toBe('%PDF-');
    a11y.assertAllChecked();
    await page.context().close();

    // Anyone holding the PDF, signed in or not, learns that Enlace issued it: kind and reference.
    const context = await browser.newContext({ locale: 'es-MX', viewport: { width: 1280, height: 900 } });
    const anyone = await a11y.page(context);
    await anyone.goto(`${service.url}/verify`);
    await a11y.check(anyone);
    const verify = async (buffer: Buffer) => {
      await anyone.setInputFiles('#file', { name: 'solicitud.pdf', mimeType: 'application/pdf', buffer });
      await tabTo(anyone, 'main form button[type="submit"]');
      // The file is checked as it arrives (its fingerprint and its seal): the answer is the page itself.
      await Promise.all([anyone.waitForNavigation(), anyone.keyboard.press('Enter')]);
      await a11y.check(anyone);
    };
    await verify(standardizedForm);
    expect(await anyone.textContent('main')).toContain('Documento válido');
    expect(await anyone.textContent('#verify-result')).toContain('Formulario normalizado');
    expect(await anyone.textContent('#verify-result')).toContain(reference);
    await screenshot(anyone, 'verify-valid');
    // One byte changed in the middle of the file: not what Enlace issued.
    const tampered = Buffer.from(standardizedForm);
    const middle = Math.floor(tampered.length / 2);
    tampered[middle] = tampered[middle] ^ 0x01;
    await anyone.goto(`${service.url}/verify`);
    await a11y.check(anyone);
    await verify(tampered);
    expect(await anyone.textContent('main')).toContain('No válido');
    expect(await anyone.$('#verify-result')).toBeNull();
    a11y.assertAllChecked();
    await context.close();
  }, LONG);

  it('in English: the language switched on the page, a request to the United States with its translation, withdrawn after confirming', async () => {
    const page = await desk.signIn(USERS.fiscalGT);
    await switchLanguage(page, 'en');
    expect(await page.textContent('h1')).toBe('My requests');
    await desk.follow(page, 'a.enlace-nav__link[href="/desk/requests/new"]');
    await choose(page, '#to', 'US');
    await tabTo(page, 'form[method="get"] button[type="submit"]');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await a11y.check(page, '/desk/requests/new?to=US (en)');
    expect(await page.textContent('#pair')).toContain('A translation will be needed');
    await tabTo(page, 'form[method="post"][action="/desk/requests"] button[type="submit"]', FAR);
    await Promise.all([page.waitForURL(/\/desk\/requests\/[0-9a-f-]{36}$/), page.keyboard.press('Enter')]);
    await a11y.check(page);
    const id = /\/desk\/requests\/([0-9a-f-]{36})/.exec(page.url())![1];

    await typeInto(page, '#title', 'Tráfico de migrantes hacia Houston');
    await saveSection(page, 'proceeding');
    await typeInto(page, '#summaryOfFacts', 'La red cobraba por el traslado hasta Houston, Texas.');
    await saveSection(page, 'facts');
    await choose(page, '#measures-0-type', 'identify_locate_person');
    await typeInto(page, '#measures-0-description', 'Localizar al conductor del vehículo interceptado en Laredo.');
    await saveSection(page, 'measures');
    await choose(page, '#language', 'es');
    await saveSection(page, 'language');
    // The United States does not accept Spanish: the blockers and the section say an English translation is needed.
    expect(await page.getAttribute('#translation-needs', 'data-needed')).toBe('true');
    expect(await page.textContent('#blockers')).toContain('Missing the translation into: English');
    expect((await blockerTargets(page)).filter((b) => !b.found)).toEqual([]);
    await typeInto(page, '#translations-en-title', 'Migrant smuggling to Houston');
    await typeInto(page, '#translations-en-summaryOfFacts', 'The network charged for the journey to Houston, Texas.');
    await typeInto(page, '#translations-en-measures-0', 'Locate the driver of the vehicle stopped in Laredo.');
    await saveSection(page, 'translations');
    await a11y.check(page, `/desk/requests/${id} (translation saved, en)`);
    // The translation is there, not yet whole: each text left (the translator's attestation too) is named.
    expect(await page.textContent('#blockers')).not.toContain('Missing the translation');
    expect(await page.textContent('#blockers')).toContain('Incomplete translation');
    await screenshotTop(page, 'fiscal-request-translation-en', '#section-translations');

    // Withdrawing asks for a reason and a confirmation: without the box ticked, nothing happens.
    await act(page, 'WITHDRAW', 'Duplicated by another request.');
    expect(await page.textContent('[data-error-summary]')).toBeTruthy();
    expect(await desk.stateOf(id, USERS.fiscalGT)).toBe('draft');
    await tick(page, '#WITHDRAW-confirm');
    await act(page, 'WITHDRAW', 'Duplicated by another request.');
    expect(await page.textContent('#request-state')).toBe('Withdrawn');
    expect(await desk.stateOf(id, USERS.fiscalGT)).toBe('withdrawn');
    await desk.follow(page, '#print-link');
    expect(await page.textContent('#section-translations')).toContain('Locate the driver of the vehicle stopped in Laredo.');
    await desk.follow(page, `a[href="/desk/requests/${id}"]`);

    await desk.follow(page, 'a.enlace-nav__link[href="/desk/notifications"]');
    await desk.follow(page, 'a.enlace-nav__link[href="/verify"]');
    expect(await page.textContent('h1')).toBe('Verify a document');
    await desk.follow(page, 'a.enlace-nav__link[href="/desk/requests"]');
    expect(await page.locator('tbody tr', { hasText: reference }).textContent()).toContain('Closed');

    // And in French, every page the fiscal uses.
    await switchLanguage(page, 'fr');
    expect(await page.textContent('h1')).toBe('Mes demandes');
    await desk.follow(page, `a[href="/desk/requests/${requestId}"]`);
    expect(await page.textContent('#request-state')).toBe('Clôturée');
    await desk.follow(page, 'a.enlace-nav__link[href="/desk/requests/new"]');
    await choose(page, '#to', 'CA');
    await tabTo(page, 'form[method="get"] button[type="submit"]');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await a11y.check(page, '/desk/requests/new?to=CA (fr)');
    await desk.follow(page, 'a.enlace-nav__link[href="/desk/notifications"]');
    await desk.follow(page, 'a.enlace-nav__link[href="/verify"]');
    await desk.follow(page, `a.enlace-nav__link[href="/desk/requests"]`);
    await desk.follow(page, `a[href="/desk/requests/${id}"]`);
    expect(await page.textContent('#request-state')).toBe('Retirée');
    await desk.follow(page, '#print-link');
    expect(await page.textContent('h1')).toContain('Tráfico de migrantes hacia Houston');
    a11y.assertAllChecked();
    await page.context().close();
  }, LONG);

  it('a version conflict between two browser sessions: the page says so, shows what changed and keeps what the user typed', async () => {
    const created = await service.api('POST', '/requests', USERS.fiscalGT, { requestedCountry: 'MX', title: 'Conflicto de versiones', summaryOfFacts: 'Hechos iniciales.' });
    const id = created.body.id as string;
    const first = await desk.signIn(USERS.fiscalGT);
    const second = await desk.signIn(USERS.fiscalGT);
    for (const page of [first, second]) {
      await page.goto(`${service.url}/desk/requests/${id}`);
      await a11y.check(page);
    }
    await typeInto(first, '#summaryOfFacts', 'Hechos corregidos en la primera ventana.');
    await saveSection(first, 'facts');

    const typed = 'Lo que escribí en la segunda ventana y no quiero perder.';
    await typeInto(second, '#purpose', typed);
    await saveSection(second, 'purpose');
    expect(await second.evaluate(() => document.activeElement?.id)).toBe('conflict-notice');
    await a11y.check(second, `/desk/requests/${id} (version conflict)`);
    expect(await second.textContent('.usa-alert--warning')).toContain('Otra persona cambió la solicitud');
    expect(await second.textContent('#conflict-changes')).toContain('Resumen de los hechos');
    expect(await second.inputValue('#purpose')).toBe(typed);
    // The summary is swapped with the forms: it shows the version they now carry.
    expect(await second.textContent('.enlace-summary')).toContain(`Versión ${await versionIn(second, 'purpose')}`);
    expect((await service.api('GET', `/requests/${id}`, USERS.fiscalGT)).body.purpose).toBeUndefined();
    await screenshotTop(second, 'fiscal-version-conflict');

    // Saved again, now at the version it has read: both changes are kept.
    await saveSection(second, 'purpose');
    const saved = await service.api('GET', `/requests/${id}`, USERS.fiscalGT);
    expect(saved.body).toMatchObject({ purpose: typed, summaryOfFacts: 'Hechos corregidos en la primera ventana.' });
    a11y.assertAllChecked();
    await first.context().close();
    await second.context().close();
  }, LONG);

  it('the first page a person loads weighs less than 150 KB compressed, everything it pulls in included', async () => {
    const context = await browser.newContext({ locale: 'es-GT', viewport: { width: 1280, height: 900 } });
    const page = await a11y.page(context);
    const loaded: { path: string; bytes: number }[] = [];
    page.on('requestfinished', (request) => {
      void request.sizes().then((sizes) => loaded.push({ path: new URL(request.url()).pathname, bytes: sizes.responseBodySize + sizes.responseHeadersSize }));
    });
    await page.goto(`${service.url}/`, { waitUntil: 'networkidle' });
    await a11y.check(page);
    const total = loaded.reduce((sum, file) => sum + file.bytes, 0);
    // The figure, for the notes: what a slow office line carries before the sign-in form can be used.
    console.info(`First page load: ${(total / 1024).toFixed(1)} KB in ${loaded.length} files: ${loaded.map((f) => `${f.path} ${f.bytes}`).join(', ')}`);
    expect(loaded.some((file) => file.path.endsWith('.css'))).toBe(true);
    expect(total).toBeLessThan(150 * 1024);
    a11y.assertAllChecked();
    await context.close();
  }, LONG);
});
