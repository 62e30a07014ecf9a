// Text encodings of CSV files: UTF-8 (with or without BOM) when the bytes are valid UTF-8,
// otherwise Windows-1251 (what Russian Excel writes for "CSV (разделители — точка с запятой)").
// UTF-16 with a BOM (Excel's "Текст Юникод") is read too; it is reported as encoding `null`.

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
      : iconv.decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), 'win1251');
  return { text, encoding };
}
