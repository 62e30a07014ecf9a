// Recovery's guards on both engines: the picture (or a question in words) single use and tied to its
// form, growing delays per network; and what every recovery message says to someone who did not ask,
// through the pages, the outbox, the mail worker, SMTP and SMS.ru.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../support/portal.ts';
import { makeSchool, type TestSchool } from '../../support/portal-school.ts';
import { seedFamily } from '../../support/portal-roster.ts';
import { addAccount } from '../../support/portal-accounts.ts';
import { startMailWorker } from '../../../src-portal/mail/worker.ts';
import { createTransport } from '../../../src-portal/mail/transport.ts';
import { createSmsSender } from '../../../src-portal/sms/sender.ts';
import { startSmtp, type TestSmtp } from '../../support/smtp.ts';
import { startSmsRu, type TestSmsRu } from '../../support/sms.ts';
import { LOOSE_NETWORK, newPhone } from '../../support/portal-recovery.ts';

/** The captcha field's label (the question, when it is one). */
const questionOf = (body: string) => /<label for="f-captcha">([^<]*)</.exec(body)![1]!;

/** The form's buttons that change the picture: [where each posts, its words]. */
const captchaButtons = (body: string) =>
  [...body.matchAll(/<button type="submit" class="link" formaction="([^"]+)" name="captcha_new" value="1">([^<]+)<\/button>/g)].map(
    (m) => [m[1]!.replaceAll('&amp;', '&'), m[2]!] as const,
  );

/** Answers «Сколько будет семь плюс двенадцать?» as a person would, from the words alone. */
function solve(question: string): number {
  const words = [
    'ноль',
    'один',
    'два',
    'три',
    'четыре',
    'пять',
    'шесть',
    'семь',
    'восемь',
    'девять',
    'десять',
    'одиннадцать',
    'двенадцать',
    'тринадцать',
    'четырнадцать',
    'пятнадцать',
    'шестнадцать',
    'семнадцать',
    'восемнадцать',
    'девятнадцать',
    'двадцать',
  ];
  const [, a, op, b] = /^Сколько будет ([а-яё]+) (плюс|минус) ([а-яё]+)\?$/.exec(question)!;
  const [x, y] = [words.indexOf(a!), words.indexOf(b!)];
  expect(x).toBeGreaterThanOrEqual(0);
  expect(y).toBeGreaterThanOrEqual(0);
  return op === 'плюс' ? x + y : x - y;
}

describe.each(ENGINES)('recovery limits and the picture on %s', (engine) => {
  let s: TestSchool;
  beforeAll(async () => {
    s = await makeSchool(engine, {
      portal: { recoveryPolicy: { network: { free: 3, baseMs: 60_000, maxMs: 600_000, forgetMs: 3_600_000 } } },
    });
  });
  afterAll(() => s.close());

  it('the picture is single use and tied to its form; a wrong answer is the field’s error with a new picture', async () => {
    const c = s.client('198.51.100.1');
    const form = await c.get('/recover/password');
    expect(form.body).toMatch(/<img class="captcha" src="data:image\/png;base64,[A-Za-z0-9+/=]+"/);
    const id = form.value('captcha_id')!;
    const wrong = await c.post('/recover/password', { login: 'x', captcha_id: id, captcha: '00000' });
    expect(wrong.status).toBe(400);
    expect(wrong.error('captcha')).toContain('неверно');
    expect(wrong.value('captcha_id')).not.toBe(id);
    const row = await s.portal.db.selectFrom('captchas').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.used_at).not.toBeNull();
    // A picture of another form does not pass here.
    const other = (await c.get('/recover/login')).value('captcha_id')!;
    expect(await s.portal.recovery.captchas.check('recover_password', other, '12345')).toBe(false);
  });

  // A blind parent with a screen reader heard «Картинка с пятью цифрами» and could go no further.
  it('a question in words instead of the picture: linked beside it, no image; right passes, wrong and reused fail', async () => {
    const c = s.client('198.51.100.3');
    for (const [path, action] of [
      ['/recover/password', '/recover/password'],
      ['/recover/sms', '/recover/sms'],
      ['/recover/login', '/recover/login'],
      ['/recover/both', '/recover/login'],
    ] as const) {
      const picture = await c.get(path);
      expect(captchaButtons(picture.body), path).toEqual([
        [`/s/1399${action}?captcha=text`, 'Не получается прочитать цифры?'],
        [`/s/1399${action}`, 'Другая картинка'],
      ]);
      const text = await c.get(`${path}?captcha=text`);
      expect(text.status, path).toBe(200);
      expect(text.body, path).not.toContain('<img');
      expect(text.body, path).toContain(`action="/s/1399${action}?captcha=text"`);
      // The question is the field's own label, so a screen reader reads it with the field.
      expect(questionOf(text.body), path).toMatch(/^Сколько будет [а-яё]+ (плюс|минус) [а-яё]+\?$/);
      expect(captchaButtons(text.body), path).toEqual([
        [`/s/1399${action}?captcha=text`, 'Другой вопрос'],
        [`/s/1399${action}`, 'Показать картинку с цифрами'],
      ]);
    }

    const first = await c.get('/recover/password?captcha=text');
    const id = first.value('captcha_id')!;
    const answer = solve(questionOf(first.body));
    const wrong = await c.post('/recover/password?captcha=text', { login: 'x', captcha_id: id, captcha: String(answer + 1) });
    expect(wrong.status).toBe(400);
    expect(wrong.error('captcha')).toBe('Ответ неверный. Ответьте на новый вопрос.');
    expect(wrong.body).not.toContain('<img'); // the next try is a question again, not a picture
    expect(await s.portal.recovery.captchas.check('recover_password', id, String(answer))).toBe(false); // used up

    const next = await c.get('/recover/password?captcha=text');
    const nextId = next.value('captcha_id')!;
    const right = await c.post('/recover/password?captcha=text', {
      login: 'x',
      captcha_id: nextId,
      captcha: String(solve(questionOf(next.body))),
    });
    expect(right.error('captcha')).toBeNull();
    expect(right.status).toBeLessThan(400);
    const twice = await c.post(
      '/recover/password?captcha=text',
      { login: 'x', captcha_id: nextId, captcha: String(solve(questionOf(next.body))) },
      { csrf: next.csrf()! },
    );
    expect(twice.status).toBe(400);
    expect(twice.error('captcha')).toBeTruthy();
  });

  // A parent typed the email, the phone and the birth date, could not read the digits, asked for
  // another picture — and had to type everything again (the choice was a plain link).
  it('another picture, or the question instead, keeps what was typed and counts as no try', async () => {
    const c = s.client('198.51.100.5');
    const mail = () =>
      s.portal.db
        .selectFrom('mail_outbox')
        .select((e) => e.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
    const mailBefore = await mail();
    const typed = { email: 'mama@example.ru', phone: '8 928 111 22 33', birth_date: '01.02.2014' };
    for (const [page, action, fields] of [
      ['/recover/login', '/recover/login', typed],
      ['/recover/both', '/recover/login', { ...typed, both: '1' }],
      ['/recover/password', '/recover/password', { login: 'petrova.anna' }],
      ['/recover/sms', '/recover/sms', { login: 'petrova.anna' }],
    ] as const) {
      const form = await c.get(page);
      expect(
        captchaButtons(form.body).map(([to]) => to),
        page,
      ).toEqual([`/s/1399${action}?captcha=text`, `/s/1399${action}`]);
      const id = form.value('captcha_id')!;
      // Four times each, more than the network's three free tries: none of them is a try.
      for (let i = 0; i < 4; i++) {
        const again = await c.post(action, { ...fields, captcha_id: id, captcha: '', captcha_new: '1' });
        expect(again.status, page).toBe(200);
        expect(again.error('captcha'), page).toBeNull();
        expect(again.body, page).toContain('<img class="captcha"');
        expect(again.value('captcha_id'), page).not.toBe(id);
        for (const [name, value] of Object.entries(fields)) if (name !== 'both') expect(again.value(name), `${page} ${name}`).toBe(value);
      }
      const question = await c.post(`${action}?captcha=text`, { ...fields, captcha_id: id, captcha: '', captcha_new: '1' });
      expect(question.status, page).toBe(200);
      expect(question.body, page).not.toContain('<img');
      expect(questionOf(question.body), page).toMatch(/^Сколько будет/);
      for (const [name, value] of Object.entries(fields)) if (name !== 'both') expect(question.value(name), `${page} ${name}`).toBe(value);
      if ('both' in fields) expect(question.body).toContain('name="both" value="1"');
    }
    expect(await mail()).toEqual(mailBefore);
  });

  it('a question expires like the picture, and a question of one form does not pass another', async () => {
    const c = s.client('198.51.100.4');
    const q = await c.get('/recover/sms?captcha=text');
    const answer = String(solve(questionOf(q.body)));
    const other = (await c.get('/recover/password?captcha=text')).value('captcha_id')!;
    const otherAnswer = String(solve(questionOf(c.last!.body)));
    expect(await s.portal.recovery.captchas.check('recover_sms', other, otherAnswer)).toBe(false);
    s.clock.advance(21 * 60_000);
    expect(await s.portal.recovery.captchas.check('recover_sms', q.value('captcha_id')!, answer)).toBe(false);
  });

  it('growing delays per network: a 429 page that names the wait, whatever the login', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const tried = s.portal.recovery.smsStart(s.schoolId, `login${i}`, 'ip:198.51.100.2');
      statuses.push(
        await tried.then(
          () => 200,
          (e: { reason?: string }) => (e.reason === 'recover.throttled' ? 429 : 500),
        ),
      );
    }
    // The page: 429 and the wait in words.
    const c = s.client('198.51.100.2');
    const form = await c.get('/recover/sms');
    const page = await c.post('/recover/sms', { login: 'someone', captcha_id: form.value('captcha_id')!, captcha: '' });
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    expect(page.status).toBe(400); // the picture is checked first: a wrong one costs nothing else
    s.clock.advance(61_000);
    await expect(s.portal.recovery.smsStart(s.schoolId, 'login9', 'ip:198.51.100.2')).resolves.toBeTruthy();
  });
});

// A parent got «Ваш логин…» and a reset link they had not asked for, and nothing said what to do: were
// they hacked, must they act? Every recovery message now says: not you — do nothing, the password is
// unchanged, and whom to tell. Through the real path: the pages, the outbox, the worker, SMTP and SMS.ru.
describe.each(ENGINES)('what recovery messages say to someone who did not ask, on %s', (engine) => {
  let s: TestSchool;
  let smtp: TestSmtp;
  let sms: TestSmsRu;
  beforeAll(async () => {
    [smtp, sms] = [await startSmtp(), await startSmsRu()];
    s = await makeSchool(engine, { portal: { captcha: false, recoveryPolicy: LOOSE_NETWORK } });
    await s.portal.schools.updateSettings(s.portal.db, s.schoolId, { curatorContact: 'Смирнова О. П., каб. 204' });
  });
  afterAll(async () => {
    await s.close();
    await smtp.close();
    await sms.close();
  });

  it('the login, forgot-both and reset letters and the login and code SMS each say what to do if it was not you', async () => {
    const f = await seedFamily(s.portal.db, s.portal.secrets, s.schoolId);
    const [login, email, phone] = [`notyou.${engine}`, `notyou.${engine}@mail.ru`, newPhone('906')];
    const fields = { personUid: f.guardianUid, login, email, phone, phoneConfirmed: true, children: [f.studentUid] };
    await addAccount(s.portal.db, { schoolId: s.schoolId, ...fields });
    const c = s.client('198.51.100.200');
    for (const [page, action, form] of [
      ['/recover/login', '/recover/login', { email, phone: '', birth_date: '15.03.2014' }],
      ['/recover/both', '/recover/login', { email, phone: '', birth_date: '15.03.2014', both: '1' }],
      ['/recover/password', '/recover/password', { login }],
      ['/recover/login', '/recover/login', { email: '', phone, birth_date: '15.03.2014' }],
    ] as const) {
      // Three messages an hour per account: the SMS come in the next hour.
      if (form.phone) s.clock.advance(61 * 60_000);
      await c.get(page);
      expect((await c.post(action, form)).status, page).toBe(303);
    }
    await c.get('/recover/sms');
    await c.post('/recover/sms', { login });
    const step = (await c.follow()).value('step')!;
    expect((await c.post('/recover/sms/digits', { step, digits: phone.slice(5, 10) })).status).toBeLessThan(400);

    const worker = startMailWorker(s.portal.outbox, createTransport({ SMTP_URL: smtp.url }, s.dataDir), {
      pollMs: 60_000,
      sms: createSmsSender({ SMS_URL: sms.url }, s.dataDir),
    });
    await worker.drain();
    await worker.stop();
    const letters = smtp.messages.filter((m) => JSON.stringify(m.to).includes(email));
    expect(letters.map((m) => m.subject).sort()).toEqual(
      ['Ваш логин — Школа № 1399', 'Ваш логин и новый пароль — Школа № 1399', 'Новый пароль — Школа № 1399'].sort(),
    );
    for (const m of letters) {
      expect(m.text, m.subject).toContain(
        'Если это были не вы, ничего не делайте — просто удалите это письмо: пароль остался прежним. ' +
          'Если такие письма приходят снова, сообщите куратору электронного журнала: Смирнова О. П., каб. 204.',
      );
    }
    const texts = sms.messages.filter((m) => m.to === phone).map((m) => m.text);
    expect(texts).toHaveLength(2); // the login, and the code
    const [loginSms, codeSms] = [texts.find((x) => x.includes('Логин')), texts.find((x) => x.includes('Код'))];
    expect(loginSms).toMatch(/Если это не вы — ничего не делайте\.$/);
    expect(codeSms).toMatch(/Если это не вы, ничего не делайте: пароль прежний\.$/);
    // Each SMS names the school first: a code from nobody in particular is what phishing looks like.
    for (const text of texts) expect(text).toMatch(/^Школа № 1399\. /);
  });
});
