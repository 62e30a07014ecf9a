// The printed PDF against `codes list`, through the CLI as IT staff would run it: the same codes as
// extractable text with the Cyrillic labels, every QR opening the registration address with its code.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kurator } from '../../support/cli.ts';
import { tempDir } from '../../support/tmp.ts';
import { CURATOR, setUpDataDir } from '../../support/core.ts';
import { pdfPages, pdfQrCodes, pdfText } from '../../support/pdf.ts';
import { normalizeCodeInput } from '../../../src-shared/codes/index.ts';

const FIXTURE = path.join(import.meta.dirname, '..', '..', 'fixtures', 'roster', 'roster-wide-cp1251.csv');
const SIGNED_IN = { KURATOR_OPERATOR: CURATOR.login, KURATOR_PASSWORD: CURATOR.password };
const CLI_ACTOR = { operatorId: 1, login: CURATOR.login, via: 'cli' as const };
const CODE_RE = /\b[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{3}-[0-9a-hjkmnp-tv-z]{3}\b/g;

interface Listed {
  code: string;
  kind: 'student' | 'parent';
  state: string;
  personId: number;
  studentName: string;
  class: string;
}

/**
 * A Chromium start, a PDF and zbar over every page: ~12 s alone, more while other files run. At load
 * 11 (the suite beside other work on 2 cores) three of these took over 90 s; their speed is the
 * benchmark's business (`bench/print.ts`), so the limit only catches a hang.
 */
const SLOW = 240_000;

describe('codes and printing from the command line', () => {
  const tmp = tempDir();
  const data = path.join(tmp.dir, 'data');
  const run = (args: string[]) => kurator([...args, '--data-dir', data], SIGNED_IN);
  const list = (cls?: string): Listed[] => {
    const r = run(['codes', 'list', ...(cls ? ['--class', cls] : []), '--json']);
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as Listed[];
  };

  beforeAll(async () => {
    // Set up in-process, with the cheap test hash: this file is about codes and printing, and every
    // `run` below then signs in cheaply. `kurator setup` and `import` have tests of their own.
    await setUpDataDir(data, {
      school: { registrationUrl: 'https://1399.ejgur.ru/hello', curatorContact: 'каб. 204' },
      prepare: async (core) => {
        const imported = await core.roster.importFile(CLI_ACTOR, fs.readFileSync(FIXTURE), path.basename(FIXTURE));
        expect(imported.report.students.added).toBe(550);
      },
    });
  });
  afterAll(() => tmp.remove());

  it('issues codes for a class, and only the missing ones the second time', () => {
    const first = run(['codes', 'issue', '--class', '2а', '--json']);
    expect(first.code, first.stderr).toBe(0);
    const report = JSON.parse(first.stdout) as { students: number; parents: number; skipped: number };
    expect(report.students).toBe(25);
    expect(report.parents).toBeGreaterThan(25);
    const again = JSON.parse(run(['codes', 'issue', '--class', '2А', '--only-missing', '--json']).stdout) as typeof report;
    expect(again).toMatchObject({ students: 0, parents: 0, skipped: report.students + report.parents });
    const listed = list('2А');
    expect(listed).toHaveLength(report.students + report.parents);
    expect(Object.keys(listed[0]!).sort()).toEqual(['class', 'code', 'kind', 'mailedAt', 'personId', 'state', 'studentName']);
    expect(listed.every((c) => c.class === '2А' && c.state === 'active')).toBe(true);
  });

  it.each([
    ['students', 1],
    ['parents', 2],
    ['all', 4],
  ] as const)(
    'prints exactly the listed %s codes, with working QR codes (%i per page)',
    (audience, layout) => {
      const out = path.join(tmp.dir, `2a-${audience}.pdf`);
      const r = run(['print', 'invitations', '--class', '2А', '--audience', audience, '--layout', String(layout), '--out', out]);
      expect(r.code, r.stderr).toBe(0);
      if (process.platform !== 'win32') expect(fs.statSync(out).mode & 0o777).toBe(0o600);
      const pdf = fs.readFileSync(out);
      const expected = list('2А')
        .filter((c) => audience === 'all' || c.kind === audience.slice(0, -1))
        .map((c) => c.code);
      const text = pdfText(pdf);
      expect((text.match(CODE_RE) ?? []).sort()).toEqual([...expected].sort());
      if (audience !== 'parents') expect(text).toContain('Ученику (2А)');
      if (audience !== 'students') expect(text).toContain('Родителям (2А)');
      expect(text).toContain('ГБОУ Школа № 1399');
      expect(text).toContain('каб. 204');
      expect(pdfPages(pdf)).toBe(Math.ceil(expected.length / layout));
      const urls = pdfQrCodes(pdf).flat().sort();
      expect(urls).toEqual(expected.map((c) => `https://1399.ejgur.ru/hello?code=${normalizeCodeInput(c)}`).sort());
      // Printing marks the codes printed.
      expect(
        list('2А')
          .filter((c) => expected.includes(c.code))
          .every((c) => c.state === 'printed'),
      ).toBe(true);
    },
    SLOW,
  );

  it(
    '--only-unprinted prints a top-up run: only codes never printed, then says all are printed',
    () => {
      expect(run(['codes', 'issue', '--class', '3А', '--only-missing']).code).toBe(0);
      const students = path.join(tmp.dir, '3a-students.pdf');
      expect(run(['print', 'invitations', '--class', '3А', '--audience', 'students', '--layout', '4', '--out', students]).code).toBe(0);
      const topUp = path.join(tmp.dir, '3a-top-up.pdf');
      const r = run(['print', 'invitations', '--class', '3А', '--audience', 'all', '--layout', '4', '--only-unprinted', '--out', topUp]);
      expect(r.code, r.stderr).toBe(0);
      const parentCodes = list('3А')
        .filter((c) => c.kind === 'parent')
        .map((c) => c.code);
      expect(parentCodes.length).toBeGreaterThan(0);
      expect((pdfText(fs.readFileSync(topUp)).match(CODE_RE) ?? []).sort()).toEqual([...parentCodes].sort());
      const again = run(['print', 'invitations', '--class', '3А', '--audience', 'all', '--only-unprinted', '--out', topUp]);
      expect(again.code).not.toBe(0);
      expect(again.stderr).toContain('Все действующие коды уже напечатаны');
    },
    SLOW,
  );

  it(
    'family sheets that would leave siblings out: refused with their names, --issue-missing issues their codes and prints them',
    () => {
      expect(run(['codes', 'issue', '--class', '1А', '--only-missing']).code).toBe(0);
      const out = path.join(tmp.dir, 'families-1a-gaps.pdf');
      const refused = run(['print', 'families', '--class', '1А', '--out', out]);
      expect(refused.code).toBe(1);
      const named = [...refused.stderr.matchAll(/^ {2}(.+) — (.+) \((\d{1,2}\p{Lu})\)$/gmu)].map((m) => ({ child: m[2]!, cls: m[3]! }));
      expect(named.length).toBeGreaterThan(0);
      expect(named.every((n) => n.cls !== '1А')).toBe(true); // the class's own codes were issued
      expect(refused.stderr).toContain('--issue-missing');
      expect(fs.existsSync(out)).toBe(false);
      expect(run(['print', 'families', '--class', '1А', '--out', out, '--issue-missing', '--skip-missing']).code).toBe(2);

      const r = run(['print', 'families', '--class', '1А', '--out', out, '--issue-missing']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain(`Выданы недостающие коды: ${named.length}.`);
      const text = pdfText(fs.readFileSync(out));
      for (const n of named) expect(text).toContain(n.child);
    },
    SLOW,
  );

  it(
    'prints family sheets: a page per parent with their codes for all their children, in any class',
    () => {
      expect(run(['codes', 'issue', '--all', '--only-missing']).code).toBe(0);
      const out = path.join(tmp.dir, 'families-1a.pdf');
      const r = run(['print', 'families', '--class', '1А', '--out', out]);
      expect(r.code, r.stderr).toBe(0);
      const pdf = fs.readFileSync(out);
      const parentsOf1A = new Set(
        list('1А')
          .filter((c) => c.kind === 'parent')
          .map((c) => c.personId),
      );
      const theirCodes = list().filter((c) => c.kind === 'parent' && parentsOf1A.has(c.personId));
      // Some 1А parents have children in other classes too, and those codes are on their sheets.
      const siblings = theirCodes.filter((c) => c.class !== '1А');
      expect(siblings.length).toBeGreaterThan(0);
      expect(pdfPages(pdf)).toBe(parentsOf1A.size);
      expect((pdfText(pdf).match(CODE_RE) ?? []).sort()).toEqual(theirCodes.map((c) => c.code).sort());
      for (const c of siblings) expect(pdfText(pdf)).toContain(c.studentName);
      // Printing marks every code on the sheets printed, the siblings' too.
      const printed = new Set(
        list()
          .filter((c) => c.state === 'printed')
          .map((c) => c.code),
      );
      expect(theirCodes.every((c) => printed.has(c.code))).toBe(true);
    },
    SLOW,
  );

  it('prints markup in a name as text', () => {
    const out = path.join(tmp.dir, '1a-students.pdf');
    expect(run(['print', 'invitations', '--class', '1А', '--audience', 'students', '--out', out]).code).toBe(0);
    expect(pdfText(fs.readFileSync(out))).toContain('Денисова <img src=x onerror=alert(1)> Артемовна');
  });

  it('explains wrong usage', () => {
    const both = run(['codes', 'issue', '--class', '2А', '--all']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('одно из двух');
    expect(run(['codes', 'issue', '--class', '12Я']).stderr).toContain('не похоже на класс');
    expect(run(['codes', 'issue', '--class', '9Я']).stderr).toContain('Класс «9Я» не найден');
    const badAudience = run(['print', 'invitations', '--class', '2А', '--audience', 'teachers', '--out', path.join(tmp.dir, 'x.pdf')]);
    expect(badAudience.code).toBe(2);
    expect(badAudience.stderr).toContain('students, parents или all');
    expect(
      run(['print', 'invitations', '--class', '2А', '--audience', 'all', '--layout', '3', '--out', path.join(tmp.dir, 'x.pdf')]).code,
    ).toBe(2);
    expect(run(['print', 'families', '--class', '2А', '--out', path.join(tmp.dir, 'x.txt')]).code).toBe(2);
    expect(fs.existsSync(path.join(tmp.dir, 'x.pdf'))).toBe(false);
  });
});
