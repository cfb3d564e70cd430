// The liaison directory as the cancillería works on it in a browser without JavaScript: its country's
// liaisons, authorizations that end soon, revoking with a reason (the fiscal's next page is refused),
// authorizing again with an end date; another country's officer and the supervisor change nothing.
import { signedInBrowser } from '../support/page-session.js';
import { USERS } from '../support/request-flow.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

/** What a form refused for an invisible character says beside the field (in Spanish, the demo users' language). */
const REMOVED = 'contenía un carácter invisible que no se admite (nulo o de control de la dirección del texto, que suele llegar con un texto copiado). Se quitó: revise el texto y vuelva a enviarlo.';

const signedIn = (email: string, headers: Record<string, string> = {}) => signedInBrowser(t, email, headers);

/** The directory entry of a demo user, as the API gives it. */
async function entryOf(email: string): Promise<{ userId: string; status: string; validUntil: string | null }> {
  const list = await t.http().get('/api/liaisons').set('Authorization', await t.login(USERS.admin)).expect(200);
  return (list.body as { email: string; userId: string; status: string; validUntil: string | null }[]).find((e) => e.email === email)!;
}

/** A day counted from today on Guatemala's wall calendar (the cancillería's), YYYY-MM-DD. */
function guatemalaDayPlus(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Guatemala', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

describe('the liaison directory page', () => {
  it('lists the cancillería’s own country’s liaisons only, and offers the supervisor no form', async () => {
    const gt = await signedIn(USERS.cancilleriaGT);
    const page = (await gt.open('/desk/liaisons')).text;
    expect(page).toContain('<h1>Directorio de enlaces</h1>');
    expect(page).toContain(`data-user="${USERS.fiscalGT}"`);
    expect(page).not.toContain(`data-user="${USERS.fiscalMX}"`);
    expect(page).toMatch(/href="\/desk\/liaisons"[^>]*aria-current="page"/);

    const hn = (await (await signedIn(USERS.cancilleriaHN)).open('/desk/liaisons')).text;
    expect(hn).not.toContain(`data-user="${USERS.fiscalGT}"`);

    const { userId } = await entryOf(USERS.fiscalGT);
    const supervisor = await signedIn(USERS.supervisorGT, { 'Accept-Language': 'fr' });
    const read = (await supervisor.open(`/desk/liaisons/${userId}`)).text;
    expect(read).toContain('Historique des changements');
    expect(read).not.toContain('data-action="revoke"');
    expect(read).not.toContain('data-action="authorize"');
    // Nor can another country's officer open the person's history.
    await (await signedIn(USERS.cancilleriaHN)).open(`/desk/liaisons/${userId}`, 403);
  }, 120_000);

  it('refuses a revocation without a reason, revokes with one, and the fiscal’s next page is refused; authorizing again restores it', async () => {
    const { userId } = await entryOf(USERS.fiscalGT);
    const fiscal = await signedIn(USERS.fiscalGT, { 'Accept-Language': 'en' });
    await fiscal.open('/desk/requests');

    const gt = await signedIn(USERS.cancilleriaGT);
    const detail = (await gt.open(`/desk/liaisons/${userId}`)).text;
    expect(detail).toContain('data-action="revoke"');
    expect(detail).toContain('data-standing="authorized"');

    const blank = await gt.submit(`/desk/liaisons/${userId}/revoke`, { reason: '   ' });
    expect(blank.status).toBe(422);
    expect(blank.text).toContain('<a href="#reason">Motivo de la revocación: Complete este campo.</a>');
    expect((await entryOf(USERS.fiscalGT)).status).toBe('authorized');

    const revoked = await gt.submit(`/desk/liaisons/${userId}/revoke`, { reason: 'Trasladado a otra fiscalía.' });
    expect(revoked.status).toBe(303);
    expect(revoked.headers.location).toBe(`/desk/liaisons/${userId}?done=1`);
    const after = (await gt.open(revoked.headers.location)).text;
    expect(after).toContain('Hecho. La situación del enlace es ahora: Revocado');
    expect(after).toContain('Trasladado a otra fiscalía.');
    expect(after).not.toContain('data-action="revoke"');
    expect((await entryOf(USERS.fiscalGT)).status).toBe('revoked');

    // The fiscal keeps the session they had; the next desk page says why it is refused.
    const refused = await fiscal.open('/desk/requests', 403);
    expect(refused.text).toContain('Your authorization as liaison is not in force');
    await fiscal.open('/desk/requests/new', 403);
    // The notice of it reads in the page's words (it read 'Liaison directory: you are revoked' in every language).
    const notices = (await fiscal.open('/desk/notifications', 200)).text;
    expect(notices).toContain('Liaison directory: your standing as liaison is now “Revoked”.');
    expect(notices).not.toContain('you are revoked');
    // The address as Fastify decodes it is the same page: an encoded letter does not get past the refusal.
    await fiscal.open('/%64esk/requests', 403);
    await fiscal.open('/desk/%72equests/new', 403);
    // The notice of the revocation can be marked read.
    expect((await fiscal.submit('/desk/notifications/read', {})).status).toBe(303);

    const past = await gt.submit(`/desk/liaisons/${userId}/authorize`, { validUntil: guatemalaDayPlus(-1) });
    expect(past.status).toBe(422);
    expect(past.text).toContain('href="#validUntil"');
    const nonsense = await gt.submit(`/desk/liaisons/${userId}/authorize`, { validUntil: '2027-02-30' });
    expect(nonsense.status).toBe(422);
    expect(nonsense.text).toContain('<a href="#validUntil">Autorizado hasta: Escriba un día que exista en el calendario');
    expect((await entryOf(USERS.fiscalGT)).status).toBe('revoked');

    const soon = guatemalaDayPlus(10);
    const authorized = await gt.submit(`/desk/liaisons/${userId}/authorize`, { validUntil: soon });
    expect(authorized.status).toBe(303);
    expect(await entryOf(USERS.fiscalGT)).toMatchObject({ status: 'authorized', validUntil: soon });
    await fiscal.open('/desk/requests', 200);

    // Ten days left: the directory puts the person among the authorizations that end soon.
    const directory = (await gt.open('/desk/liaisons')).text;
    const ending = directory.slice(directory.indexOf('Autorizaciones que vencen en los próximos 30 días'));
    expect(ending).toContain(`data-user="${USERS.fiscalGT}"`);
    expect(ending).toContain('vence en 10 días');
  }, 120_000);

  it('a reason or an end date pasted with an invisible character comes back beside its field, without it; nothing written', async () => {
    const { userId } = await entryOf(USERS.fiscalGT);
    const before = await entryOf(USERS.fiscalGT);
    const history = async () => (await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM directory_history'))[0]!.n;
    const rows = await history();
    const gt = await signedIn(USERS.cancilleriaGT);
    await gt.open(`/desk/liaisons/${userId}`);
    // The reason copied from an e-mail with a bidirectional control: the form again, not the error page.
    const revoke = await gt.submit(`/desk/liaisons/${userId}/revoke`, { reason: 'Trasladado\u202e a otra fiscalía.' });
    expect(revoke.status).toBe(400);
    expect(revoke.text).toContain(`<a href="#reason">Motivo de la revocación: ${REMOVED}</a>`);
    expect(revoke.text).toMatch(/<textarea[^>]*id="reason"[^>]*>Trasladado a otra fiscalía.<\/textarea>/);
    const nul = await gt.submit(`/desk/liaisons/${userId}/revoke`, { reason: 'Trasladado\u0000' });
    expect(nul.status).toBe(400);
    expect(nul.text).toContain(`<a href="#reason">Motivo de la revocación: ${REMOVED}</a>`);
    // A date copied with a left-to-right mark (e-mail clients add them around dates), or a NUL.
    for (const validUntil of [`\u200e${guatemalaDayPlus(100)}`, `${guatemalaDayPlus(100)}\u0000`]) {
      const authorize = await gt.submit(`/desk/liaisons/${userId}/authorize`, { validUntil });
      expect(authorize.status).toBe(400);
      expect(authorize.text).toContain(`<a href="#validUntil">Autorizado hasta: ${REMOVED}</a>`);
      expect(authorize.text).toContain(`value="${guatemalaDayPlus(100)}"`);
    }
    expect(await entryOf(USERS.fiscalGT)).toEqual(before);
    expect(await history()).toBe(rows);
  }, 120_000);

  it('refuses another country’s officer every change and writes nothing', async () => {
    const { userId } = await entryOf(USERS.fiscalGT);
    const before = await entryOf(USERS.fiscalGT);
    const hn = await signedIn(USERS.cancilleriaHN);
    await hn.open('/desk/liaisons');
    const revoke = await hn.submit(`/desk/liaisons/${userId}/revoke`, { reason: 'No es de mi país' });
    expect(revoke.status).toBe(403);
    const authorize = await hn.submit(`/desk/liaisons/${userId}/authorize`, { validUntil: guatemalaDayPlus(200) });
    expect(authorize.status).toBe(403);
    expect(await entryOf(USERS.fiscalGT)).toEqual(before);
  }, 120_000);
});
