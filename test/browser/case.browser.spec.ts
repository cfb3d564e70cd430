// One investigation, several countries, in a real Chromium with the keyboard alone and axe-core on
// every page: fiscal.gt asks the United States from its request to Mexico, lands on the new draft,
// opens the case; the case page and the question pass axe in Spanish, English and French and fit a
// 360 px phone; the supervisor reaches the case from its review page.
import type { Browser } from 'playwright-core';
import { buildRequestFields } from '../../templates/testing/request.factory.js';
import { Accessibility, fitsWidth, launchBrowser, tabTo } from '../support/browser.js';
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

describe('a case in the browser', () => {
  it('fiscal.gt also asks the United States by keyboard; the case and the question pass axe in three languages at 360 px; the supervisor reaches the case', async () => {
    const created = await service.api('POST', '/requests', USERS.fiscalGT, buildRequestFields({ requestedCountry: 'MX' }));
    const mxId = created.body.id as string;

    const page = await desk.signIn(USERS.fiscalGT);
    await page.goto(`${service.url}/desk/requests/${mxId}`);
    await a11y.check(page);
    // A draft's page is long (every section of the form): the action sits after it.
    await tabTo(page, '#also-ask-link', 600);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await a11y.check(page);
    expect(await page.textContent('h1')).toBe('Solicitar también a otro país');

    await tabTo(page, '#requestedCountry');
    await page.selectOption('#requestedCountry', 'US');
    await tabTo(page, '#also-ask-form button[type="submit"]');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await a11y.check(page);
    expect(await page.textContent('h1')).toMatch(/GT-US-\d{4}-\d{6}/);

    await tabTo(page, '#case-link', 600);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await a11y.check(page);
    const casePath = new URL(page.url()).pathname;
    expect(await page.textContent('[data-case-members]')).toContain('México');
    expect(await page.textContent('[data-case-members]')).toContain('Estados Unidos');

    for (const lang of ['es', 'en', 'fr']) {
      await page.setViewportSize({ width: 360, height: 780 });
      await page.context().addCookies([{ name: 'enlace_lang', value: lang, url: service.url }]);
      for (const path of [casePath, `/desk/requests/${mxId}/also-ask`]) {
        const response = await page.goto(`${service.url}${path}`);
        expect([path, response?.status()]).toEqual([path, 200]);
        await a11y.check(page, `${path} (${lang}, 360 px)`);
        expect([path, lang, await fitsWidth(page)]).toEqual([path, lang, true]);
      }
    }
    await page.context().close();

    const supervisor = await desk.signIn(USERS.supervisorGT);
    await supervisor.goto(`${service.url}/desk/review/${mxId}`);
    await a11y.check(supervisor);
    await desk.follow(supervisor, '#case-link');
    expect(new URL(supervisor.url()).pathname).toBe(casePath);
    await supervisor.context().close();
    a11y.assertAllChecked();
  }, 600_000);
});
