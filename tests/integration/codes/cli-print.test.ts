// The printed PDF against `codes list`, through the CLI as IT staff would run it: the same codes as
// extractable text with the Cyrillic labels, every QR opening the registration address with its code.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kurator, kuratorAsync } from '../../support/cli.ts';
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

/** The EVIL student of the fixture's 1А: markup in a name, which must print as text. */
const MARKUP_NAME = 'Денисова <img src=x onerror=alert(1)> Артемовна';

describe('codes and printing from the command line', () => {
  // The tests run in order on one data folder: each CLI print (a Node start and a Chromium start)
  // costs seconds on a busy machine, so a printout that shows several things is made once and the
  // tests that look at it read the same file (`pdfs`), and a later test starts from what the
  // earlier ones printed instead of printing it again.
  const tmp = tempDir();
  const data = path.join(tmp.dir, 'data');
  const run = (args: string[]) => kurator([...args, '--data-dir', data], SIGNED_IN);
  const list = (cls?: string): Listed[] => {
    const r = run(['codes', 'list', ...(cls ? ['--class', cls] : []), '--json']);
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as Listed[];
  };
  const pdfs = {
    students: path.join(tmp.dir, '1a-students.pdf'),
    families: path.join(tmp.dir, 'families-1a.pdf'),
  };
  const codesIn = (pdf: Buffer) => (pdfText(pdf).match(CODE_RE) ?? []).sort();
  /** A class with a child of a 1А parent: set by the family sheets' test, topped up after it. */
  let siblingClass: string | undefined;

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
    const first = run(['codes', 'issue', '--class', '1а', '--json']);
    expect(first.code, first.stderr).toBe(0);
    const report = JSON.parse(first.stdout) as { students: number; parents: number; skipped: number };
    expect(report.students).toBe(25);
    expect(report.parents).toBeGreaterThan(25);
    const again = JSON.parse(run(['codes', 'issue', '--class', '1А', '--only-missing', '--json']).stdout) as typeof report;
    expect(again).toMatchObject({ students: 0, parents: 0, skipped: report.students + report.parents });
    const listed = list('1А');
    expect(listed).toHaveLength(report.students + report.parents);
    expect(Object.keys(listed[0]!).sort()).toEqual(['class', 'code', 'kind', 'mailedAt', 'personId', 'state', 'studentName']);
    expect(listed.every((c) => c.class === '1А' && c.state === 'active')).toBe(true);
  });

  /** Prints 1А's invitations for `audience` and checks the PDF against `codes list` afterwards. */
  function printsTheListed(audience: 'students' | 'parents' | 'all', layout: 1 | 2 | 4, out: string): void {
    // 2 per page is the default: that printout is made without --layout.
    const layoutArgs = layout === 2 ? [] : ['--layout', String(layout)];
    const r = run(['print', 'invitations', '--class', '1А', '--audience', audience, ...layoutArgs, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    if (process.platform !== 'win32') expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    const pdf = fs.readFileSync(out);
    // The list after printing: the codes are those listed before it (printing issues none), and
    // their states show what printing marked.
    const listed = list('1А');
    const expected = listed.filter((c) => audience === 'all' || c.kind === audience.slice(0, -1)).map((c) => c.code);
    const text = pdfText(pdf);
    expect((text.match(CODE_RE) ?? []).sort()).toEqual([...expected].sort());
    if (audience !== 'parents') expect(text).toContain('Ученику (1А)');
    if (audience !== 'students') expect(text).toContain('Родителям (1А)');
    expect(text).toContain('ГБОУ Школа № 1399');
    expect(text).toContain('каб. 204');
    expect(pdfPages(pdf)).toBe(Math.ceil(expected.length / layout));
    const urls = pdfQrCodes(pdf, 150, expected.length).flat().sort();
    expect(urls).toEqual(expected.map((c) => `https://1399.ejgur.ru/hello?code=${normalizeCodeInput(c)}`).sort());
    // Printing marks the codes printed.
    expect(listed.filter((c) => expected.includes(c.code)).every((c) => c.state === 'printed')).toBe(true);
  }

  it(
    'prints exactly the listed students codes, with working QR codes (1 per page)',
    () => printsTheListed('students', 1, pdfs.students),
    SLOW,
  );

  it(
    'prints exactly the listed parents codes, with working QR codes (2 per page)',
    () => printsTheListed('parents', 2, path.join(tmp.dir, '1a-parents.pdf')),
    SLOW,
  );

  it(
    'prints exactly the listed all codes, with working QR codes (4 per page)',
    () => printsTheListed('all', 4, path.join(tmp.dir, '1a-all.pdf')),
    SLOW,
  );

  it('prints markup in a name as text', () => {
    // The students' printout of 1А, made above, has the fixture's student with markup in her name.
    // One slip per page sets names large: this one wraps, so the words are compared, not the lines.
    expect(pdfText(fs.readFileSync(pdfs.students), { layout: false }).replace(/\s+/g, ' ')).toContain(MARKUP_NAME);
  });

  it(
    'family sheets that would leave siblings out: refused with their names, --issue-missing issues their codes and prints them',
    () => {
      const out = pdfs.families;
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

  it('prints family sheets: a page per parent with their codes for all their children, in any class', () => {
    // The sheets printed by the test before, once their siblings' codes were issued.
    const pdf = fs.readFileSync(pdfs.families);
    expect(run(['codes', 'issue', '--all', '--only-missing']).code).toBe(0);
    const all = list();
    const parentsOf1A = new Set(all.filter((c) => c.kind === 'parent' && c.class === '1А').map((c) => c.personId));
    const theirCodes = all.filter((c) => c.kind === 'parent' && parentsOf1A.has(c.personId));
    // Some 1А parents have children in other classes too, and those codes are on their sheets.
    const siblings = theirCodes.filter((c) => c.class !== '1А');
    expect(siblings.length).toBeGreaterThan(0);
    expect(pdfPages(pdf)).toBe(parentsOf1A.size);
    const text = pdfText(pdf);
    expect(codesIn(pdf)).toEqual(theirCodes.map((c) => c.code).sort());
    for (const c of siblings) expect(text).toContain(c.studentName);
    // Printing marks every code on the sheets printed, the siblings' too.
    expect(theirCodes.every((c) => c.state === 'printed')).toBe(true);
    siblingClass = siblings[0]!.class;
  });

  it(
    '--only-unprinted prints a top-up run: only codes never printed, then says all are printed',
    () => {
      // A class some of whose parents' codes went out on 1А's family sheets above, the rest never
      // printed: the top-up is the rest.
      expect(siblingClass).toBeDefined();
      const cls = siblingClass!;
      const onSheets = new Set(codesIn(fs.readFileSync(pdfs.families)));
      const topUp = path.join(tmp.dir, 'top-up.pdf');
      const r = run(['print', 'invitations', '--class', cls, '--audience', 'all', '--layout', '4', '--only-unprinted', '--out', topUp]);
      expect(r.code, r.stderr).toBe(0);
      const listed = list(cls);
      const neverPrinted = listed.map((c) => c.code).filter((c) => !onSheets.has(c));
      expect(listed.some((c) => onSheets.has(c.code))).toBe(true);
      expect(neverPrinted.some((c) => listed.find((l) => l.code === c)?.kind === 'student')).toBe(true);
      expect(codesIn(fs.readFileSync(topUp))).toEqual([...neverPrinted].sort());
      expect(listed.every((c) => c.state === 'printed')).toBe(true);
      const again = run(['print', 'invitations', '--class', cls, '--audience', 'all', '--only-unprinted', '--out', topUp]);
      expect(again.code).not.toBe(0);
      expect(again.stderr).toContain('Все действующие коды уже напечатаны');
    },
    SLOW,
  );

  it('explains wrong usage', async () => {
    // Refusals that change nothing: started side by side.
    const x = path.join(tmp.dir, 'x.pdf');
    const [both, badClass, noClass, badAudience, badLayout, notPdf] = await Promise.all(
      [
        ['codes', 'issue', '--class', '2А', '--all'],
        ['codes', 'issue', '--class', '12Я'],
        ['codes', 'issue', '--class', '9Я'],
        ['print', 'invitations', '--class', '2А', '--audience', 'teachers', '--out', x],
        ['print', 'invitations', '--class', '2А', '--audience', 'all', '--layout', '3', '--out', x],
        ['print', 'families', '--class', '2А', '--out', path.join(tmp.dir, 'x.txt')],
      ].map((args) => kuratorAsync([...args, '--data-dir', data], SIGNED_IN)),
    );
    expect(both!.code).toBe(2);
    expect(both!.stderr).toContain('одно из двух');
    expect(badClass!.stderr).toContain('не похоже на класс');
    expect(noClass!.stderr).toContain('Класс «9Я» не найден');
    expect(badAudience!.code).toBe(2);
    expect(badAudience!.stderr).toContain('students, parents или all');
    expect(badLayout!.code).toBe(2);
    expect(notPdf!.code).toBe(2);
    expect(fs.existsSync(x)).toBe(false);
  });
});
