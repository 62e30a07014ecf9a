// Real Chromium → PDF, read back with poppler (text, pages) and zbar (QR codes).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCodes } from '../../../src-main/core/codes/index.ts';
import {
  chromiumPath,
  createPdfRenderer,
  familySheetsHtml,
  htmlToPdf,
  invitationsHtml,
  renderFamilySheetsPdf,
  renderInvitationsPdf,
  type Family,
  type PdfRenderer,
  type School,
  type Slip,
  type SlipsPerPage,
} from '../../../src-main/core/print/index.ts';
import { EVIL, school } from '../../support/print-fixtures.ts';
import { FORMATTED_CODE_RE, formatCode, registrationLink } from '../../../src-shared/codes/index.ts';
import { pdfPageSizeMm, pdfPages, pdfQrCodes, pdfText } from '../../support/pdf.ts';

const STUDENTS = [
  'Иванов Иван Иванович',
  'Петрова Анастасия Александровна',
  'Сидоров Пётр Ильич',
  'Кузнецова Мария Олеговна',
  'Смирнов Алексей',
];

/** A class: a student slip and a parent slip for every student. */
function classSlips(className = '6А'): Slip[] {
  const codes = generateCodes(STUDENTS.length * 2);
  return STUDENTS.flatMap((studentName, i) => [
    { code: codes[2 * i] ?? '', kind: 'student' as const, className, studentName },
    { code: codes[2 * i + 1] ?? '', kind: 'parent' as const, className, studentName },
  ]);
}

const flat = (s: string): string => s.replace(/\s+/g, ' ');
const count = (text: string, needle: string): number => text.split(needle).length - 1;
const codesIn = (text: string): string[] => [...text.matchAll(FORMATTED_CODE_RE)].map((m) => m[0]).sort();

let renderer: PdfRenderer;
beforeAll(async () => {
  renderer = await createPdfRenderer();
});
afterAll(async () => {
  await renderer?.close();
});

describe('invitation slips → PDF', () => {
  it('carries exactly the given codes and all the texts, as extractable text', async () => {
    const slips = classSlips();
    for (const layout of [1, 2, 4] as SlipsPerPage[]) {
      const pdf = await renderInvitationsPdf({ school, slips, layout }, { renderer });
      const text = pdfText(pdf);
      const found = codesIn(text);
      expect(found, `layout ${layout}`).toEqual(slips.map((s) => formatCode(s.code)).sort());
      expect(found).toHaveLength(slips.length);
      expect(count(text, 'Ученику (6А)')).toBe(STUDENTS.length);
      expect(count(text, 'Родителям (6А)')).toBe(STUDENTS.length);
      const words = flat(pdfText(pdf, { layout: false }));
      expect(count(words, school.name)).toBe(slips.length);
      expect(count(words, school.registrationUrl)).toBe(slips.length);
      expect(count(words, school.curatorContact)).toBe(slips.length);
      for (const name of STUDENTS) expect(words).toContain(name);
      expect(words).toContain('Приглашение в электронный журнал');
    }
  });

  it('every QR code decodes to the registration address with its code', async () => {
    const withQuery: School = { ...school, registrationUrl: 'https://1399.ejgur.ru/hello?lang=ru' };
    const slips = classSlips();
    const expected = slips.map((s) => registrationLink(withQuery.registrationUrl, s.code)).sort();
    expect(expected[0]).toMatch(/^https:\/\/1399\.ejgur\.ru\/hello\?lang=ru&code=[0-9a-z]{10}$/);
    for (const layout of [4, 1] as SlipsPerPage[]) {
      const pdf = await renderInvitationsPdf({ school: withQuery, slips, layout }, { renderer });
      const perPage = pdfQrCodes(pdf, 150);
      expect(perPage.map((p) => p.length)).toEqual(
        Array.from({ length: Math.ceil(slips.length / layout) }, (_, i) => Math.min(layout, slips.length - i * layout)),
      );
      expect(perPage.flat().sort()).toEqual(expected);
    }
  });

  it('1, 2 and 4 slips per A4 page', async () => {
    const slips = classSlips().slice(0, 7);
    const pages: Record<SlipsPerPage, number> = { 1: 7, 2: 4, 4: 2 };
    for (const layout of [1, 2, 4] as SlipsPerPage[]) {
      const pdf = await renderInvitationsPdf({ school, slips, layout }, { renderer });
      expect(pdfPages(pdf), `layout ${layout}`).toBe(pages[layout]);
      const size = pdfPageSizeMm(pdf);
      expect(size.width).toBeCloseTo(210, 0);
      expect(size.height).toBeCloseTo(297, 0);
    }
  });

  it('prints markup in a name as literal text', async () => {
    const [s] = classSlips();
    const slip: Slip = { ...s!, studentName: EVIL };
    const doc = await invitationsHtml({ school, slips: [slip], layout: 1 });
    expect(doc).not.toContain('<img');
    const pdf = await htmlToPdf(doc, { renderer });
    expect(flat(pdfText(pdf, { layout: false }))).toContain(EVIL);
    expect(pdfQrCodes(pdf)).toEqual([[registrationLink(school.registrationUrl, slip.code)]]);
  });
});

describe('family sheets → PDF', () => {
  it('one page per family with all its children’s codes and QR codes', async () => {
    const codes = generateCodes(8);
    const families: Family[] = [
      {
        guardianNames: ['Иванова Мария Петровна', 'Иванов Пётр Сергеевич'],
        children: [
          { studentName: 'Иванов Иван Петрович', className: '6А', code: codes[0]! },
          { studentName: 'Иванова Ольга Петровна', className: '9Б', code: codes[1]! },
        ],
      },
      { guardianNames: [EVIL], children: [{ studentName: EVIL, className: '6А', code: codes[2]! }] },
      {
        guardianNames: ['Сидорова Анна Викторовна'],
        children: [3, 4, 5, 6, 7].map((k) => ({ studentName: `Сидоров Ребёнок ${k}`, className: `${k}В`, code: codes[k]! })),
      },
    ];
    const pdf = await renderFamilySheetsPdf({ school, families }, { renderer });
    expect(pdfPages(pdf)).toBe(families.length);
    const qrs = pdfQrCodes(pdf);
    families.forEach((fam, i) => {
      const page = pdfText(pdf, { page: i + 1 });
      expect(codesIn(page)).toEqual(fam.children.map((c) => formatCode(c.code)).sort());
      const words = flat(pdfText(pdf, { page: i + 1, layout: false }));
      for (const g of fam.guardianNames) expect(words).toContain(g);
      for (const c of fam.children) expect(words).toContain(c.studentName);
      expect(words).toContain(school.registrationUrl);
      expect(words).toContain(school.curatorContact);
      expect(words).toContain('«Дети»');
      expect(qrs[i]?.slice().sort()).toEqual(fam.children.map((c) => registrationLink(school.registrationUrl, c.code)).sort());
    });
    expect(await familySheetsHtml({ school, families })).not.toContain('<img');
  });
});

describe('htmlToPdf', () => {
  it('starts and stops its own Chromium when no renderer is given', async () => {
    const pdf = await htmlToPdf('<!doctype html><meta charset="utf-8"><p>Проверка печати</p>');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfText(pdf)).toContain('Проверка печати');
  });

  it('explains a missing Chromium in Russian and English', () => {
    expect(() => chromiumPath({ CHROMIUM_PATH: '/nonexistent/chromium' })).toThrow(/Не найден браузер Chromium.*Chromium was not found/s);
    expect(chromiumPath({})).toMatch(/chromium/);
  });

  it('renders 1,000 slips in one go (250 pages, every code as text)', async () => {
    const codes = generateCodes(1000);
    const slips: Slip[] = codes.map((code, i) => ({
      code,
      kind: i % 2 ? 'parent' : 'student',
      className: `${5 + (i % 7)}А`,
      studentName: `${STUDENTS[i % STUDENTS.length]} ${i}`,
    }));
    const t0 = performance.now();
    const pdf = await renderInvitationsPdf({ school, slips, layout: 4 }, { renderer });
    const ms = performance.now() - t0;
    console.log(`1,000 slips, 4 per page → ${pdfPages(pdf)} pages PDF in ${Math.round(ms)} ms (${(pdf.length / 1e6).toFixed(1)} MB)`);
    expect(pdfPages(pdf)).toBe(250);
    expect(codesIn(pdfText(pdf))).toHaveLength(1000);
    // Speed is measured by `npm run bench`, not asserted here: other test files share the cores (it
    // took 75 s beside another integration file on a machine loaded to 11).
  }, 240_000);
});
