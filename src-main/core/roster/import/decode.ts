// Text encodings of CSV files: UTF-8 (with or without BOM) when the bytes are valid UTF-8,
// otherwise Windows-1251 (what Russian Excel writes for "CSV (разделители — точка с запятой)").
// KOI8-R (old Unix and mail exports) is read when chosen, and offered when a file read as
// Windows-1251 reads as Russian only in KOI8-R. UTF-16 with a BOM (Excel's "Текст Юникод") is read
// too; it is reported as encoding `null`.

import iconv from 'iconv-lite';
import type { Encoding } from '../../../../src-shared/roster/types.ts';

const UTF8_BOM = [0xef, 0xbb, 0xbf];

const hasUtf8Bom = (b: Uint8Array): boolean => UTF8_BOM.every((x, i) => b[i] === x);

export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The encoding the bytes are most likely in. */
export function detectEncoding(bytes: Uint8Array): Encoding {
  return hasUtf8Bom(bytes) || isValidUtf8(bytes) ? 'utf8' : 'cp1251';
}

/** Decodes text bytes: the forced encoding, else the detected one. A BOM never reaches the text. */
export function decodeText(bytes: Uint8Array, forced?: Encoding): { text: string; encoding: Encoding | null } {
  if (!forced && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: null };
  if (!forced && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes), encoding: null };
  const body = hasUtf8Bom(bytes) ? bytes.subarray(3) : bytes;
  if (!forced) {
    try {
      return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body), encoding: 'utf8' };
    } catch {
      // not UTF-8: Windows-1251
    }
  }
  const encoding = forced ?? (hasUtf8Bom(bytes) ? 'utf8' : 'cp1251');
  const text =
    encoding === 'utf8'
      ? new TextDecoder('utf-8', { ignoreBOM: true }).decode(body)
      : iconv.decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), encoding === 'koi8r' ? 'koi8-r' : 'win1251');
  return { text, encoding };
}

// Text read in the wrong encoding. UTF-8 read as Windows-1251 turns every Cyrillic letter into
// «Р» or «С» and a character from the upper half of the code page («РРІР°РЅРѕРІ» for «Иванов»);
// Windows-1251 read as UTF-8 gives replacement characters; DOS (866) read as 1251 is full of
// letters no Russian name has (Ђ, Џ, љ, ‰ …).
const UPPER_HALF = '\\u0080-\\u00bf\\u0402-\\u040f\\u0452-\\u045f\\u0490\\u0491\\u2010-\\u203a\\u20ac\\u2116\\u2122';
// «Рё» is «и» garbled; «Сё» is a real syllable (Сёмин), so ё and Ё count after «Р» only.
const MOJIBAKE_PAIR = new RegExp(`Р[${UPPER_HALF}ёЁ]|С[${UPPER_HALF}]`, 'gu');
// Not І і Ї ї Є є Ў ў ґ: Ukrainian and Belarusian names have them.
const ODD =
  /[\u0402\u0403\u0405\u0408-\u040d\u040f\u0452\u0453\u0455\u0458-\u045d\u045f\u0490\u201a\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122\u00a4\u00a6\u00a7\u00a9\u00ac\u00ae\u00b0\u00b1\u00b5\u00b6\u00b7]/gu;
const CYRILLIC_LETTER = /[\u0400-\u04ff]/gu;
const REPLACEMENT = /\ufffd/gu;
const SCANNED = 64 * 1024;
/** Below this many Cyrillic letters there is too little text to tell (or nothing Cyrillic to garble). */
const MIN_LETTERS = 10;

/**
 * Whether decoded text looks read in the wrong encoding (its first 64 K characters are looked at).
 * One in ten letters garbled is garbling; a stray broken character in a good file is not.
 */
export function looksGarbled(text: string): boolean {
  const head = text.slice(0, SCANNED);
  const count = (re: RegExp) => head.match(re)?.length ?? 0;
  const replaced = count(REPLACEMENT);
  const letters = count(CYRILLIC_LETTER) + replaced;
  if (letters < MIN_LETTERS) return false;
  const many = (n: number) => n >= 3 && n >= letters * 0.1;
  return many(replaced) || many(count(MOJIBAKE_PAIR)) || many(count(ODD));
}

// KOI8-R and Windows-1251 both put the Cyrillic letters in their upper half, in another order: a
// file in one read as the other is all Cyrillic letters, with no tell-tale character — only the
// wrong letters («лМБУУ» for «Класс»). Russian text is mostly its fifteen commonest letters (about
// 85% of the letters of a roster); read in the other code page, about half.
const COMMON_LETTERS = new Set([...'оеаинтсрвлкмдпу'].map((ch) => ch.charCodeAt(0)));
const MIN_SCORED_LETTERS = 20;

/** The share of the commonest Russian letters among the Cyrillic letters; null when too few to tell. */
export function russianLetterShare(text: string): number | null {
  let letters = 0;
  let common = 0;
  const head = text.slice(0, SCANNED).toLowerCase();
  // By character code: iterating the string would make a string of every character.
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if ((c >= 0x430 && c <= 0x44f) || c === 0x451) {
      letters++;
      if (COMMON_LETTERS.has(c)) common++;
    }
  }
  return letters < MIN_SCORED_LETTERS ? null : common / letters;
}

const READS_AS_RUSSIAN = 0.75;
const READS_WRONG = 0.65;

/** The other single-byte Cyrillic code page, when it (and not the one read) gives Russian text. */
function otherCodePage(bytes: Uint8Array, read: { text: string; encoding: Encoding }): Encoding | null {
  if (read.encoding === 'utf8') return null;
  const other: Encoding = read.encoding === 'cp1251' ? 'koi8r' : 'cp1251';
  const share = russianLetterShare(read.text);
  if (share === null || share >= READS_WRONG) return null;
  const otherShare = russianLetterShare(decodeText(bytes.subarray(0, SCANNED * 2), other).text);
  return otherShare !== null && otherShare >= READS_AS_RUSSIAN ? other : null;
}

/**
 * When the text as read looks garbled: whether it does, and the encoding that reads the same bytes
 * cleanly, if one does (the wizard offers it). UTF-16 is never garbled: its BOM says what it is.
 */
export function encodingCheck(
  bytes: Uint8Array,
  read: { text: string; encoding: Encoding | null },
): { garbled: boolean; betterEncoding: Encoding | null } {
  if (read.encoding === null) return { garbled: false, betterEncoding: null };
  const swapped = otherCodePage(bytes, { text: read.text, encoding: read.encoding });
  if (swapped) return { garbled: true, betterEncoding: swapped };
  if (!looksGarbled(read.text)) return { garbled: false, betterEncoding: null };
  const other: Encoding = read.encoding === 'utf8' ? 'cp1251' : 'utf8';
  // A prefix of the bytes is enough (a UTF-8 letter cut in two at its end is no garbling).
  const head = decodeText(bytes.subarray(0, SCANNED * 2), other).text.replace(/\ufffd+$/u, '');
  return { garbled: true, betterEncoding: looksGarbled(head) ? null : other };
}
