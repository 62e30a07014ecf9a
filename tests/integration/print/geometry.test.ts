// The print layout measured in Chromium (print media): nothing overflows its slip or sheet, even
// with texts at the settings' limits; footers span the full width; QR codes are at least 25 mm;
// the CSP blocks nothing we use.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../support/browser.ts';
import { generateCodes } from '../../../src-main/core/codes/index.ts';
import {
  familySheetsHtml,
  invitationsHtml,
  type Family,
  type School,
  type Slip,
  type SlipsPerPage,
} from '../../../src-main/core/print/index.ts';

const rep = (s: string, n: number): string => s.repeat(Math.ceil(n / s.length)).slice(0, n);

const ORDINARY: School = {
  name: 'ГБОУ «Школа № 1399» г. Москвы',
  registrationUrl: 'https://1399.ejgur.ru/hello',
  curatorContact: 'каб. 214, пн–пт 9:00–17:00, +7 (495) 123-45-67, kurator@school1399.ru',
};
/** With the deputy director's contact and the support hours, as most schools will fill them. */
const WITH_DEPUTY: School = {
  ...ORDINARY,
  deputyContact: 'Петрова Анна Ивановна, каб. 101, +7 (495) 765-43-21',
  supportHours: 'вт и чт 15:00–18:00, сб 10:00–12:00',
};
/** At the limits of the school settings (name 200, each contact 300) and a long address. */
const LONGEST: School = {
  name: rep('Государственное бюджетное общеобразовательное учреждение города Москвы «Школа № 1399» ', 200),
  registrationUrl: `https://${rep('school1399.ejgur.ru/registration/', 190)}`,
  curatorContact: rep('каб. 214 (второй этаж), пн–пт 9:00–17:00, тел. +7 (495) 123-45-67, kurator@school1399.ru; ', 300),
  deputyContact: rep('Петрова Анна Ивановна, заместитель директора по УВР, каб. 101, тел. +7 (495) 765-43-21; ', 300),
  supportHours: rep('вт и чт 15:00–18:00, сб 10:00–12:00 (кроме праздников и каникул); ', 300),
};
/** Every slip says when its code was issued and until when it works. */
const DATES = { issuedOn: '2026-11-02', validUntil: '2027-08-31' };
const NAMES = ['Ли Ян', 'Петрова Анастасия Александровна', rep('Константинопольская-Преображенская Александра-Елизавета ', 120)];

interface Problem {
  where: string;
  what: string;
}

// Runs in the page. Plain JavaScript in a string: the Node tsconfig has no DOM types.
const FIND_PROBLEMS = `(() => {
  const MM = 96 / 25.4;
  const problems = [];
  const boxes = [...document.querySelectorAll('.slip, .sheet.family')];
  boxes.forEach((box, i) => {
    const cs = getComputedStyle(box);
    const r = box.getBoundingClientRect();
    const inner = {
      top: r.top + parseFloat(cs.paddingTop) - 0.5,
      bottom: r.bottom - parseFloat(cs.paddingBottom) + 0.5,
      left: r.left + parseFloat(cs.paddingLeft) - 0.5,
      right: r.right - parseFloat(cs.paddingRight) + 0.5,
    };
    const where = box.className + ' #' + i;
    for (const el of box.querySelectorAll('*')) {
      if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
      const e = el.getBoundingClientRect();
      if (e.width === 0 && e.height === 0) continue;
      const out = Math.max(e.bottom - inner.bottom, e.right - inner.right, inner.top - e.top, inner.left - e.left);
      if (out > 0) problems.push({ where, what: (el.getAttribute('class') || el.tagName) + ' sticks out by ' + (out / MM).toFixed(1) + ' mm' });
      const clamped = ['school', 'to-name', 'to-guardian', 'kid-name'].some((c) => el.classList.contains(c));
      if (!clamped && el.scrollWidth > el.clientWidth + 1 && ['hidden', 'clip'].includes(getComputedStyle(el).overflowX)) {
        problems.push({ where, what: el.className + ' clips its content horizontally' });
      }
    }
    // The footer (help line) is a rule across the whole slip or sheet, not a box pushed aside.
    for (const help of box.querySelectorAll('.help')) {
      const w = help.getBoundingClientRect().width;
      if (w < inner.right - inner.left - 1 - MM) problems.push({ where, what: 'help is ' + (w / MM).toFixed(1) + ' mm wide of ' + ((inner.right - inner.left - 1) / MM).toFixed(1) });
    }
    // A phone number in the contact is never broken across lines (it is dialled from the paper).
    for (const contact of box.querySelectorAll('.contact')) {
      const texts = [];
      const walker = document.createTreeWalker(contact, NodeFilter.SHOW_TEXT);
      let all = '';
      for (let n = walker.nextNode(); n; n = walker.nextNode()) { texts.push([n, all.length]); all += n.data; }
      const at = (offset) => { let i = texts.length - 1; while (i > 0 && texts[i][1] > offset) i--; return [texts[i][0], offset - texts[i][1]]; };
      for (const m of all.matchAll(/\\+?\\d[\\d ()-]{8,}\\d/g)) {
        const range = document.createRange();
        range.setStart(...at(m.index));
        range.setEnd(...at(m.index + m[0].length - 1));
        const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        if (tops.size > 1) problems.push({ where, what: 'phone «' + m[0] + '» is broken across lines' });
      }
    }
    for (const svg of box.querySelectorAll('svg.qr-svg')) {
      const modules = svg.viewBox.baseVal.width;
      const symbolMm = (svg.getBoundingClientRect().width / MM) * ((modules - 4) / modules); // less the 2-module margins
      if (symbolMm < 25) problems.push({ where, what: 'QR symbol ' + symbolMm.toFixed(1) + ' mm' });
    }
  });
  return problems;
})()`;

/** Every slip / family sheet whose content leaves its box, and every QR smaller than 25 mm. */
async function layoutProblems(page: Page, html: string): Promise<Problem[]> {
  await page.setContent(html);
  return (await page.evaluate(FIND_PROBLEMS)) as Problem[];
}

let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];
beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage();
  await page.emulateMedia({ media: 'print' });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
});
afterAll(async () => {
  await browser?.close();
});

describe('slips stay inside their piece of paper', () => {
  for (const layout of [1, 2, 4] as SlipsPerPage[]) {
    it(`${layout} per page, ordinary and longest texts`, async () => {
      const codes = generateCodes(NAMES.length * 3);
      const slips: Slip[] = NAMES.flatMap((studentName, i) => [
        { code: codes[3 * i]!, kind: 'student' as const, className: '11А', studentName, ...DATES },
        { code: codes[3 * i + 1]!, kind: 'parent' as const, className: '11А', studentName, ...DATES, reissued: true },
        // which parent the code is for, up to a very long name
        {
          code: codes[3 * i + 2]!,
          kind: 'parent' as const,
          className: '11А',
          studentName,
          guardianLine: `Мать: ${NAMES[(i + 1) % NAMES.length]}`,
          ...DATES,
          reissued: true,
        },
      ]);
      for (const school of [ORDINARY, WITH_DEPUTY, LONGEST, { ...ORDINARY, curatorContact: '' }, { ...WITH_DEPUTY, curatorContact: '' }]) {
        expect(await layoutProblems(page, await invitationsHtml({ school, slips, layout }))).toEqual([]);
      }
    });
  }
});

describe('family sheets stay inside the page', () => {
  it('1 to 16 children, ordinary and longest texts', async () => {
    const codes = generateCodes(16);
    // One document per school with all the family sizes, a family's sheets after another's, as a
    // class's printout is: a page load per school instead of one per family.
    const families: Family[] = [1, 2, 3, 4, 6, 7, 16].map((n) => ({
      guardianNames: n % 2 ? [NAMES[1]!] : [NAMES[2]!, NAMES[1]!],
      children: codes
        .slice(0, n)
        .map((code, i) => ({ code, className: `${1 + i}А`, studentName: NAMES[i % NAMES.length]!, ...DATES, reissued: i % 2 === 1 })),
    }));
    for (const school of [ORDINARY, WITH_DEPUTY, LONGEST, { ...ORDINARY, curatorContact: '' }, { ...WITH_DEPUTY, curatorContact: '' }]) {
      expect(await layoutProblems(page, await familySheetsHtml({ school, families })), school.name.slice(0, 40)).toEqual([]);
      // Every family got its sheets, so every size was measured: a sheet per family at least.
      expect(await page.locator('.sheet.family').count()).toBeGreaterThanOrEqual(families.length);
    }
  });
});

describe('the printout under its own CSP', () => {
  it('loads without a single console error or CSP violation', async () => {
    const codes = generateCodes(2);
    await page.setContent(
      await invitationsHtml({
        school: ORDINARY,
        slips: codes.map((code) => ({ code, kind: 'parent', className: '6А', studentName: 'Иванов Иван' })),
        layout: 2,
      }),
    );
    await page.setContent(
      await familySheetsHtml({
        school: ORDINARY,
        families: [{ guardianNames: ['Иванова'], children: [{ code: codes[0]!, className: '6А', studentName: 'Иванов Иван' }] }],
      }),
    );
    expect(consoleErrors).toEqual([]);
  });

  it('the CSP in the document really blocks loads and scripts', async () => {
    const codes = generateCodes(1);
    const doc = await invitationsHtml({
      school: ORDINARY,
      slips: [{ code: codes[0]!, kind: 'student', className: '6А', studentName: 'Иванов' }],
      layout: 1,
    });
    consoleErrors.length = 0;
    await page.setContent(doc.replace('<body>', '<body><img src="http://127.0.0.1:9/x.png"><script>document.title = "ran"</script>'));
    expect(await page.title()).toBe('Приглашения в электронный журнал');
    expect(consoleErrors.join('\n')).toMatch(/Content Security Policy/);
    consoleErrors.length = 0;
  });
});
