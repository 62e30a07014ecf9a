// The printed invitations as one self-contained HTML document: inline <style>, inline SVG QR codes,
// no scripts, no external resources. The same document is the in-app preview, the printer's input
// and the PDF's source.

import { AppError } from '../../../src-shared/result.ts';
import { formatCode, isValidCode } from '../../../src-shared/codes/code.ts';
import { parseRegistrationUrl, registrationLink } from '../../../src-shared/codes/link.ts';
import { ruPrint } from '../../../src-shared/i18n/ru-print.ts';
import { ruSchool } from '../../../src-shared/i18n/ru-school.ts';
import { html, trusted, type Html } from '../../../src-node/html.ts';
import { qrSvgs } from './qr.ts';
import { PRINT_CSS } from './styles.ts';
import {
  SLIPS_PER_PAGE,
  type Family,
  type FamilyChild,
  type FamilySheetsInput,
  type InvitationsInput,
  type School,
  type Slip,
  type SlipsPerPage,
} from './model.ts';

/** The CSP of a printout: nothing may load or run; inline styles and data: images only. */
export const PRINT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const t = ruPrint;

function checkSchool(school: School): void {
  if (!parseRegistrationUrl(school.registrationUrl)) {
    throw new AppError('print.bad_url', { field: 'registrationUrl' });
  }
}

function checkCode(code: string, field: string): void {
  if (!isValidCode(code)) throw new AppError('print.bad_code', { code }, { field });
}

function documentHtml(title: string, body: Html): string {
  return html`<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${PRINT_CSP}">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<style>${trusted(PRINT_CSS)}</style>
</head>
<body>
${body}
</body>
</html>
`.value;
}

function chunk<T>(items: readonly T[], first: number, next = first): T[][] {
  const out: T[][] = [];
  let at = 0;
  let size = first;
  while (at < items.length) {
    out.push(items.slice(at, at + size));
    at += size;
    size = next;
  }
  return out;
}

function recipientLabel(slip: Slip): string {
  if (slip.recipientLabel !== undefined && slip.recipientLabel.trim() !== '') return slip.recipientLabel;
  return slip.kind === 'parent' ? t.slip.parentLabel(slip.className) : t.slip.studentLabel(slip.className);
}

/** Phone numbers in a text (7 digits or more, with spaces, brackets and hyphens between). */
const PHONE_IN_TEXT = /\+?\d[\d ()\u2010-\u2013-]{5,}\d/g;

/** A text with each phone number in it kept on one line: it is dialled from the paper. */
export function withUnbrokenPhones(text: string): Html {
  const parts: (string | Html)[] = [];
  let at = 0;
  for (const m of text.matchAll(PHONE_IN_TEXT)) {
    if (m[0].replace(/\D/g, '').length < 7) continue;
    parts.push(text.slice(at, m.index), html`<span class="nobr">${m[0]}</span>`);
    at = m.index + m[0].length;
  }
  parts.push(text.slice(at));
  return html`${parts}`;
}

/** `02.11.2026` from `2026-11-02`. */
const shownDate = (iso: string | undefined): string | null => (iso ? iso.split('-').reverse().join('.') : null);

/** `Выдан 02.11.2026 · действует до 31.08.2027`, each half kept on one line. */
function codeDates(c: { issuedOn?: string; validUntil?: string; reissued?: boolean }): Html {
  const issued = shownDate(c.issuedOn);
  const until = shownDate(c.validUntil);
  const parts = [...(issued ? [t.slip.issued(issued, c.reissued === true)] : []), ...(until ? [t.slip.validUntil(until)] : [])].map(
    (p, i) => html`${i ? ' · ' : ''}<span class="nobr">${p}</span>`,
  );
  return parts.length ? html`<div class="code-dates${c.reissued ? ' reissued' : ''}">${parts}</div>` : html``;
}

/** The deputy director and the support hours, when set: `[label, text]` in print order. */
function moreHelp(school: School): [string, string][] {
  const out: [string, string][] = [];
  if (school.deputyContact?.trim()) out.push([ruSchool.slip.deputy, school.deputyContact]);
  if (school.supportHours?.trim()) out.push([ruSchool.slip.hours, school.supportHours]);
  return out;
}

/** Characters of the help texts (for the fitting estimates below): the contact and what follows it. */
function helpChars(school: School): number {
  return moreHelp(school).reduce((n, [label, text]) => n + label.length + text.length + 2, HELP_TEXT_CHARS + school.curatorContact.length);
}

function helpBlock(school: School): Html {
  // One paragraph, so that a short addition fills the line the contact left instead of taking a new one.
  const items = moreHelp(school);
  const before = [school.curatorContact.trim() || t.slip.helpNoContact, ...items.map(([, text]) => text.trim())];
  const more = items.map(
    ([label, text], i) => html`${/[.!?…]$/.test(before[i]!) ? '' : '.'} ${label} <span class="contact">${withUnbrokenPhones(text)}</span>`,
  );
  // The paragraph is the footer's own text (laid out as an anonymous block above .personal).
  return html`<footer class="help">${school.curatorContact.trim() ? html`${t.slip.help} <span class="contact">${withUnbrokenPhones(school.curatorContact)}</span>` : t.slip.helpNoContact}${more}<div class="personal">${t.slip.personal}</div></footer>`;
}

function steps(items: readonly string[]): Html {
  // The caption is the list's first item, shown as a plain block (not numbered): one wrapper fewer.
  return html`<ol class="steps"><li class="cap">${t.slip.stepsCaption}</li>${items.map((s) => html`<li>${s}</li>`)}</ol>`;
}

// ---- fitting long texts into a fixed-size slip ----
//
// A slip is a fixed piece of paper and the printout has no scripts, so the type size is chosen
// here: from the lengths of the texts that vary (school name, student name, registration address,
// curator contact) estimate how many lines they take beyond a typical slip's, and step down to
// denser type (.d1…d3 in styles.ts) until the estimate fits the space a typical slip leaves free.
// The constants were measured in Chromium; tests/unit/print checks real layouts never overflow
// for texts up to the settings' limits.

interface Fit {
  /** Base font size of the layout, pt. */
  fs: number;
  /** Characters per line at density 0 (measured, less ~15 % for word wrapping): school name, student name, address, help + contact. */
  cpl: { school: number; name: number; url: number; help: number };
  /** Address lines that fit beside the QR code without making the code box taller. */
  urlFree: number;
  /** Free height of a typical parent slip, mm, per density 0…3. */
  spare: readonly [number, number, number, number];
}

const FITS: Readonly<Record<SlipsPerPage, Fit>> = {
  1: { fs: 13.5, cpl: { school: 28, name: 34, url: 48, help: 80 }, urlFree: 3, spare: [20, 39, 60, 74] },
  2: { fs: 10, cpl: { school: 42, name: 50, url: 41, help: 114 }, urlFree: 1, spare: [10, 12, 14, 16] },
  4: { fs: 7.3, cpl: { school: 27, name: 34, url: 48, help: 80 }, urlFree: 4, spare: [13.5, 26, 38, 45] },
};
const DENSITY_SCALE = [1, 0.9, 0.8, 0.72] as const;
/** Room kept free on top of the estimate, mm. */
const FIT_SAFETY_MM = 3;
/** Lines the school and student names are clamped to (styles.ts). */
const SCHOOL_CLAMP = 3;
const NAME_CLAMP = 4;
const GUARDIAN_CLAMP = 2;
/** Characters of the fixed help text before the contact. */
const HELP_TEXT_CHARS = t.slip.help.length + 1;

function estimateOverflowMm(layout: SlipsPerPage, density: 0 | 1 | 2 | 3, school: School, slip: Slip): number {
  const fit = FITS[layout];
  const k = DENSITY_SCALE[density];
  const lines = (chars: number, perLine: number): number => Math.max(1, Math.ceil(chars / (perLine / k)));
  const guardian = slip.guardianLine ? Math.min(GUARDIAN_CLAMP, lines(slip.guardianLine.length, fit.cpl.name)) : 0;
  const head = Math.max(
    Math.min(SCHOOL_CLAMP, lines(school.name.length, fit.cpl.school)),
    1 + Math.min(NAME_CLAMP, lines(slip.studentName.length, fit.cpl.name)) + guardian,
  );
  const headEm = Math.max(0, head - 2) * 1.08 * 1.35;
  const urlEm = Math.max(0, lines(school.registrationUrl.length, fit.cpl.url) - fit.urlFree) * 1.25;
  const helpEm = Math.max(0, lines(helpChars(school), fit.cpl.help) - 2) * 0.92 * 1.35;
  const lossMm = (headEm + urlEm + helpEm) * fit.fs * k * (25.4 / 72);
  return lossMm + FIT_SAFETY_MM - fit.spare[density];
}

/** 0 for normal type; 1…3 for denser type when long texts would not fit otherwise. */
export function slipDensity(layout: SlipsPerPage, school: School, slip: Slip): 0 | 1 | 2 | 3 {
  for (const d of [0, 1, 2] as const) if (estimateOverflowMm(layout, d, school, slip) <= 0) return d;
  return 3;
}

function slipHtml(school: School, slip: Slip, qr: string, density: number): Html {
  const parent = slip.kind === 'parent';
  const s = t.slip;
  return html`<article class="slip slip-${slip.kind}${density ? ` d${density}` : ''}">
<header class="head">
  <div class="school">${school.name}</div>
  <div class="to">
    <div class="to-label">${recipientLabel(slip)}</div>
    <div class="to-name">${slip.studentName}</div>
    ${slip.guardianLine ? html`<div class="to-guardian">${slip.guardianLine}</div>` : ''}
  </div>
</header>
<h1 class="title">${s.title}</h1>
<p class="intro">${parent ? s.greetingParent : s.greetingStudent} ${parent ? s.whyParent : s.whyStudent}</p>
<section class="key">
  <div class="key-text">
    <div class="cap">${s.codeCaption}</div>
    <div class="code mono">${formatCode(slip.code)}</div>
    ${codeDates(slip)}
    <div class="cap">${s.addressCaption}</div>
    <div class="url">${school.registrationUrl}</div>
  </div>
  <figure class="qr qr-cap">${trusted(qr)}${s.qrCaption}</figure>
</section>
${steps(
  parent
    ? [s.stepOpen, s.stepCode, s.stepPassword, s.stepEmailParent, s.stepOtherChildren]
    : [s.stepOpen, s.stepCode, s.stepPassword, s.stepEmailStudent],
)}
${helpBlock(school)}
</article>`;
}

function cutMarks(perPage: number): Html {
  if (perPage === 2) return html`<div class="cut cut-h" title="${t.layout.cutHere}"></div>`;
  if (perPage === 4) {
    return html`<div class="cut cut-h" title="${t.layout.cutHere}"></div><div class="cut cut-v" title="${t.layout.cutHere}"></div>`;
  }
  return html``;
}

/**
 * The slips, `layout` to an A4 page, in the given order, with dashed cut lines between them.
 * Throws `print.bad_layout`, `print.bad_url` or `print.bad_code` (`invalid_input`) on a bad layout,
 * registration address or code.
 */
export async function invitationsHtml(input: InvitationsInput): Promise<string> {
  const { school, slips, layout } = input;
  if (!SLIPS_PER_PAGE.includes(layout)) {
    throw new AppError('print.bad_layout', { layout: String(layout) }, { field: 'layout' });
  }
  checkSchool(school);
  slips.forEach((s, i) => checkCode(s.code, `slips.${i}.code`));
  const qrs = await qrSvgs(
    slips.map((s) => registrationLink(school.registrationUrl, s.code)),
    input.progress,
  );
  const pages = chunk(slips, layout).map((group) => {
    // One type size per sheet, so slips cut from one page look alike.
    const density = Math.max(...group.map((s) => slipDensity(layout, school, s)));
    return html`<section class="sheet per-${layout}">
${group.map((s) => slipHtml(school, s, qrs.get(registrationLink(school.registrationUrl, s.code)) ?? '', density))}
${cutMarks(layout)}
</section>`;
  });
  return documentHtml(t.layout.documentTitle, html`${pages}`);
}

function childCard(child: FamilyChild, qr: string): Html {
  return html`<div class="kid">
  <div class="key-text">
    <div class="kid-name">${child.studentName}</div>
    <div class="kid-class">${t.family.className(child.className)}</div>
    <div class="cap">${t.slip.codeCaption}</div>
    <div class="code mono">${formatCode(child.code)}</div>
    ${codeDates(child)}
  </div>
  <div class="qr">${trusted(qr)}</div>
</div>`;
}

// A family sheet has room for the children's cards below its texts: up to 3 cards one to a row
// (big code and QR), else two to a row, and when even that does not fit (many children, or long
// texts above), continuation pages with the header and more cards. Heights in mm, measured in
// Chromium for the styles in styles.ts; tests/unit/print checks nothing overflows.
const FAMILY_CONTENT_MM = 271; // 297 − 14 − 12 page padding
const FAMILY_FIXED_MM = 120; // header, title, intro, address, captions, steps, help: all one-liners
const FAMILY_CONTINUED_FIXED_MM = 24; // header and "continued" line of a continuation page
const FAMILY_SAFETY_MM = 4;
const CARD_MM = { 1: 38, 2: 38 } as const;
const CARD_GAP_MM = { 1: 3, 2: 2.5 } as const;
const FAMILY_LINE_MM = { head: 5.4, url: 5.1, help: 4.6, kidName: 5 } as const;
const FAMILY_CPL = { school: 30, guardian: 38, url: 60, help: 93, kidName2: 17 } as const;

/** The height the texts above and below the cards take beyond one-liners, mm. */
function familyExtraMm(school: School, family: Family): { first: number; next: number } {
  const lines = (chars: number, perLine: number): number => Math.max(1, Math.ceil(chars / perLine));
  const guardians = family.guardianNames.filter((n) => n.trim() !== '');
  const head = Math.max(
    Math.min(SCHOOL_CLAMP, lines(school.name.length, FAMILY_CPL.school)),
    1 +
      Math.max(
        1,
        guardians.reduce((n, g) => n + Math.min(2, lines(g.length, FAMILY_CPL.guardian)), 0),
      ),
  );
  const headMm = Math.max(0, head - 2) * FAMILY_LINE_MM.head;
  const urlMm = (lines(school.registrationUrl.length, FAMILY_CPL.url) - 1) * FAMILY_LINE_MM.url;
  const helpMm = (lines(helpChars(school), FAMILY_CPL.help) - 1) * FAMILY_LINE_MM.help;
  return { first: headMm + urlMm + helpMm, next: headMm };
}

/** How many cards of `cols` columns fit in `mm`. At least one row, whatever the estimate says. */
function cardsThatFit(mm: number, cols: 1 | 2, rowMm: number): number {
  return cols * Math.max(1, Math.floor((mm + CARD_GAP_MM[cols]) / (rowMm + CARD_GAP_MM[cols])));
}

/** Columns of the cards and the children on each page of one family's sheet. */
export function planFamilyPages(school: School, family: Family): { cols: 1 | 2; pages: FamilyChild[][] } {
  const extra = familyExtraMm(school, family);
  const room = FAMILY_CONTENT_MM - FAMILY_FIXED_MM - FAMILY_SAFETY_MM - extra.first;
  const n = family.children.length;
  if (n <= Math.min(3, cardsThatFit(room, 1, CARD_MM[1]))) return { cols: 1, pages: [[...family.children]] };
  const longestName = Math.max(...family.children.map((c) => c.studentName.length));
  const nameLines = Math.min(3, Math.max(1, Math.ceil(longestName / FAMILY_CPL.kidName2)));
  // The dates line under a code takes what a name's second line would (`codeDates`).
  const dated = family.children.some((c) => c.issuedOn || c.validUntil) ? 1 : 0;
  const rowMm = CARD_MM[2] + Math.max(0, nameLines + dated - 2) * FAMILY_LINE_MM.kidName;
  const first = cardsThatFit(room, 2, rowMm);
  const next = cardsThatFit(FAMILY_CONTENT_MM - FAMILY_CONTINUED_FIXED_MM - FAMILY_SAFETY_MM - extra.next, 2, rowMm);
  return { cols: 2, pages: chunk(family.children, first, next) };
}

function familyPages(school: School, family: Family, qrs: ReadonlyMap<string, string>): Html[] {
  const f = t.family;
  const s = t.slip;
  const { cols, pages } = planFamilyPages(school, family);
  const guardians = family.guardianNames.filter((n) => n.trim() !== '');
  const head = html`<header class="head">
  <div class="school">${school.name}</div>
  <div class="to">
    <div class="to-label">${s.parentLabel(uniqueClasses(family.children))}</div>
    ${guardians.map((g) => html`<div class="to-name">${g}</div>`)}
  </div>
</header>`;
  const cards = (group: readonly FamilyChild[]): Html =>
    html`<div class="kids cols-${cols}">${group.map((c) => childCard(c, qrs.get(registrationLink(school.registrationUrl, c.code)) ?? ''))}</div>`;
  return pages.map((group, i) =>
    i === 0
      ? html`<section class="sheet family"><article class="fam">
${head}
<h1 class="title">${f.title}</h1>
<p class="intro">${f.greeting} ${f.why}</p>
<div class="addr"><span class="cap">${s.addressCaption}</span> <span class="url">${school.registrationUrl}</span></div>
<div class="cap">${f.childrenCaption(family.children.length)}</div>
${cards(group)}
${steps(
  family.children.length > 1
    ? [f.stepOpenOne, f.stepCodeFirst, s.stepPassword, s.stepEmailParent, f.stepOtherChildren]
    : [s.stepOpen, s.stepCode, s.stepPassword, s.stepEmailParent, s.stepOtherChildren],
)}
${helpBlock(school)}
</article></section>`
      : html`<section class="sheet family"><article class="fam">
${head}
<div class="continued">${f.continued(i + 1, pages.length)}</div>
${cards(group)}
</article></section>`,
  );
}

function uniqueClasses(children: readonly FamilyChild[]): string {
  return [...new Set(children.map((c) => c.className))].join(', ');
}

/**
 * One A4 page per family with the parent codes of all its children, each with its own QR code,
 * and the parents' instructions. Only a family of more than 6 children (or with very long texts)
 * gets continuation pages.
 */
export async function familySheetsHtml(input: FamilySheetsInput): Promise<string> {
  const { school, families } = input;
  checkSchool(school);
  families.forEach((fam, i) => {
    if (fam.children.length === 0) throw new AppError('print.no_children', { field: `families.${i}` });
    fam.children.forEach((c, j) => checkCode(c.code, `families.${i}.children.${j}.code`));
  });
  const qrs = await qrSvgs(
    families.flatMap((fam) => fam.children.map((c) => registrationLink(school.registrationUrl, c.code))),
    input.progress,
  );
  return documentHtml(t.layout.familyDocumentTitle, html`${families.flatMap((fam) => familyPages(school, fam, qrs))}`);
}
