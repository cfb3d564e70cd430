import request from 'supertest';
import type { TestApp } from './test-app.js';

/** The CSRF token of the first form of a page. */
export function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('The page has no form with a CSRF token');
  return match[1];
}

/** A browser without JavaScript: keeps its cookies, posts HTML forms with the page's token. */
export interface FormBrowser {
  agent: ReturnType<typeof request.agent>;
  /** GETs a page and keeps its CSRF token for the next form. */
  open(path: string, status?: number): Promise<request.Response>;
  /** Posts an urlencoded form with the last page's token (unless `_csrf` is given). */
  submit(path: string, fields: Record<string, string | string[]>): Promise<request.Response>;
  signIn(email: string): Promise<void>;
}

export function formBrowser(t: TestApp, headers: Record<string, string> = {}): FormBrowser {
  const agent = request.agent(t.app.getHttpServer());
  let token = '';
  const browser: FormBrowser = {
    agent,
    async open(path, status = 200) {
      const response = await agent.get(path).set(headers).expect(status);
      if (/name="_csrf"/.test(response.text)) token = csrfOf(response.text);
      return response;
    },
    submit(path, fields) {
      const body = new URLSearchParams();
      for (const [name, value] of Object.entries({ _csrf: token, ...fields })) {
        for (const one of Array.isArray(value) ? value : [value]) body.append(name, one);
      }
      return agent.post(path).set(headers).type('form').send(body.toString());
    },
    async signIn(email) {
      await browser.open('/sign-in');
      const response = await browser.submit('/sign-in', { email, password: 'enlace-demo' });
      if (response.status !== 303) throw new Error(`Sign-in of ${email} answered ${response.status}`);
    },
  };
  return browser;
}

/** A form browser already signed in as this demo user (its headers, e.g. Accept-Language, on every call). */
export async function signedInBrowser(t: TestApp, email: string, headers: Record<string, string> = {}): Promise<FormBrowser> {
  const browser = formBrowser(t, headers);
  await browser.signIn(email);
  return browser;
}
