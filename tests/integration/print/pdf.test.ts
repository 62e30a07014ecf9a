// Real Chromium → PDF, read back with poppler (text, pages) and zbar (QR codes).
import fs from 'node:fs';
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
import { pdfPageGrey, pdfPageSizeMm, pdfPages, pdfQrCodes, pdfText } from '../../support/pdf.ts';

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
  // One batch printed once per layout and read by every test below, each for what it is about (a
  // render is seconds on a busy machine). Its registration address has a query of its own, so the
  // QR links must add the code to it (short enough to stay on one line at 2 per page, so that the
  // text test can count it whole: `…/hello?lang=ru` wraps there); the last slip's name is markup;
  // 11 slips leave the last page part-filled at 2 and 4 per page.
  const withQuery: School = { ...school, registrationUrl: 'https://1399.ejgur.ru/hello?l=ru' };
  const slips: Slip[] = [...classSlips(), { ...classSlips()[0]!, studentName: EVIL }];
  const names = [...STUDENTS, EVIL];
  const docs = new Map<SlipsPerPage, { html: string; pdf: Buffer }>();
  beforeAll(async () => {
    for (const layout of [1, 2, 4] as SlipsPerPage[]) {
      const html = await invitationsHtml({ school: withQuery, slips, layout });
      docs.set(layout, { html, pdf: await htmlToPdf(html, { renderer }) });
    }
  });
  const pdfOf = (layout: SlipsPerPage): Buffer => docs.get(layout)!.pdf;
  const decoded = new Map<SlipsPerPage, string[][]>();
  /** zbar over every page of a layout's PDF, once (the QR test and the markup test read it). */
  const qrsOf = (layout: SlipsPerPage): string[][] => {
    if (!decoded.has(layout)) decoded.set(layout, pdfQrCodes(pdfOf(layout), 150, slips.length));
    return decoded.get(layout)!;
  };

  it('carries exactly the given codes and all the texts, as extractable text', () => {
    const students = slips.filter((s) => s.kind === 'student').length;
    for (const layout of [1, 2, 4] as SlipsPerPage[]) {
      const pdf = pdfOf(layout);
      const text = pdfText(pdf);
      const found = codesIn(text);
      expect(found, `layout ${layout}`).toEqual(slips.map((s) => formatCode(s.code)).sort());
      expect(found).toHaveLength(slips.length);
      expect(count(text, 'Ученику (6А)')).toBe(students);
      expect(count(text, 'Родителям (6А)')).toBe(slips.length - students);
      const words = flat(pdfText(pdf, { layout: false }));
      expect(count(words, school.name)).toBe(slips.length);
      expect(count(words, withQuery.registrationUrl)).toBe(slips.length);
      expect(count(words, school.curatorContact)).toBe(slips.length);
      for (const name of names) expect(words).toContain(name);
      expect(words).toContain('Приглашение в электронный журнал');
    }
  });

  it('every QR code decodes to the registration address with its code', () => {
    const expected = slips.map((s) => registrationLink(withQuery.registrationUrl, s.code)).sort();
    expect(expected[0]).toMatch(/^https:\/\/1399\.ejgur\.ru\/hello\?l=ru&code=[0-9a-z]{10}$/);
    for (const layout of [4, 1] as SlipsPerPage[]) {
      const perPage = qrsOf(layout);
      expect(perPage.map((p) => p.length)).toEqual(
        Array.from({ length: Math.ceil(slips.length / layout) }, (_, i) => Math.min(layout, slips.length - i * layout)),
      );
      expect(perPage.flat().sort()).toEqual(expected);
    }
  });

  it('1, 2 and 4 slips per A4 page', () => {
    const pages: Record<SlipsPerPage, number> = { 1: 11, 2: 6, 4: 3 };
    expect(slips).toHaveLength(11);
    for (const layout of [1, 2, 4] as SlipsPerPage[]) {
      const pdf = pdfOf(layout);
      expect(pdfPages(pdf), `layout ${layout}`).toBe(pages[layout]);
      const size = pdfPageSizeMm(pdf);
      expect(size.width).toBeCloseTo(210, 0);
      expect(size.height).toBeCloseTo(297, 0);
    }
  });

  it('draws dashed cut lines across the middle of the page (4 per page: both ways; 2: across)', () => {
    const dpi = 200;
    const px = (mm: number) => Math.round((mm / 25.4) * dpi);
    /** The dashes along a line of pixels: runs of grey (not white, not the text's black) and their lengths in mm. */
    const dashes = (pixels: number[]) => {
      const runs: number[] = [];
      let run = 0;
      for (const p of [...pixels, 255]) {
        if (p > 90 && p < 230) run++;
        else if (run > 0) {
          runs.push((run / dpi) * 25.4);
          run = 0;
        }
      }
      return runs;
    };
    const span = (from: number, to: number, pixel: (i: number) => number) =>
      Array.from({ length: px(to) - px(from) }, (_, i) => pixel(px(from) + i));
    for (const layout of [4, 2] as SlipsPerPage[]) {
      const page = pdfPageGrey(pdfOf(layout), 1, dpi);
      // Along the middle of the 0.3 mm line, away from the scissors at its start.
      const across = dashes(span(20, 200, (x) => page.at(x, px(148.5 + 0.15))));
      expect(across.length, `layout ${layout}: dashes across`).toBeGreaterThan(100);
      expect(across.length).toBeLessThan(140);
      // About 0.9 mm each (the span cuts the first and the last short).
      for (const d of across.slice(1, -1)) expect(Math.abs(d - 0.9), `a dash of ${d.toFixed(2)} mm`).toBeLessThan(0.3);
      if (layout === 2) continue;
      const down = dashes(span(20, 280, (y) => page.at(px(105 + 0.15), y)));
      expect(down.length, 'dashes down').toBeGreaterThan(150);
      expect(down.length).toBeLessThan(200);
      for (const d of down.slice(1, -1)) expect(Math.abs(d - 0.9), `a dash of ${d.toFixed(2)} mm`).toBeLessThan(0.3);
    }
  });

  it('prints markup in a name as literal text', () => {
    for (const layout of [1, 2, 4] as SlipsPerPage[]) {
      expect(docs.get(layout)!.html).not.toContain('<img');
      expect(flat(pdfText(pdfOf(layout), { layout: false }))).toContain(EVIL);
    }
    // Alone on the last page at 1 per page: its name, and the QR code of its own code.
    const last = slips.length;
    expect(flat(pdfText(pdfOf(1), { page: last, layout: false }))).toContain(EVIL);
    expect(qrsOf(1)[last - 1]).toEqual([registrationLink(withQuery.registrationUrl, slips[last - 1]!.code)]);
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
    const qrs = pdfQrCodes(
      pdf,
      150,
      families.reduce((n, f) => n + f.children.length, 0),
    );
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

/**
 * This process's running Chromium children (Linux, from /proc): the shared renderer's, and while
 * `htmlToPdf` renders without one, its own.
 */
function chromiumChildren(): number[] {
  return fs.readdirSync('/proc').flatMap((d) => {
    if (!/^\d+$/.test(d)) return [];
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
    } catch {
      return []; // gone meanwhile
    }
    const [, comm, state, ppid] = /^\d+ \((.*)\) (\S) (\d+) /s.exec(stat) ?? [];
    return Number(ppid) === process.pid && state !== 'Z' && /chrom/i.test(comm ?? '') ? [Number(d)] : [];
  });
}

describe('htmlToPdf', () => {
  // The 1,000 slips are rendered without a renderer: the one Chromium start shows that a batch of a
  // whole school's size renders in one go and that htmlToPdf starts and stops a browser of its own.
  let big: { pdf: Buffer; before: number[]; after: number[] } | undefined;

  it('renders 1,000 slips in one go (250 pages, every code as text)', async () => {
    const codes = generateCodes(1000);
    const slips: Slip[] = codes.map((code, i) => ({
      code,
      kind: i % 2 ? 'parent' : 'student',
      className: `${5 + (i % 7)}А`,
      studentName: `${STUDENTS[i % STUDENTS.length]} ${i}`,
    }));
    const before = process.platform === 'linux' ? chromiumChildren() : [];
    const t0 = performance.now();
    const pdf = await renderInvitationsPdf({ school, slips, layout: 4 });
    const ms = performance.now() - t0;
    big = { pdf, before, after: process.platform === 'linux' ? chromiumChildren() : [] };
    console.log(`1,000 slips, 4 per page → ${pdfPages(pdf)} pages PDF in ${Math.round(ms)} ms (${(pdf.length / 1e6).toFixed(1)} MB)`);
    expect(pdfPages(pdf)).toBe(250);
    expect(codesIn(pdfText(pdf))).toHaveLength(1000);
    // Speed is measured by `npm run bench`, not asserted here: other test files share the cores (it
    // took 75 s beside another integration file on a machine loaded to 11).
  }, 240_000);

  it('starts and stops its own Chromium when no renderer is given', () => {
    // The 1,000 slips' PDF, from a Chromium started for it alone (the test above).
    expect(big, 'the 1,000 slips were not rendered').toBeDefined();
    expect(big!.pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfText(big!.pdf, { page: 1 })).toContain('Приглашение в электронный журнал');
    if (process.platform === 'linux') {
      // The shared renderer's Chromium is seen (so a browser left running would be), and the one
      // started for the slips is gone once they are done.
      expect(big!.before.length).toBeGreaterThan(0);
      expect(big!.after).toEqual(big!.before);
    }
  });

  it('explains a missing Chromium in Russian and English', () => {
    expect(() => chromiumPath({ CHROMIUM_PATH: '/nonexistent/chromium' })).toThrow(/Не найден браузер Chromium.*Chromium was not found/s);
    expect(chromiumPath({})).toMatch(/chromium/);
  });
});
