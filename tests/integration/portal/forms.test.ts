// Every form of registration and the account pages: refused without its CSRF token; and as markup,
// each form carries the token, has one submit button, a label for every field and autocomplete set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSchool, type TestSchool } from '../../support/portal-school.ts';
import { seedFamily } from '../../support/portal-roster.ts';
import type { Page, PortalClient } from '../../support/portal-client.ts';

const PASSWORD = 'тёплый вечер у реки';

/** Each form: the page it is on, and where it posts. */
const FORMS: { page: string; action: string; signedIn: boolean }[] = [
  { page: '/hello', action: '/hello', signedIn: false },
  { page: '/login', action: '/login', signedIn: false },
  { page: '/account', action: '/logout', signedIn: true },
  { page: '/account', action: '/account/resend', signedIn: true },
  { page: '/account', action: '/account/sessions', signedIn: true },
  { page: '/account/password', action: '/account/password', signedIn: true },
  { page: '/account/email', action: '/account/email', signedIn: true },
  { page: '/children', action: '/children', signedIn: true },
];

function formsOf(page: Page): string[] {
  return [...page.body.matchAll(/<form\b[\s\S]*?<\/form>/g)].map((m) => m[0]);
}

function checkForm(markup: string, where: string): void {
  expect(markup, where).toMatch(/method="post"/);
  expect(markup, where).toMatch(/name="_csrf" value="[^"]+"/);
  const buttons = markup.match(/<button\b[^>]*type="submit"[^>]*>/g) ?? [];
  // Besides its own button a recovery form has «Другая картинка»: after the own one, which Enter presses.
  const errands = buttons.filter((b) => b.includes('name="captcha_new"'));
  expect(buttons.length - errands.length, `${where}: one submit button`).toBe(1);
  expect(buttons[0], `${where}: its own button first`).not.toContain('captcha_new');
  for (const input of markup.match(/<input\b[^>]*>/g) ?? []) {
    if (/type="(hidden)"/.test(input)) continue;
    const id = /id="([^"]+)"/.exec(input)?.[1];
    expect(id, `${where}: ${input}`).toBeTruthy();
    expect(markup, `${where}: a label for ${id}`).toContain(`for="${id}"`);
    if (!/type="checkbox"/.test(input)) expect(input, `${where}: autocomplete`).toMatch(/autocomplete="[a-z-]+"/);
  }
}

describe('forms', () => {
  let s: TestSchool;
  let signedIn: PortalClient;
  let code: string;
  beforeAll(async () => {
    s = await makeSchool('pglite');
    const f = await seedFamily(s.portal.db, s.portal.secrets, s.schoolId);
    code = f.parentCode.printed;
    signedIn = s.client();
    await signedIn.get(`/hello?code=${code}`);
    await signedIn.follow();
    const r = await signedIn.post('/register', {
      code,
      login: 'forms.parent',
      password: PASSWORD,
      password2: PASSWORD,
      email: 'forms@mail.ru',
      consent: 'yes',
    });
    expect(r.status).toBe(303);
  });
  afterAll(() => s.close());

  it.each(FORMS)('$action refuses a post without the CSRF token, and one with a wrong token', async ({ page, action, signedIn: needs }) => {
    const c = needs ? signedIn : s.client();
    const shown = await c.get(page);
    expect(shown.status).toBe(200);
    expect(
      formsOf(shown).some((f) => f.includes(`action="/s/1399${action}"`)),
      `a form posting to ${action}`,
    ).toBe(true);
    const missing = await c.post(action, { code, login: 'forms.parent', password: PASSWORD }, { csrf: false });
    expect(missing.status).toBe(403);
    expect(missing.body).toContain('Форма устарела');
    const forged = await c.post(action, { code, login: 'forms.parent', password: PASSWORD }, { csrf: 'forged-token' });
    expect(forged.status).toBe(403);
  });

  it('refuses the account form and the confirmation without a token too', async () => {
    const c = s.client();
    await c.get('/hello');
    expect((await c.post('/register', { code }, { csrf: false })).status).toBe(403);
    expect((await c.post('/confirm', {}, { csrf: false })).status).toBe(403);
  });

  it('every form carries its token, one submit button, labels and autocomplete', async () => {
    const anon = s.client();
    const pages: [string, Page][] = [];
    pages.push(['code step', await anon.get('/hello')]);
    pages.push(['login', await anon.get('/login')]);
    const f = await seedFamily(s.portal.db, s.portal.secrets, s.schoolId);
    await anon.get(`/hello?code=${f.studentCode.printed}`);
    pages.push(['student form', await anon.follow()]);
    await anon.get(`/hello?code=${f.parentCode.printed}`);
    pages.push(['parent form', await anon.follow()]);
    for (const path of ['/account', '/account/password', '/account/email', '/children', '/welcome'])
      pages.push([path, await signedIn.get(path)]);
    for (const path of ['/recover/login', '/recover/both', '/recover/password', '/recover/sms', '/recover/sms?captcha=text'])
      pages.push([path, await anon.get(path)]);
    for (const [name, page] of pages) {
      expect(page.status, name).toBe(200);
      expect(page.body.match(/<h1>/g), `${name}: one h1`).toHaveLength(1);
      for (const form of formsOf(page)) checkForm(form, name);
      // A paragraph of links only is a row of finger-sized targets on a phone (.links in portal.css;
      // a link drawn as a button is one already).
      const linkRows = page.body.match(/<p\b[^>]*>(?:\s*<a\b(?![^>]*class="button)[^>]*>[^<]*<\/a>\s*·?)+\s*<\/p>/g) ?? [];
      for (const row of linkRows) expect(row, `${name}: ${row}`).toMatch(/^<p class="links">/);
    }
    expect(pages.filter(([, p]) => p.body.includes('name="captcha_new"')).length, 'recovery forms with a picture').toBe(5);
    const parent = pages.find(([n]) => n === 'parent form')![1];
    expect(parent.body).toMatch(/<input[^>]*name="consent"[^>]*type="checkbox"/);
    const student = pages.find(([n]) => n === 'student form')![1];
    expect(student.body).not.toContain('name="consent"');
    expect(student.body).toContain('href="/s/1399/privacy"');
    expect(parent.body).toContain('href="/s/1399/privacy"');
    expect((await anon.get('/privacy')).body).toContain('152-ФЗ');
  });
});
