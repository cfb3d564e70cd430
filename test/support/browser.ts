import { AxeBuilder } from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's chromium (never a browser download); CHROMIUM_PATH names another. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** One headless Chromium per test file; each context is a fresh profile (cookies, storage). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export const SCREENSHOTS = 'docs/screenshots';

/**
 * axe-core on every page a test reaches: each page the browser lands on is checked against WCAG 2.2
 * A and AA when the test calls `check`, and `assertAllChecked` fails the test if it reached a page it
 * never checked. Violations fail at once, listed with their rule, impact and elements.
 */
export class Accessibility {
  private readonly reached = new Set<string>();
  private readonly checkedPages = new Set<string>();
  /** Every check run, for the report: page and number of rules that passed. */
  readonly runs: { page: string; passes: number }[] = [];

  /** A page of a fresh context, whose navigations are recorded; it fails on CSP or script errors. */
  async page(context: BrowserContext): Promise<Page> {
    const page = await context.newPage();
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) this.reached.add(pathOf(frame.url()));
    });
    const problems: string[] = [];
    // A page's own status (a 404 answer for an unknown hash) is its business; a missing asset or a
    // blocked inline script (the Content-Security-Policy) is not.
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(message.text());
    });
    page.on('response', (response) => {
      const type = response.request().resourceType();
      // A form htmx sent in the background and the server refused (400, 409, 422) comes back as the
      // page with its errors, which htmx swaps in: the page's business, like a refused document.
      const refusedForm = (type === 'xhr' || type === 'fetch') && [400, 409, 422].includes(response.status()) && response.request().method() === 'POST';
      if (response.status() >= 400 && type !== 'document' && !refusedForm) problems.push(`${response.status()} ${response.url()}`);
    });
    page.on('pageerror', (error) => problems.push(error.message));
    (page as Page & { problems: string[] }).problems = problems;
    return page;
  }

  async check(page: Page, label?: string): Promise<void> {
    await page.waitForLoadState('load');
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    const where = label ?? pathOf(page.url());
    this.checkedPages.add(pathOf(page.url()));
    this.runs.push({ page: where, passes: results.passes.length });
    const problems = (page as Page & { problems?: string[] }).problems ?? [];
    if (problems.length > 0) throw new Error(`The page ${where} logged errors:\n${problems.join('\n')}`);
    if (results.violations.length > 0) {
      const list = results.violations
        .map((v) => `- ${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`)
        .join('\n');
      throw new Error(`axe found ${results.violations.length} violation(s) on ${where}:\n${list}`);
    }
  }

  /** Fails when the test reached a page it did not check. */
  assertAllChecked(): void {
    const unchecked = [...this.reached].filter((path) => path !== 'about:blank' && !this.checkedPages.has(path));
    if (unchecked.length > 0) throw new Error(`Pages reached but never checked with axe: ${unchecked.join(', ')}`);
  }
}

function pathOf(url: string): string {
  if (url === 'about:blank') return url;
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

/**
 * Saves a screenshot of the page for the README (docs/screenshots/NAME.png): the whole page, or only
 * what the window shows (`fullPage: false`, for a long page, so that the file stays small).
 */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: options.fullPage ?? true });
}

/** Moves the focus with the Tab key alone until it is on the element (a keyboard user's way). */
export async function tabTo(page: Page, selector: string, maxPresses = 80): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`The keyboard never reached ${selector} within ${maxPresses} presses of Tab`);
}

/** Whether the page fits its viewport without sideways scrolling (360 px phones). */
export const fitsWidth = (page: Page): Promise<boolean> =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
