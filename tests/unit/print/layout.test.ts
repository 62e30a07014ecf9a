import { describe, expect, it } from 'vitest';
import { generateCodes } from '../../../src-main/core/codes/index.ts';
import {
  PRINT_CSP,
  escapeHtml,
  familySheetsHtml,
  invitationsHtml,
  planFamilyPages,
  qrSvg,
  slipDensity,
  type Family,
  type School,
  type Slip,
  type SlipsPerPage,
} from '../../../src-main/core/print/index.ts';
import { EVIL, school } from '../../support/print-fixtures.ts';
import { html, trusted } from '../../../src-node/html.ts';
import { AppError } from '../../../src-shared/result.ts';
import { formatCode } from '../../../src-shared/codes/index.ts';

function slips(n: number, kind: Slip['kind'] = 'student'): Slip[] {
  return generateCodes(n).map((code, i) => ({ code, kind, className: '6А', studentName: `Ученик ${i + 1}` }));
}

describe('escapeHtml and the html template', () => {
  it('escapes the five HTML specials', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });
  it('escapes every interpolation unless it is trusted markup', () => {
    const name = EVIL;
    expect(html`<b>${name}</b>`.value).toBe('<b>&lt;img src=x onerror=alert(1)&gt;</b>');
    expect(html`<i>${[name, 1, null, undefined, false]}</i>`.value).toBe('<i>&lt;img src=x onerror=alert(1)&gt;1</i>');
    expect(html`<p>${html`<b>${name}</b>`}</p>`.value).toBe('<p><b>&lt;img src=x onerror=alert(1)&gt;</b></p>');
    expect(html`${trusted('<br>')}`.value).toBe('<br>');
    expect(html`<a title="${'" onmouseover="x'}">`.value).toBe('<a title="&quot; onmouseover=&quot;x">');
  });
});

describe('qrSvg', () => {
  it('is a bare SVG path with no text of the payload in it', async () => {
    const svg = await qrSvg('https://1399.ejgur.ru/hello?code=k7m2x9q4tk&x=<script>');
    expect(svg).toMatch(/^<svg class="qr-svg" [^>]*viewBox="0 0 \d+ \d+"/);
    expect(svg).not.toContain('script');
    expect(svg).not.toContain('1399');
    // One path: the white square under the modules is left out (the paper is white).
    expect(svg.match(/<path /g)).toHaveLength(1);
    expect(svg).not.toContain('#ffffff');
  });
});

describe('invitationsHtml', () => {
  it('is self-contained: CSP meta, inline style, no scripts, no external resources', async () => {
    const doc = await invitationsHtml({ school, slips: slips(3), layout: 2 });
    expect(doc).toMatch(/^<!doctype html>/);
    expect(doc).toContain(`<meta http-equiv="Content-Security-Policy" content="${escapeHtml(PRINT_CSP)}">`);
    expect(PRINT_CSP).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    expect(doc).toContain('<style>');
    expect(doc).not.toMatch(/<script|<link|<img|<iframe|<object|<embed|@import|url\(|\son\w+=|javascript:/i);
    expect(doc).not.toMatch(/\s(src|href)=/i);
    expect(doc).toContain('@page { size: A4; margin: 0; }');
  });

  it('clips with overflow: clip, never hidden (a scroll container per clipped box costs Chromium a paint layer each)', async () => {
    const doc = await invitationsHtml({ school, slips: slips(1), layout: 4 });
    expect(doc).toMatch(/\.slip \{[^}]*overflow: clip;/);
    expect(doc).not.toMatch(/overflow:\s*hidden/);
    expect(doc).not.toContain('*::before');
  });

  it('puts `layout` slips on each sheet', async () => {
    for (const layout of [1, 2, 4] as SlipsPerPage[]) {
      const doc = await invitationsHtml({ school, slips: slips(7), layout });
      expect(doc.match(/<section class="sheet per-\d/g)).toHaveLength(Math.ceil(7 / layout));
      expect(doc.match(/<article class="slip /g)).toHaveLength(7);
    }
  });

  it('labels student and parent slips and prints the formatted codes', async () => {
    const batch = [...slips(2, 'student'), ...slips(2, 'parent')];
    const doc = await invitationsHtml({ school, slips: batch, layout: 4 });
    expect(doc.match(/Ученику \(6А\)/g)).toHaveLength(2);
    expect(doc.match(/Родителям \(6А\)/g)).toHaveLength(2);
    for (const s of batch) expect(doc).toContain(`>${formatCode(s.code)}<`);
    expect(doc.match(/<svg class="qr-svg"/g)).toHaveLength(4);
    // only parents are told e-mail is required and about «Дети»
    const student = doc.split('<article').find((a) => a.includes('Ученику')) ?? '';
    const parent = doc.split('<article').find((a) => a.includes('Родителям')) ?? '';
    expect(parent).toContain('обязательно');
    expect(parent).toContain('«Дети»');
    expect(student).not.toContain('обязательно');
    expect(student).not.toContain('«Дети»');
    for (const a of [student, parent]) {
      expect(a).toContain('от 8 знаков');
      expect(a).toContain('подтвердите');
      expect(a).toContain(school.curatorContact);
      expect(a).toContain(school.registrationUrl);
    }
  });

  it('uses a custom recipient label when given', async () => {
    const [s] = slips(1);
    const doc = await invitationsHtml({ school, slips: [{ ...s!, recipientLabel: 'Бабушке (6А)' }], layout: 1 });
    expect(doc).toContain('Бабушке (6А)');
    expect(doc).not.toContain('Ученику (6А)');
  });

  it('escapes every user-supplied text', async () => {
    const evilSchool: School = { name: `${EVIL} "школа"`, registrationUrl: 'https://x.ru/?a=<b>&c="d"', curatorContact: `${EVIL}'` };
    const [s] = slips(1);
    const doc = await invitationsHtml({
      school: evilSchool,
      slips: [{ ...s!, studentName: EVIL, className: '<b>6А</b>', recipientLabel: undefined }],
      layout: 1,
    });
    expect(doc).not.toContain('<img');
    expect(doc).not.toContain('<b>');
    expect(doc).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(doc).toContain('https://x.ru/?a=&lt;b&gt;&amp;c=&quot;d&quot;');
  });

  it('refuses bad codes, layouts and addresses with invalid_input', async () => {
    const [s] = slips(1);
    const bad = { ...s!, code: s!.code.slice(0, 9) + (s!.code[9] === '0' ? '1' : '0') };
    await expect(invitationsHtml({ school, slips: [bad], layout: 1 })).rejects.toMatchObject({
      reason: 'print.bad_code',
      field: 'slips.0.code',
    });
    await expect(invitationsHtml({ school, slips: [{ ...s!, code: formatCode(s!.code) }], layout: 1 })).rejects.toBeInstanceOf(AppError);
    await expect(invitationsHtml({ school, slips: [s!], layout: 3 as SlipsPerPage })).rejects.toMatchObject({
      reason: 'print.bad_layout',
      params: { layout: '3' },
      field: 'layout',
    });
    await expect(
      invitationsHtml({ school: { ...school, registrationUrl: 'javascript:alert(1)' }, slips: [s!], layout: 1 }),
    ).rejects.toMatchObject({
      reason: 'print.bad_url',
      field: 'registrationUrl',
    });
    await expect(
      invitationsHtml({ school: { ...school, registrationUrl: '1399.ejgur.ru' }, slips: [s!], layout: 1 }),
    ).rejects.toBeInstanceOf(AppError);
  });

  it('renders an empty batch as an empty document', async () => {
    const doc = await invitationsHtml({ school, slips: [], layout: 4 });
    expect(doc).not.toContain('<section');
  });
});

describe('what a slip tells its reader', () => {
  const dated = (over: Partial<Slip> = {}): Slip => ({
    code: generateCodes(1)[0]!,
    kind: 'parent',
    className: '6А',
    studentName: 'Иванов Иван',
    issuedOn: '2026-11-02',
    validUntil: '2027-08-31',
    ...over,
  });

  it('how the login is made, until when the code works and when it was issued', async () => {
    for (const layout of [1, 2, 4] as SlipsPerPage[]) {
      const doc = await invitationsHtml({ school, slips: [dated(), dated({ kind: 'student' })], layout });
      expect(doc.match(/логин вы придумаете сами при регистрации/g)).toHaveLength(2);
      expect(doc.match(/действует до 31\.08\.2027/g)).toHaveLength(2);
      expect(doc.match(/Выдан 02\.11\.2026/g)).toHaveLength(2);
    }
  });

  it('a reissued slip says so, and looks different from the dead one', async () => {
    const doc = await invitationsHtml({ school, slips: [dated({ reissued: true })], layout: 2 });
    expect(doc).toContain('Выдан повторно 02.11.2026');
    const dead = await invitationsHtml({ school, slips: [dated()], layout: 2 });
    expect(dead).not.toContain('повторно');
  });

  it('keeps a phone number in the contact on one line', async () => {
    const doc = await invitationsHtml({
      school: { ...school, curatorContact: 'каб. 214, пн–пт 9:00–17:00, +7 (495) 123-45-67 или 8 916 555-44-33, доб. 12' },
      slips: [dated()],
      layout: 4,
    });
    expect(doc).toContain('<span class="nobr">+7 (495) 123-45-67</span>');
    expect(doc).toContain('<span class="nobr">8 916 555-44-33</span>');
    expect(doc).not.toContain('<span class="nobr">9:00');
    expect(doc).toContain('.nobr { white-space: nowrap; }');
  });

  it("family sheets show each code's dates too", async () => {
    const [a, b] = generateCodes(2);
    const doc = await familySheetsHtml({
      school,
      families: [
        {
          guardianNames: ['Иванова Мария'],
          children: [
            { code: a!, className: '6А', studentName: 'Иванов Иван', issuedOn: '2026-11-02', validUntil: '2027-08-31' },
            { code: b!, className: '2Б', studentName: 'Иванова Анна', issuedOn: '2026-11-03', validUntil: '2027-08-31', reissued: true },
          ],
        },
      ],
    });
    expect(doc).toContain('Выдан 02.11.2026');
    expect(doc).toContain('Выдан повторно 03.11.2026');
    expect(doc.match(/действует до 31\.08\.2027/g)).toHaveLength(2);
    expect(doc).toContain('логин вы придумаете сами при регистрации');
  });
});

describe('fitting long texts', () => {
  it('keeps normal type for ordinary texts', () => {
    const [s] = slips(1, 'parent');
    const slip = { ...s!, studentName: 'Петрова Анастасия Александровна' };
    const ordinary = { ...school, curatorContact: 'каб. 214, пн–пт 9:00–17:00, +7 (495) 123-45-67, kurator@school1399.ru' };
    for (const layout of [1, 2, 4] as SlipsPerPage[]) expect(slipDensity(layout, ordinary, slip)).toBe(0);
  });
  it('steps to denser type as texts grow', () => {
    const [s] = slips(1, 'parent');
    const long: School = { name: 'Ш'.repeat(200), registrationUrl: `https://x.ru/${'a'.repeat(190)}`, curatorContact: 'к '.repeat(150) };
    for (const layout of [1, 2, 4] as SlipsPerPage[]) {
      expect(slipDensity(layout, long, { ...s!, studentName: 'И '.repeat(60) })).toBeGreaterThan(0);
    }
  });
  it('plans family pages: one column up to 3 children, two up to 6, then continuation pages', () => {
    const fam = (n: number): Family => ({
      guardianNames: ['Иванова Мария Петровна'],
      children: generateCodes(n).map((code, i) => ({ code, className: '6А', studentName: `Иванов Ребёнок ${i}` })),
    });
    expect(planFamilyPages(school, fam(1))).toMatchObject({ cols: 1, pages: [{ length: 1 }] });
    expect(planFamilyPages(school, fam(3))).toMatchObject({ cols: 1, pages: [{ length: 3 }] });
    expect(planFamilyPages(school, fam(4))).toMatchObject({ cols: 2, pages: [{ length: 4 }] });
    expect(planFamilyPages(school, fam(6))).toMatchObject({ cols: 2, pages: [{ length: 6 }] });
    const big = planFamilyPages(school, fam(20));
    expect(big.pages.length).toBeGreaterThan(1);
    expect(big.pages.flat()).toHaveLength(20);
  });
});

describe('familySheetsHtml', () => {
  it('one sheet per family with all its children and guardians', async () => {
    const families: Family[] = [
      {
        guardianNames: ['Иванова Мария Петровна', 'Иванов Пётр Сергеевич'],
        children: generateCodes(2).map((code, i) => ({ code, className: `${6 + i}А`, studentName: `Иванов ${i}` })),
      },
      { guardianNames: [EVIL], children: generateCodes(1).map((code) => ({ code, className: '9Б', studentName: EVIL })) },
    ];
    const doc = await familySheetsHtml({ school, families });
    expect(doc.match(/<section class="sheet family"/g)).toHaveLength(2);
    expect(doc).toContain('Родителям (6А, 7А)');
    expect(doc).toContain('Иванов Пётр Сергеевич');
    expect(doc).not.toContain('<img');
    for (const f of families) for (const c of f.children) expect(doc).toContain(formatCode(c.code));
    expect(doc.match(/<svg class="qr-svg"/g)).toHaveLength(3);
  });
  it('refuses a family without children or with a bad code', async () => {
    await expect(familySheetsHtml({ school, families: [{ guardianNames: ['X'], children: [] }] })).rejects.toMatchObject({
      reason: 'print.no_children',
      code: 'invalid_input',
    });
    await expect(
      familySheetsHtml({
        school,
        families: [{ guardianNames: ['X'], children: [{ code: 'k7m2x9q4tm', className: '6А', studentName: 'Y' }] }],
      }),
    ).rejects.toMatchObject({ reason: 'print.bad_code', field: 'families.0.children.0.code' });
  });
});
