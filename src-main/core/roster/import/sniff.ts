// What kind of file the bytes are, by their content (never by the name): a ZIP (XLSX, ODS), an OLE
// compound file (XLS), text for the CSV reader, or a refusal for anything that is not a table.

import { AppError } from '../../../../src-shared/result.ts';

export type Sniffed = 'zip' | 'ole' | 'text';

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0): boolean =>
  b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

const IMAGES: readonly (readonly number[])[] = [
  [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  ascii('GIF87a'),
  ascii('GIF89a'),
  [0x49, 0x49, 0x2a, 0x00], // TIFF
  [0x4d, 0x4d, 0x00, 0x2a],
];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // .xls (also .doc, password-protected .xlsx)
const PDF = ascii('%PDF-');
const OTHER_BINARY: readonly (readonly number[])[] = [
  [0x1f, 0x8b], // gzip
  ascii('Rar!'),
  [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], // 7z
  [0x7f, 0x45, 0x4c, 0x46], // ELF
];

export const hasUtf16Bom = (b: Uint8Array): boolean => startsWith(b, [0xff, 0xfe]) || startsWith(b, [0xfe, 0xff]);

function looksBinary(b: Uint8Array): boolean {
  if (hasUtf16Bom(b)) return false;
  const n = Math.min(b.length, 64 * 1024);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i]!;
    if (c === 0) return true;
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) control++;
  }
  return control > n / 100;
}

/** Classifies the bytes or throws an `import.*` AppError for what is no table. */
export function sniff(bytes: Uint8Array, fileName: string): Sniffed {
  if (bytes.length === 0) throw new AppError('import.empty');
  if (IMAGES.some((s) => startsWith(bytes, s)) || (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8))) {
    throw new AppError('import.image', { fileName });
  }
  if (startsWith(bytes, PDF)) throw new AppError('import.pdf', { fileName });
  if (startsWith(bytes, OLE)) return 'ole';
  if (startsWith(bytes, ZIP) || startsWith(bytes, ZIP_EMPTY)) return 'zip';
  if (OTHER_BINARY.some((s) => startsWith(bytes, s)) || looksBinary(bytes)) throw new AppError('import.binary', { fileName });
  return 'text';
}
