// Invitations by email (#9) through a real SMTP server on loopback: `codes mail --class` sends each
// family its codes (what the slip carries: the child, the code, the link, the validity), parents
// without an address are named, `codes list --json` gains `mailedAt` (state unchanged), journaled.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kuratorAsync as kurator } from '../../support/cli.ts';
import { CURATOR, makeCore } from '../../support/core.ts';
import { startSmtp, type TestSmtp } from '../../support/smtp.ts';
import { tempDir } from '../../support/tmp.ts';
import { OfficeSecrets } from '../../../src-main/core/secrets/key-file.ts';
import { wide } from '../../unit/roster/helpers.ts';
import type { Actor } from '../../../src-main/core/services/audit.ts';

const SIGNED_IN = { KURATOR_OPERATOR: CURATOR.login, KURATOR_PASSWORD: CURATOR.password };
const DESK: Actor = { operatorId: 1, login: 'curator', via: 'app' };

describe('codes mail', () => {
  let smtp: TestSmtp;
  const dir = tempDir();
  let mother: number;
  let noEmail: number;

  beforeAll(async () => {
    smtp = await startSmtp();
    const t = await makeCore({ dir: dir.dir });
    await t.core.roster.importFile(
      DESK,
      wide(
        '6А;Иванов;Пётр;Сергеевич;05.03.2014;М;Иванова Мария Петровна;89021702876;ivanova@mail.ru;Иванов Сергей Олегович;89031112233;',
        '6А;Иванова;Анна;Сергеевна;11.10.2016;Ж;Иванова Мария Петровна;89021702876;ivanova@mail.ru;;;',
      ),
      'list.csv',
    );
    t.core.codes.issue(DESK, { all: true }, { audience: 'all', onlyMissing: true });
    const port = Number(new URL(smtp.url).port);
    t.core.settings.update(DESK, {
      mailServer: { host: '127.0.0.1', port, secure: false, user: null, from: 'Школа № 1399 <k@school.test>' },
    });
    // The test server takes no login; a real one gets the user above and the password from the key file.
    new OfficeSecrets(t.dir).setSmtpPassword('smtp-secret');
    mother = t.core.roster.find('Иванова Мария').hits[0]!.id;
    noEmail = t.core.roster.find('Иванов Сергей').hits[0]!.id;
    t.close();
  });
  afterAll(async () => {
    await smtp?.close();
    dir.remove();
  });

  it('sends each family its codes, names the parent without an address, marks the codes mailed', async () => {
    const r = await kurator(['codes', 'mail', '--class', '6а', '--json', '--data-dir', dir.dir], SIGNED_IN);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { sent: { personId: number; email: string; codes: string[] }[]; skipped: unknown[] };
    expect(report.sent).toEqual([{ personId: mother, email: 'ivanova@mail.ru', codes: [expect.any(String), expect.any(String)] }]);
    expect(report.skipped).toEqual([{ personId: noEmail, reason: 'no_email' }]);
    const [mail] = await smtp.waitFor(1);
    expect(mail!.to).toMatchObject({ text: 'ivanova@mail.ru' });
    expect(mail!.subject).toContain('приглашение');
    for (const code of report.sent[0]!.codes) expect(mail!.text).toContain(code);
    expect(mail!.text).toContain('Иванов Пётр Сергеевич, 6А');
    expect(mail!.text).toMatch(/\/hello\?code=[0-9a-z]{10}/);

    const listed = JSON.parse((await kurator(['codes', 'list', '--class', '6А', '--json', '--data-dir', dir.dir], SIGNED_IN)).stdout) as {
      code: string;
      kind: string;
      state: string;
      mailedAt: string | null;
    }[];
    const mailed = listed.filter((c) => report.sent[0]!.codes.includes(c.code));
    expect(mailed).toHaveLength(2);
    for (const c of mailed) {
      expect(c.mailedAt).not.toBeNull();
      expect(c.state).toBe('active');
    }
    expect(listed.filter((c) => c.kind === 'student').every((c) => c.mailedAt === null)).toBe(true);

    const t = await makeCore({ dir: dir.dir, setup: false });
    try {
      expect(t.core.audit.page({ action: 'codes.mail' }, 10, 0).rows[0]!.details).toMatchObject({ email: 'ivanova@mail.ru', codes: 2 });
    } finally {
      t.close();
    }
  });

  it('one person at a time; a refusing server is said in words', async () => {
    smtp.refuse = '451 mailbox busy';
    const r = await kurator(['codes', 'mail', '--person', String(mother), '--data-dir', dir.dir], SIGNED_IN);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Почтовый сервер не принял письмо');
    smtp.refuse = null;
    const ok = await kurator(['codes', 'mail', '--person', String(mother), '--data-dir', path.resolve(dir.dir)], SIGNED_IN);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('ivanova@mail.ru');
  });
});
