import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startMailWorker, type MailWorker } from '../../../src-portal/mail/worker.ts';
import { createTransport } from '../../../src-portal/mail/transport.ts';
import { Outbox, RETRY_DELAYS_MS } from '../../../src-portal/mail/outbox.ts';
import { ADMIN_OPS, localTime } from '../../../src-portal/admin/ops.ts';
import { ENGINES, makePortal, type TestPortal } from '../../support/portal.ts';
import { startSmtp, type TestSmtp } from '../../support/smtp.ts';

const message = (n: number) => ({
  schoolId: null,
  kind: 'test',
  to: `parent${n}@example.ru`,
  subject: `Письмо ${n}`,
  text: `Текст ${n}: https://portal.test/confirm?t=secret${n}`,
});

describe.each(ENGINES)('mail outbox on %s', (engine) => {
  let p: TestPortal | null = null;
  let p2: TestPortal | null = null;
  let smtp: TestSmtp | null = null;
  const workers: MailWorker[] = [];
  afterEach(async () => {
    for (const w of workers.splice(0)) await w.stop();
    await p?.close();
    await p2?.close();
    await smtp?.close();
    p = p2 = smtp = null;
  });

  it('sends queued mail through a real SMTP server, keeps no body after sending, and nothing for a rolled-back change', async () => {
    smtp = await startSmtp();
    p = await makePortal(engine);
    const outbox = p.portal.outbox;
    await p.portal.db.transaction().execute((trx) => outbox.enqueue(trx, message(1)));
    await expect(
      p.portal.db.transaction().execute(async (trx) => {
        await outbox.enqueue(trx, message(2));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const stored = await p.portal.db.selectFrom('mail_outbox').select(['body']).executeTakeFirstOrThrow();
    expect(stored.body).not.toContain('secret1'); // encrypted at rest
    const worker = startMailWorker(outbox, createTransport({ SMTP_URL: smtp.url }, p.dataDir), { pollMs: 60_000 });
    workers.push(worker);
    expect(await worker.drain()).toBe(1);
    const [mail] = await smtp.waitFor(1);
    expect(mail!.subject).toBe('Письмо 1');
    expect(mail!.to).toMatchObject({ text: 'parent1@example.ru' });
    expect(mail!.text).toContain('secret1');
    const row = await p.portal.db.selectFrom('mail_outbox').selectAll().executeTakeFirstOrThrow();
    expect(row.sent_at).not.toBeNull();
    expect(row.body).toBeNull();
    expect(smtp.messages).toHaveLength(1);
  });

  it('retries refused mail with growing waits, shows it to the admin, and gives up after the last try', async () => {
    smtp = await startSmtp();
    smtp.refuse = 'mailbox unavailable';
    p = await makePortal(engine);
    const outbox = p.portal.outbox;
    await p.portal.db.transaction().execute((trx) => outbox.enqueue(trx, message(3)));
    const worker = startMailWorker(outbox, createTransport({ SMTP_URL: smtp.url }, p.dataDir), { pollMs: 60_000 });
    workers.push(worker);
    expect(await worker.drain()).toBe(0);
    let [problem] = await outbox.problems();
    expect(problem).toMatchObject({ kind: 'test', to: 'parent3@example.ru', attempts: 1, failedAt: null });
    expect(problem!.lastError).toContain('mailbox unavailable');
    expect(await worker.drain()).toBe(0); // not due yet: the first wait is a minute
    for (const wait of RETRY_DELAYS_MS) {
      p.clock.advance(wait);
      await worker.drain();
    }
    [problem] = await outbox.problems();
    expect(problem!.attempts).toBe(RETRY_DELAYS_MS.length + 1);
    expect(problem!.failedAt).not.toBeNull();
    smtp.refuse = null;
    expect(await outbox.retryFailed()).toBe(1);
    expect(await worker.drain()).toBe(1);
    expect(await outbox.problems()).toEqual([]);
    expect(smtp.messages.map((m) => m.subject)).toEqual(['Письмо 3']);
  });

  it('retries now, on the admin’s word, every message `mail failed` lists — also one still waiting for its next try', async () => {
    smtp = await startSmtp();
    smtp.refuse = 'mailbox unavailable';
    p = await makePortal(engine);
    const outbox = p.portal.outbox;
    await p.portal.db.transaction().execute((trx) => outbox.enqueue(trx, message(5)));
    const worker = startMailWorker(outbox, createTransport({ SMTP_URL: smtp.url }, p.dataDir), { pollMs: 60_000 });
    workers.push(worker);
    expect(await worker.drain()).toBe(0);
    const listed = await outbox.problems();
    expect(listed).toHaveLength(1);
    expect(listed[0]!.failedAt).toBeNull(); // «будет ещё попытка»
    // What the admin reads: the time with its zone, what the letter is in words, and its id as the log
    // names it (a raw UTC stamp, `confirm_email` and no id, tab-separated, could not be matched to the log).
    const failed = ADMIN_OPS.find((o) => o.name === 'mail failed')!;
    await p.portal.db.transaction().execute((trx) => outbox.enqueue(trx, { ...message(6), kind: 'confirm_email' }));
    expect(await worker.drain()).toBe(0);
    const rows = await outbox.problems();
    const confirm = rows.find((r) => r.kind === 'confirm_email')!;
    const lines = failed.text(rows, {}).split('\n');
    const at = lines.findIndex((l) => l.includes('parent6@example.ru'));
    const [first, second] = lines.slice(at, at + 2);
    expect(first).toBe(`${localTime(confirm.createdAt)} — письмо для подтверждения почты, кому: parent6@example.ru (письмо ${confirm.id})`);
    expect(second).toMatch(/^ {2}попыток: 1, будет ещё попытка; ошибка: .*mailbox unavailable/);
    expect(localTime('2026-12-04T14:20:45.000Z')).toMatch(/^\d\d\.\d\d\.2026, \d\d:20:45 (UTC|GMT[+-]\d+)$/);
    // A portal of many schools: the admin reads whose letter it is (the district's admin calls that school).
    const added = await p.portal.schools.add({ name: 'Школа №1399', address: 'https://1399.example.ru/hello' });
    await p.portal.db.transaction().execute((trx) => outbox.enqueue(trx, { ...message(7), schoolId: added.school }));
    expect(await worker.drain()).toBe(0);
    const named = failed.text(await failed.run(p.portal, {}, 'cli'), {});
    expect(named).toContain(`школа № ${added.school} «Школа №1399», кому: parent7@example.ru`);
    expect(named).toContain('кому: parent6@example.ru'); // a letter of no school says none
    expect(named).not.toContain('школа № null');
    smtp.refuse = null;
    expect(await outbox.retryFailed()).toBe(3);
    expect(await worker.drain()).toBe(3); // now, not after the minute's wait
    expect(await outbox.problems()).toEqual([]);
    expect(await outbox.retryFailed()).toBe(0);
    expect(smtp.messages.map((m) => m.subject).sort()).toEqual(['Письмо 5', 'Письмо 6', 'Письмо 7']);
  });
});

describe('mail without an SMTP server', () => {
  it('is written as .eml files only the owner can read', async () => {
    const p = await makePortal('pglite');
    try {
      const transport = createTransport({}, p.dataDir);
      expect(transport.kind).toBe('files');
      await p.portal.db.transaction().execute((trx) => p.portal.outbox.enqueue(trx, message(4)));
      const worker = startMailWorker(p.portal.outbox, transport, { pollMs: 60_000 });
      expect(await worker.drain()).toBe(1);
      await worker.stop();
      const dir = path.join(p.dataDir, 'outbox');
      const [file] = fs.readdirSync(dir);
      expect(file).toMatch(/\.eml$/);
      expect(fs.statSync(path.join(dir, file!)).mode & 0o777).toBe(0o600);
      const eml = fs.readFileSync(path.join(dir, file!), 'utf8');
      expect(eml).toContain('To: parent4@example.ru');
      expect(eml).toMatch(/Subject: =\?UTF-8\?/);
    } finally {
      await p.close();
    }
  });
});

describe('several portal processes on one PostgreSQL database', () => {
  it('send each message exactly once', async () => {
    const smtp = await startSmtp();
    const a = await makePortal('postgres');
    const b = new Outbox({ db: a.portal.db, clock: a.clock, key: a.portal.secrets.derive('mail-outbox'), from: a.portal.outbox.from });
    try {
      for (let i = 0; i < 30; i++) await a.portal.db.transaction().execute((trx) => a.portal.outbox.enqueue(trx, message(100 + i)));
      const w1 = startMailWorker(a.portal.outbox, createTransport({ SMTP_URL: smtp.url }, a.dataDir), { pollMs: 60_000 });
      const w2 = startMailWorker(b, createTransport({ SMTP_URL: smtp.url }, a.dataDir), { pollMs: 60_000 });
      const sent = await Promise.all([w1.drain(), w2.drain()]);
      await w1.stop();
      await w2.stop();
      expect(sent[0]! + sent[1]!).toBe(30);
      await smtp.waitFor(30);
      expect(new Set(smtp.messages.map((m) => m.subject)).size).toBe(30);
      expect(smtp.messages).toHaveLength(30);
    } finally {
      await a.close();
      await smtp.close();
    }
  });
});
