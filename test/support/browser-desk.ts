import type { Browser, Page } from 'playwright-core';
import { tabTo, type Accessibility } from './browser.js';
import type { WebService } from './web-service.js';

/** What the browser tests of the desks share: signing in as a demo user, moving by keyboard, the API for the other roles. */
export interface DeskSession {
  /** A fresh browser context signed in through the page with the keyboard; both pages checked with axe. */
  signIn(email: string, locale?: string, viewport?: { width: number; height: number }): Promise<Page>;
  /** Opens a page through a link with the keyboard (Tab to it, Enter), then checks it with axe. */
  follow(page: Page, selector: string): Promise<void>;
  /** Sends an event through the API as a demo user, at the request's current version. */
  apiSend(id: string, by: string, type: string, extra?: Record<string, unknown>): Promise<any>;
  /** Waits until no document of the request is pending (they render on the queue). */
  documentsReady(id: string, by: string): Promise<{ id: string; kind: string; status: string }[]>;
  stateOf(id: string, by: string): Promise<string>;
}

export function deskSession(service: WebService, browser: Browser, a11y: Accessibility): DeskSession {
  const session: DeskSession = {
    async signIn(email, locale = 'es-GT', viewport = { width: 1280, height: 900 }) {
      const context = await browser.newContext({ locale, viewport });
      const page = await a11y.page(context);
      await page.goto(`${service.url}/sign-in`);
      await a11y.check(page);
      await tabTo(page, '#email');
      await page.keyboard.type(email);
      await page.keyboard.press('Tab');
      await page.keyboard.type('enlace-demo');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/desk\//);
      await a11y.check(page);
      return page;
    },
    async follow(page, selector) {
      await tabTo(page, selector);
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      await a11y.check(page);
    },
    async apiSend(id, by, type, extra = {}) {
      const current = await service.api('GET', `/requests/${id}`, by);
      const response = await service.api('POST', `/requests/${id}/events`, by, { type, expectedVersion: current.body.version, ...extra });
      if (response.status !== 200) throw new Error(`${type}: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body;
    },
    async documentsReady(id, by) {
      for (let i = 0; i < 600; i++) {
        const { body } = await service.api('GET', `/requests/${id}/documents`, by);
        if (body.every((d: { status: string }) => d.status !== 'pending')) return body;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error('The documents never settled');
    },
    async stateOf(id, by) {
      return (await service.api('GET', `/requests/${id}`, by)).body.state as string;
    },
  };
  return session;
}
