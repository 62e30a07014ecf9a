// Normalization of roster values as schools type them. Pure functions shared by the importer (core)
// and the wizard (UI): no Node builtins here.
//
// Rule of thumb: keep what the school typed (spelling, `ё`, mixed case), fix only what is clearly
// formatting (spaces, ALL CAPS / all lower case, look-alike Latin letters in a class or a Cyrillic
// name), and match people by folded keys (`fold`: case and `ё`/`е` do not matter).

import { fold } from '../text.ts';
import type { Sex } from './types.ts';

// ---------------------------------------------------------------------------------------------
// Text

const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
const SPACES = /[\s\u00A0\u2000-\u200A\u202F\u205F\u3000]+/g;

/** Trim, collapse every run of whitespace (incl. NBSP, tabs, newlines) to one space, drop zero-width characters. */
export function cleanText(s: string): string {
  if (isClean(s)) return s;
  return s.replace(INVISIBLE, '').replace(SPACES, ' ').trim();
}

/** Fast path (the importer calls `cleanText` on every cell): no edge or double spaces, no special spaces. */
function isClean(s: string): boolean {
  const n = s.length;
  if (n === 0) return true;
  if (s.charCodeAt(0) === 32 || s.charCodeAt(n - 1) === 32) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c <= 32) {
      if (c !== 32 || s.charCodeAt(i + 1) === 32) return false;
    } else if (c >= 0x85) {
      if (c === 0x85 || c === 0xa0 || c === 0xad || c === 0x1680 || (c >= 0x2000 && c <= 0x200d) || c === 0x2028 || c === 0x2029)
        return false;
      if (c === 0x202f || c === 0x205f || c === 0x2060 || c === 0x3000 || c === 0xfeff) return false;
    }
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Names

/** Latin letters that look like Cyrillic ones (upper and lower case), for names and classes. */
const LATIN_TO_CYRILLIC: Readonly<Record<string, string>> = {
  A: 'А',
  B: 'В',
  C: 'С',
  E: 'Е',
  H: 'Н',
  K: 'К',
  M: 'М',
  O: 'О',
  P: 'Р',
  T: 'Т',
  X: 'Х',
  Y: 'У',
  a: 'а',
  c: 'с',
  e: 'е',
  o: 'о',
  p: 'р',
  x: 'х',
  y: 'у',
};
const LOOKALIKE_RE = /[ABCEHKMOPTXYaceopxy]/g;
const CYRILLIC_RE = /[А-яЁё]/;
const LATIN_RE = /[A-Za-z]/;

/** Words that stay in lower case inside a name (Turkic patronymic particles): `Мамедов Ильхам Рауф оглы`. */
const LOWER_PARTICLES = new Set(['оглы', 'кызы', 'улы', 'уулу', 'гызы', 'угли', 'кизи']);

/** Only letters, spaces, hyphens, apostrophes and dots: anything else is kept exactly as typed. */
const NAME_LIKE = /^[\p{L}\s.'’-]+$/u;

function capitalize(part: string): string {
  return part.length === 0 ? part : part.charAt(0).toUpperCase() + part.slice(1).toLowerCase();
}

function titleCaseWord(word: string, index: number): string {
  if (index > 0 && LOWER_PARTICLES.has(fold(word))) return word.toLowerCase();
  if (word.replace(/[^\p{L}]/gu, '').length <= 1) return word.toUpperCase(); // an initial `А.`
  return word.split('-').map(capitalize).join('-');
}

/**
 * A person's name part or full name as it should be stored: spaces cleaned, hyphens without spaces,
 * `ИВАНОВА`/`иванова` → `Иванова`, `римская-корсакова` → `Римская-Корсакова`, Latin look-alike
 * letters inside a Cyrillic word → Cyrillic. A value typed entirely in upper or entirely in lower
 * case is re-cased (`оглы`/`кызы` stay lower case); in a mixed value only words typed in capitals are
 * (`ВОРОНИНА Олеся`); other mixed case stays as typed (`МакКартни`, `де Голль`), and so does `ё`. A value with characters no name has (digits, `<`, `=` …) is only
 * space-cleaned: it is data, shown as text.
 */
export function normalizeName(s: string): string {
  let text = cleanText(s);
  if (isProperName(text)) return text; // the common case: `Иванова`, `Римская-Корсакова Анна`
  if (!NAME_LIKE.test(text)) return text;
  if (text.includes('-')) text = text.replace(/\s*-\s*/g, '-');
  if (LATIN_RE.test(text)) text = text.split(' ').map(fixLookalikes).join(' ');
  const upper = text.toUpperCase();
  const lower = text.toLowerCase();
  if (upper === lower) return text; // no letters
  // Mixed case: keep it, except a word typed in capitals (`ВОРОНИНА Олеся` → `Воронина Олеся`).
  if (text !== upper && text !== lower)
    return text
      .split(' ')
      .map((w, i) => (isShouted(w) ? titleCaseWord(w, i) : w))
      .join(' ');
  return text.split(' ').map(titleCaseWord).join(' ');
}

/** A word of two or more letters, all of them capitals. */
function isShouted(word: string): boolean {
  return word.replace(/[^\p{L}]/gu, '').length >= 2 && word === word.toUpperCase() && word !== word.toLowerCase();
}

const isUpperRu = (c: number): boolean => (c >= 0x410 && c <= 0x42f) || c === 0x401;
const isLowerRu = (c: number): boolean => (c >= 0x430 && c <= 0x44f) || c === 0x451;

/**
 * Capitalized Cyrillic words only, parts joined by one space or hyphen: nothing to fix. A loop, not
 * a regular expression: the nested repetition such an expression needs backtracks through every
 * word, and a long enough cell overflows its stack.
 */
function isProperName(s: string): boolean {
  let partStart = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (partStart) {
      if (!isUpperRu(c)) return false;
      partStart = false;
    } else if (c === 0x20 || c === 0x2d) partStart = true;
    else if (!isLowerRu(c)) return false;
  }
  return !partStart;
}

/** Latin look-alike letters inside a word that has Cyrillic letters → Cyrillic (`Ивaнов` with a Latin `a`). */
function fixLookalikes(word: string): string {
  return CYRILLIC_RE.test(word) && LATIN_RE.test(word) ? word.replace(LOOKALIKE_RE, (c) => LATIN_TO_CYRILLIC[c] ?? c) : word;
}

export interface PersonName {
  surname: string;
  name: string;
  patronymic: string | null;
}

/**
 * `Фамилия Имя Отчество` in one cell → parts (Russian order, surname first). The patronymic may be
 * missing or have several words (`Рауф оглы`): every word after the first two is the patronymic.
 * `null` when there are fewer than two words.
 */
export function splitFullName(s: string): PersonName | null {
  const text = normalizeName(s);
  // Cleaned: words are separated by one space, none at the edges; cut at the first two spaces
  // (the same parts as splitting on every space and joining the rest, without the array).
  const first = text.indexOf(' ');
  if (first <= 0) return null;
  const second = text.indexOf(' ', first + 1);
  if (second === -1) return { surname: text.slice(0, first), name: text.slice(first + 1), patronymic: null };
  return { surname: text.slice(0, first), name: text.slice(first + 1, second), patronymic: text.slice(second + 1) };
}

/** `Фамилия Имя Отчество` (no patronymic → two words). */
export function joinFullName(p: PersonName): string {
  return p.patronymic ? `${p.surname} ${p.name} ${p.patronymic}` : `${p.surname} ${p.name}`;
}

/**
 * The match key of a text: folded (case and `ё`/`е` do not matter), with look-alike Latin letters
 * inside Cyrillic words mapped to Cyrillic and hyphens without spaces. `Семёнов`, `СЕМЕНОВ` and
 * `семенов` share one key.
 */
export function matchKey(s: string): string {
  let text = cleanText(s);
  if (text.includes('-')) text = text.replace(/\s*-\s*/g, '-');
  if (LATIN_RE.test(text) && CYRILLIC_RE.test(text)) text = text.split(' ').map(fixLookalikes).join(' ');
  // = fold(text): the text is already space-cleaned, so only case and `ё` remain (hot path).
  return text.toLowerCase().replaceAll('ё', 'е');
}

/** The match key of a person's full name. */
export function nameKey(p: PersonName): string {
  return matchKey(joinFullName(p));
}

const isRuLetterCode = (c: number): boolean => (c >= 0x410 && c <= 0x44f) || c === 0x401 || c === 0x451;

/**
 * Cyrillic letters, with single inner spaces or hyphens between letters: `matchKey` of such a part
 * only lower-cases it and writes `ё` as `е`, character by character, so the key of a full name is
 * the keys of its parts joined (no cleaning, hyphen or look-alike step can reach across them).
 */
function isPlainPart(s: string): boolean {
  const n = s.length;
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (isRuLetterCode(c)) continue;
    if (
      (c !== 0x20 && c !== 0x2d) ||
      i === 0 ||
      i === n - 1 ||
      !isRuLetterCode(s.charCodeAt(i - 1)) ||
      !isRuLetterCode(s.charCodeAt(i + 1))
    )
      return false;
  }
  return true;
}

/**
 * `nameKey` for one import: a district file repeats a few hundred surnames, names and patronymics, so
 * each distinct part is folded once and a full name's key is its parts' keys joined. A part that is
 * not plain Cyrillic (Latin look-alikes, odd spaces) takes the whole `nameKey` road.
 */
export function nameKeyFolder(): (p: PersonName) => string {
  const parts = new Map<string, string | null>();
  const partKey = (s: string): string | null => {
    let k = parts.get(s);
    if (k === undefined) {
      k = isPlainPart(s) ? s.toLowerCase().replaceAll('ё', 'е') : null;
      parts.set(s, k);
    }
    return k;
  };
  return (p) => {
    const surname = partKey(p.surname);
    const name = partKey(p.name);
    const patronymic = p.patronymic === null ? '' : partKey(p.patronymic);
    if (surname === null || name === null || patronymic === null) return nameKey(p);
    return patronymic === '' ? `${surname} ${name}` : `${surname} ${name} ${patronymic}`;
  };
}

// ---------------------------------------------------------------------------------------------
// Classes

export const MIN_GRADE = 1;
export const MAX_GRADE = 11;

const CLASS_RE = /^(\d{1,2})\s*[-–—_.\s/\\]?\s*["'«»“”„`]?\s*([А-ЯЁ])\s*["'«»“”„`]?$/;

/**
 * `6 А`, `6а`, `6-А`, `6"А"`, `6«а»`, `6A` (Latin), `6 А класс` → `6А`. Grades 1–11 and one letter
 * only; anything else → `null`.
 */
export function normalizeClass(s: string): string | null {
  let text = cleanText(s)
    .toUpperCase()
    .replace(LOOKALIKE_RE, (c) => LATIN_TO_CYRILLIC[c] ?? c)
    .replace(/\s*(КЛАСС|КЛ\.?)$/u, '')
    .trim();
  if (text === '') return null;
  text = text.replace(/^КЛАСС\s*/u, '');
  const m = CLASS_RE.exec(text);
  if (!m) return null;
  const grade = Number(m[1]);
  if (!Number.isInteger(grade) || grade < MIN_GRADE || grade > MAX_GRADE || m[1]!.startsWith('0')) return null;
  return `${grade}${m[2]!}`;
}

/** Orders `6А` classes by grade, then by letter. */
export function compareClasses(a: string, b: string): number {
  const ga = Number.parseInt(a, 10);
  const gb = Number.parseInt(b, 10);
  if (ga !== gb) return (Number.isNaN(ga) ? 99 : ga) - (Number.isNaN(gb) ? 99 : gb);
  return a.localeCompare(b, 'ru');
}

// ---------------------------------------------------------------------------------------------
// Dates

export type DateResult = { ok: true; value: string } | { ok: false; reason: 'format' | 'impossible' };

/** Excel's day 0 is 1899-12-30 for every serial after the fictitious 1900-02-29 (serial 60). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
/** Dates outside these years are not dates of anybody's life in this app. */
export const MIN_DATE_YEAR = 1900;
export const MAX_DATE_YEAR = 2100;

const pad2 = (n: number): string => String(n).padStart(2, '0');

function isoOf(y: number, m: number, d: number): DateResult {
  if (y < MIN_DATE_YEAR || y > MAX_DATE_YEAR || m < 1 || m > 12 || d < 1 || d > 31) return { ok: false, reason: 'impossible' };
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return { ok: false, reason: 'impossible' };
  return { ok: true, value: `${y}-${pad2(m)}-${pad2(d)}` };
}

/** Excel serial day number (1900 date system) → `YYYY-MM-DD`. The time of day is ignored. */
export function excelSerialToIso(serial: number): DateResult {
  if (!Number.isFinite(serial) || serial < 1) return { ok: false, reason: 'impossible' };
  const day = Math.floor(serial);
  if (day === 60) return { ok: false, reason: 'impossible' }; // 1900-02-29 exists only in Excel
  const t = new Date(day < 60 ? Date.UTC(1899, 11, 31) + day * DAY_MS : EXCEL_EPOCH_MS + day * DAY_MS);
  return isoOf(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** `Date` → `YYYY-MM-DD` by its UTC calendar day (spreadsheet readers give dates at UTC midnight). */
export function dateObjectToIso(d: Date): DateResult {
  if (Number.isNaN(d.getTime())) return { ok: false, reason: 'format' };
  return isoOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

const DMY_RE = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?:\s*г\.?)?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/u;
const YMD_RE = /^(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const SERIAL_RE = /^\d{5}(?:[.,]\d+)?$/;
/** Eight digits, a date typed without separators: always day, month, year (`10082013`). */
const DMY8_RE = /^(\d{2})(\d{2})(\d{4})$/;
/** Day, month and year typed with commas or spaces between them (`15,03,2014`, `15 03 2014`): forms only. */
const KEYPAD_DMY_RE = /^(\d{1,2})(?:\s*,\s*|\s+)(\d{1,2})(?:\s*,\s*|\s+)(\d{4})$/;

/**
 * A date as schools write it → `YYYY-MM-DD`: `05.03.2012`, `5.3.2012`, `05/03/2012`, `05-03-2012`
 * (always day first), `2012-03-05`, `05.03.2012 0:00:00` (time dropped), `5.3.2012 г.`, eight digits
 * as ДДММГГГГ (`05032012`), an Excel serial day number (`40973`, five digits, as CSV exports of date
 * cells sometimes hold), a `Date`.
 * `format`: not a date at all; `impossible`: looks like a date that does not exist (`31.02.2013`)
 * or lies outside 1900–2100.
 */
export function parseDate(value: string | number | Date): DateResult {
  if (value instanceof Date) return dateObjectToIso(value);
  if (typeof value === 'number') return excelSerialToIso(value);
  const text = cleanText(value);
  if (text === '') return { ok: false, reason: 'format' };
  let m = DMY_RE.exec(text);
  if (m) return isoOf(Number(m[3]), Number(m[2]), Number(m[1]));
  m = YMD_RE.exec(text);
  if (m) return isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
  m = DMY8_RE.exec(text);
  if (m) return isoOf(Number(m[3]), Number(m[2]), Number(m[1]));
  if (SERIAL_RE.test(text)) return excelSerialToIso(Number(text.replace(',', '.')));
  return { ok: false, reason: 'format' };
}

/**
 * A date a person types into a form: `parseDate` (the importer's reading, so a date means the same
 * in a file and in a field), except that a bare five-digit number is not a spreadsheet serial day
 * here but a typo.
 */
export function parseTypedDate(text: string): DateResult {
  const clean = cleanText(text);
  if (SERIAL_RE.test(clean)) return { ok: false, reason: 'format' };
  // A phone's number keypad often has no dot, and a Russian one's decimal key is a comma.
  const keypad = KEYPAD_DMY_RE.exec(clean);
  if (keypad) return isoOf(Number(keypad[3]), Number(keypad[2]), Number(keypad[1]));
  return parseDate(clean);
}

/** A student's age bounds, in full years on the import day (see `checkStudentBirthDate`). */
export const STUDENT_MIN_AGE = 5;
export const STUDENT_MAX_AGE = 25;

/** Today's calendar date in local time, `YYYY-MM-DD`. */
export function isoDay(d: Date): string {
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

function shiftYears(iso: string, years: number): string {
  return `${String(Number(iso.slice(0, 4)) + years).padStart(4, '0')}${iso.slice(4)}`;
}

/**
 * Plausibility of a student's birth date (`YYYY-MM-DD`) on `today` (`YYYY-MM-DD`): not in the future,
 * the child is at least 5 and at most 25 full years old. First-graders are 6½–8 (exceptions from
 * 6 and a little earlier), a list may be imported months before September; adult and evening-school
 * students stay under 25. Anything outside is a typo (`2102` for `2012`, a parent's birth date).
 */
export function checkStudentBirthDate(iso: string, today: string): 'ok' | 'future' | 'too_young' | 'too_old' {
  if (iso > today) return 'future';
  if (iso > shiftYears(today, -STUDENT_MIN_AGE)) return 'too_young';
  if (iso <= shiftYears(today, -(STUDENT_MAX_AGE + 1))) return 'too_old';
  return 'ok';
}

// ---------------------------------------------------------------------------------------------
// Phones

const PHONE_CHARS = /^[\d\s()+\-.–—]+$/;

/** A Russian mobile number (+7 9…), as normalized: the only kind an SMS code can reach. The roster keeps
 * any phone; recovery contacts (the portal's form, the desk's «Исправить контакты») must be one of these. */
export const isMobilePhone = (e164: string): boolean => /^\+79\d{9}$/.test(e164);

/**
 * The number of digits of a mobile number typed with the wrong count (+7 or 8 and then 9…, but not
 * eleven digits; 9… without them, but not ten), else null: a digit short reads as a landline
 * otherwise (8 928 775 74 5 is ten digits, +7 892 877-57-45), and «needs a mobile» would mislead.
 */
export function mobileDigitsMiscount(typed: string): number | null {
  const digits = typed.replace(/\D/g, '');
  if (/^[78]9/.test(digits)) return digits.length === 11 ? null : digits.length;
  if (/^9/.test(digits)) return digits.length === 10 ? null : digits.length;
  return null;
}

/**
 * A Russian phone number → `+7XXXXXXXXXX`: `8 (902) 170-28-76`, `+7 902 170 28 76`, `89021702876`,
 * `79021702876`, `9021702876`, `8-902-1702876`; numbers too (spreadsheets store phones as numbers).
 * Anything else (other countries, extensions, letters, too few digits) → `null`.
 */
export function normalizePhone(value: string | number): string | null {
  const text = typeof value === 'number' ? (Number.isInteger(value) ? String(value) : '') : cleanText(value);
  if (text === '') return null;
  const digitCount = phoneDigits(text);
  if (digitCount < 0) return null;
  const plus = text.trimStart().startsWith('+');
  if (text.indexOf('+') > 0 || text.lastIndexOf('+') !== text.indexOf('+')) return null;
  const digits = digitCount === text.length ? text : text.replace(/\D/g, '');
  let national: string;
  if (digits.length === 11 && (digits[0] === '7' || (digits[0] === '8' && !plus))) national = digits.slice(1);
  else if (digits.length === 10 && !plus) national = digits;
  else return null;
  const lead = national.charCodeAt(0);
  if (lead < 0x33 || lead > 0x39) return null; // 3–9
  return `+7${national}`;
}

/**
 * The number of digits of a phone as typed, or -1 when it has a character no phone has (the test
 * `PHONE_CHARS` makes, in one loop over the common characters; anything else asks the expression).
 */
function phoneDigits(text: string): number {
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) digits++;
    else if (c !== 0x20 && c !== 0x28 && c !== 0x29 && c !== 0x2b && c !== 0x2d && c !== 0x2e && c !== 0x2013 && c !== 0x2014)
      return PHONE_CHARS.test(text) ? text.replace(/\D/g, '').length : -1;
  }
  return digits;
}

// ---------------------------------------------------------------------------------------------
// Email

const EMAIL_RE =
  /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+)*@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+(?:\p{L}{2,63}|xn--[a-z0-9-]{1,59})$/u;

/**
 * An email: trimmed, lower case, `mailto:` dropped. `null` when it is not one address (a formula
 * like `=HYPERLINK(…)`, two addresses in one cell, spaces, no domain …).
 */
export function normalizeEmail(s: string): string | null {
  let text = cleanText(s).toLowerCase();
  if (text.startsWith('mailto:')) text = text.slice(7);
  if (text === '' || text.length > 254 || /^[=+\-@]/.test(text)) return null;
  return isPlainEmail(text) || EMAIL_RE.test(text) ? text : null;
}

const isAsciiAlnum = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
/** The other characters `EMAIL_RE` allows in the local part: ``!#$%&'*+/=?^_`{|}~-``. */
const LOCAL_EXTRA = new Set([..."!#$%&'*+/=?^_`{|}~-"].map((c) => c.charCodeAt(0)));

/**
 * The common address in lower-case ASCII (`ivanova.m-2012@mail.ru`) read without the Unicode
 * expression, which costs more than the rest of a row: `true` only when `EMAIL_RE` matches too (dot-separated
 * atoms, one `@`, labels of 1–63 letters, digits and inner hyphens, a final label of 2–63 letters).
 * `false` means «ask `EMAIL_RE`», never «invalid».
 */
function isPlainEmail(text: string): boolean {
  const at = text.indexOf('@');
  if (at <= 0) return false;
  let prev = 0x2e; // a dot: no atom may start empty
  for (let i = 0; i < at; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2e) {
      if (prev === 0x2e) return false;
    } else if (!isAsciiAlnum(c) && !LOCAL_EXTRA.has(c)) return false;
    prev = c;
  }
  if (prev === 0x2e) return false;
  let labelStart = at + 1;
  let labels = 0;
  for (let i = labelStart; i <= text.length; i++) {
    const c = i === text.length ? 0x2e : text.charCodeAt(i);
    if (c !== 0x2e) {
      if (!isAsciiAlnum(c) && c !== 0x2d) return false;
      continue;
    }
    const len = i - labelStart;
    if (len < 1 || len > 63 || text.charCodeAt(labelStart) === 0x2d || text.charCodeAt(i - 1) === 0x2d) return false;
    labels++;
    if (i === text.length) {
      // the final label: 2–63 letters
      if (labels < 2 || len < 2) return false;
      for (let j = labelStart; j < i; j++) {
        const d = text.charCodeAt(j);
        if (d < 0x61 || d > 0x7a) return false;
      }
    }
    labelStart = i + 1;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Sex

const SEX_VALUES: Readonly<Record<string, Sex>> = {
  м: 'M',
  муж: 'M',
  мужской: 'M',
  мальчик: 'M',
  m: 'M',
  male: 'M',
  boy: 'M',
  ж: 'F',
  жен: 'F',
  женский: 'F',
  девочка: 'F',
  f: 'F',
  female: 'F',
  girl: 'F',
  w: 'F',
};

/** `М/Ж/м/ж/муж/жен/мужской/женский/M/F/male/female` (Cyrillic or Latin `M`) → `M`/`F`; else `null`. */
export function normalizeSex(s: string): Sex | null {
  const key = fold(s).replace(/[.\s]/g, '');
  return SEX_VALUES[key] ?? null;
}

// ---------------------------------------------------------------------------------------------
// Keys

/** A student's match key inside a file: folded full name + birth date. */
export function studentKey(p: PersonName, birthDate: string): string {
  return `${nameKey(p)}|${birthDate}`;
}
