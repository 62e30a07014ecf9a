// Every refusal of registration says one clear thing next to its field: each code state, a code of the
// wrong kind or of another adult, the account form's rules — and a parent who already has an account
// signs in instead, and the child is added there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../support/portal.ts';
import { makeSchool, type TestSchool } from '../../support/portal-school.ts';
import { addCode, newCode, seedFamily, type SeededFamily } from '../../support/portal-roster.ts';
import type { PortalClient } from '../../support/portal-client.ts';
import { formatCode } from '../../../src-shared/codes/index.ts';
import { LATIN_TO_RUSSIAN_KEY } from '../../../src-shared/text.ts';

const PASSWORD = 'тёплый вечер у реки';

const formOf = (code: string, extra: Record<string, string | string[]> = {}) => ({
  code,
  login: `user${Math.random().toString(36).slice(2, 8)}`,
  password: PASSWORD,
  password2: PASSWORD,
  email: 'parent@mail.ru',
  phone: '',
  consent: 'yes',
  ...extra,
});

describe.each(ENGINES)('registration refusals on %s', (engine) => {
  let s: TestSchool;
  let db: TestSchool['portal']['db'];
  const family = (o: Parameters<typeof seedFamily>[3] = {}) => seedFamily(db, s.portal.secrets, s.schoolId, o);
  const enter = async (c: PortalClient, code: string) => {
    await c.get('/hello');
    return c.post('/hello', { code });
  };
  const register = async (c: PortalClient, f: SeededFamily | string, extra: Record<string, string | string[]> = {}) => {
    const code = typeof f === 'string' ? f : f.parentCode.printed;
    await enter(c, code);
    return c.post('/register', formOf(code, extra));
  };

  beforeAll(async () => {
    s = await makeSchool(engine);
    db = s.portal.db;
  });
  afterAll(() => s.close());

  it('reads a code as the office does (case, spaces, look-alike and Russian-layout letters)', async () => {
    const f = await family();
    const spaced = f.parentCode.code
      .toUpperCase()
      .replace(/(.{3})/g, '$1 ')
      .replaceAll('0', 'O');
    expect((await enter(s.client(), spaced)).body).toContain('Родителям (6А)');
    const russian = [...f.studentCode.printed].map((ch) => LATIN_TO_RUSSIAN_KEY[ch] ?? ch).join('');
    expect((await enter(s.client(), russian)).body).toContain('Ученику (6А)');
  });

  it('says a typo the check symbol catches before any look-up, and it costs no guess', async () => {
    const f = await family();
    const wrong = f.parentCode.code.slice(0, 9) + (f.parentCode.code[9] === 'a' ? 'b' : 'a');
    const page = await enter(s.client('203.0.113.50'), wrong);
    expect(page.status).toBe(400);
    expect(page.error('code')).toMatch(/ошибк|опечат/i);
    const failures = await db.selectFrom('throttles').selectAll().where('key', 'like', 'code-net:ip:203.0.113.50').execute();
    expect(failures).toEqual([]);
  });

  it('gives one clear message each for an unknown, revoked, expired and used code', async () => {
    const c = s.client();
    expect((await enter(c, formatCode(newCode()))).error('code')).toContain('Такого кода нет');
    const f = await family();
    await db
      .updateTable('invitation_codes')
      .set({ state: 'revoked', revoke_reason: 'reissued' })
      .where('uid', '=', f.parentCode.uid)
      .execute();
    expect((await enter(c, f.parentCode.printed)).error('code')).toContain('больше не действует');
    const g = await family();
    await db.updateTable('invitation_codes').set({ valid_until: '2026-08-31' }).where('uid', '=', g.parentCode.uid).execute();
    expect((await enter(c, g.parentCode.printed)).error('code')).toContain('закончился 31.08.2026');
    const h = await family();
    expect((await register(c, h.studentCode.printed, { email: '' })).status).toBe(303);
    const used = await enter(s.client(), h.studentCode.printed);
    expect(used.error('code')).toContain('уже зарегистрировались');
    expect(used.body).toContain('href="/s/1399/login"');
    // A student who left the school: the code no longer works either.
    const gone = await family();
    await db.updateTable('roster_people').set({ archived_at: new Date() }).where('uid', '=', gone.studentUid).execute();
    expect((await enter(c, gone.studentCode.printed)).error('code')).toContain('больше не действует');
  });

  // A used code's QR scanned again: the refusal is said once; the registration page opened later (to
  // type a sibling's code) is a clean form, not the same refusal for the cookie's ten minutes.
  it('a refused code from a QR is said once; the page opened again is clean', async () => {
    const h = await family();
    expect((await register(s.client(), h.studentCode.printed, { email: '' })).status).toBe(303);
    const c = s.client();
    expect((await c.get(`/hello?code=${h.studentCode.printed}`)).status).toBe(303);
    const refused = await c.follow();
    expect(refused.error('code')).toContain('уже зарегистрировались');
    const again = await c.get('/hello');
    expect(again.status).toBe(200);
    expect(again.error('code')).toBeNull();
    expect(again.value('code')).toBe('');
  });

  it('says what a code is for: a student code is the child’s, a parent code the parent’s', async () => {
    const f = await family();
    const c = s.client();
    expect((await enter(c, f.studentCode.printed)).body).toContain('Если вы родитель, вам нужен код с приглашения «Родителям»');
    expect((await enter(c, f.parentCode.printed)).body).toContain('Ребёнок регистрируется сам, по коду с приглашения «Ученику»');
  });

  it('refuses a student’s code, another adult’s code and the same child twice among a parent’s further codes', async () => {
    const f = await family();
    const sibling = await family();
    const father = await addCode(db, s.portal.secrets, s.schoolId, {
      kind: 'parent',
      studentUid: sibling.studentUid,
      guardianUid: sibling.guardianUid,
    });
    const twin = await addCode(db, s.portal.secrets, s.schoolId, { kind: 'parent', studentUid: f.studentUid, guardianUid: null });
    const page = await register(s.client(), f, { other_code: [sibling.studentCode.printed, father.printed, twin.printed] });
    expect(page.status).toBe(400);
    expect(page.error('other_code_1')).toContain('Это код ученика');
    expect(page.error('other_code_2')).toContain('выдан другому взрослому');
    expect(page.error('other_code_3')).toContain('уже введён');
    expect(page.body).toMatch(/<details class="more" open>/);
    expect(await db.selectFrom('accounts').select('id').where('person_uid', '=', f.guardianUid).execute()).toEqual([]);
  });

  it('checks the account form: login, password policy with names and the child’s birth date, email, phone, consent', async () => {
    const f = await family({ student: { birthDate: '2014-03-15' } });
    const c = s.client();
    await enter(c, f.parentCode.printed);
    const bad = await c.post('/register', {
      code: f.parentCode.printed,
      login: '1ivanova',
      password: 'masha15032014',
      password2: 'masha15032014',
      email: '',
      phone: '8 (495) 123-45-67',
    });
    expect(bad.status).toBe(400);
    expect(bad.error('login')).toContain('начинаться с латинской буквы');
    expect(bad.error('password')).toMatch(/дату рождения|имя/);
    expect(bad.error('email')).toContain('обязательна');
    expect(bad.error('phone')).toContain('мобильного');
    expect(bad.error('consent')).toContain('согласие');
    expect(bad.body).toContain('<div class="error-summary"');
    expect(bad.value('password')).toBe(''); // never sent back
    const more = await c.post('/register', formOf(f.parentCode.printed, { password: 'qwerty123', password2: 'qwerty123', phone: '12345' }));
    expect(more.error('password')).toContain('распространён');
    expect(more.error('phone')).toContain('с ошибкой');
    const mismatch = await c.post('/register', formOf(f.parentCode.printed, { password2: `${PASSWORD}!` }));
    expect(mismatch.error('password2')).toContain('не совпадают');
    const taken = await register(s.client(), (await family()).parentCode.printed, { login: 'taken.login' });
    expect(taken.status).toBe(303);
    expect((await c.post('/register', formOf(f.parentCode.printed, { login: 'Taken.Login' }))).error('login')).toContain('занят');
    // The submit learns whether the login is taken along with the code (before any hashing), as the office would write it.
    const asked = (login: string) => s.portal.registration.applicant(s.schoolId, f.parentCode.printed, 'ip:192.0.2.1', login);
    expect((await asked('Taken.Login')).facts.login).toEqual({ name: 'taken.login', taken: true });
    expect((await asked('free.login')).facts.login).toEqual({ name: 'free.login', taken: false });
  });

  it('points out a likely typo in the email domain once, then takes the address as typed', async () => {
    const f = await family();
    const c = s.client();
    await enter(c, f.parentCode.printed);
    const fields = formOf(f.parentCode.printed, { email: 'ivanova@gmial.com' });
    const hint = await c.post('/register', fields);
    expect(hint.error('email')).toContain('ivanova@gmail.com');
    expect(hint.value('email_seen')).toBe('ivanova@gmial.com');
    const kept = await c.post('/register', { ...fields, email_seen: hint.value('email_seen')! });
    expect(kept.status).toBe(303);
  });

  it('warns about an address once: another refusal between does not bring the warning back, and it says to type the password again', async () => {
    const f = await family();
    const c = s.client();
    await enter(c, f.parentCode.printed);
    const fields = formOf(f.parentCode.printed, { email: 'Ivanova@gmial.com' });
    const hint = await c.post('/register', fields);
    expect(hint.error('email')).toContain('ivanova@gmail.com');
    expect(hint.error('email')).toMatch(/пароль[^.]*ещё раз/i);
    expect(hint.body).not.toContain(PASSWORD);
    // As told, pressed again — but the password fields came back empty: only the password is refused…
    const empty = await c.post('/register', { ...fields, password: '', password2: '', email_seen: hint.value('email_seen')! });
    expect(empty.status).toBe(400);
    // An empty field is asked for, not called too short.
    expect(empty.error('password')).toContain('Введите пароль');
    expect(empty.error('password')).not.toContain('коротк');
    expect(empty.error('email')).toBeNull();
    // …and the passwords typed again are enough: the same address is not warned about a second time.
    expect(empty.value('email_seen')).toBe('ivanova@gmial.com');
    const kept = await c.post('/register', { ...fields, email_seen: empty.value('email_seen')! });
    expect(kept.status).toBe(303);
    // Another address with a typo is pointed out again.
    const g = await family();
    const d = s.client();
    await enter(d, g.parentCode.printed);
    const other = await d.post('/register', formOf(g.parentCode.printed, { email: 'petrova@mail.ry', email_seen: 'ivanova@gmial.com' }));
    expect(other.error('email')).toContain('petrova@mail.ru');
  });

  it('turns away a student who already has an account (a new code of theirs)', async () => {
    const f = await family();
    expect((await register(s.client(), f.studentCode.printed, { email: '' })).status).toBe(303);
    const again = await addCode(db, s.portal.secrets, s.schoolId, { kind: 'student', studentUid: f.studentUid });
    expect((await enter(s.client(), again.printed)).error('code')).toContain('уже зарегистрирован');
  });

  it('asks a parent who already has an account to sign in, and adds the child there', async () => {
    const f = await family();
    const first = await register(s.client(), f, { login: `parent.${engine}` });
    expect(first.status).toBe(303);
    const second = await family();
    await db
      .insertInto('roster_links')
      .values({ school_id: s.schoolId, guardian_uid: f.guardianUid, student_uid: second.studentUid, relation: 'mother', removed_at: null })
      .execute();
    const code = await addCode(db, s.portal.secrets, s.schoolId, {
      kind: 'parent',
      studentUid: second.studentUid,
      guardianUid: f.guardianUid,
    });
    const c = s.client();
    const ask = await enter(c, code.printed);
    expect(ask.title).toBe('Вы уже зарегистрированы');
    expect(ask.body).toContain('name="password"');
    expect(ask.body).not.toContain(`parent.${engine}`); // the code does not tell the login
    const wrong = await c.post('/login', { code: code.printed, login: `parent.${engine}`, password: 'не тот пароль' });
    expect(wrong.status).toBe(401);
    expect(wrong.title).toBe('Вы уже зарегистрированы');
    expect(wrong.error('login')).toContain('Неверный логин или пароль');
    const ok = await c.post('/login', { code: code.printed, login: `parent.${engine}`, password: PASSWORD });
    expect(ok.status).toBe(303);
    expect(ok.location).toBe('/s/1399/children?added=1');
    const children = await c.follow();
    expect(children.body).toContain('Ребёнок добавлен');
    const account = await db.selectFrom('accounts').select('id').where('person_uid', '=', f.guardianUid).executeTakeFirstOrThrow();
    const kids = await db.selectFrom('account_children').select('student_uid').where('account_id', '=', account.id).execute();
    expect(kids.map((k) => k.student_uid).sort()).toEqual([f.studentUid, second.studentUid].sort());
  });
});
