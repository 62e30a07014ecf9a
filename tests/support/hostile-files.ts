// Spreadsheets built to hurt: ZIP bombs whose directory declares small sizes. Built in a blink
// without inflating anything: a run of spaces deflated once with a full flush is a self-contained
// piece of a deflate stream, and repeating it repeats its output.
import zlib from 'node:zlib';

const FULL = { finishFlush: zlib.constants.Z_FULL_FLUSH };

/** A raw deflate stream that inflates to `head`, `repeat` MiB of spaces, then `tail`. */
export function deflateBomb(head: string, repeatMiB: number, tail: string): Buffer {
  const spaces = zlib.deflateRawSync(Buffer.alloc(1024 * 1024, 0x20), { ...FULL, level: 9 });
  return Buffer.concat([
    zlib.deflateRawSync(Buffer.from(head), FULL),
    ...Array.from({ length: repeatMiB }, () => spaces),
    zlib.deflateRawSync(Buffer.from(tail)),
  ]);
}

export interface ZipEntrySpec {
  name: string;
  /** Stored as is (a text part), or an already deflated stream. */
  data: Buffer;
  deflated?: boolean;
  /** The uncompressed size the directory claims (the truth for stored parts unless given). */
  declaredSize?: number;
}

/** A ZIP archive whose central directory says what the spec says, true or not. */
export function zipOf(entries: readonly ZipEntrySpec[]): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const method = e.deflated ? 8 : 0;
    const size = e.declaredSize ?? e.data.length;
    const crc = e.deflated ? 0 : zlib.crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(method, 10);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(e.data.length, 20);
    dir.writeUInt32LE(size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    chunks.push(local, name, e.data);
    central.push(dir, name);
    offset += 30 + name.length + e.data.length;
  }
  const size = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...central, end]);
}

const XLSX_PARTS: Record<string, string> = {
  '[Content_Types].xml':
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
    '</Types>',
  '_rels/.rels':
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
    '</Relationships>',
  'xl/workbook.xml':
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Лист1" sheetId="1" r:id="rId1"/></sheets></workbook>',
  'xl/_rels/workbook.xml.rels':
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
    '</Relationships>',
};

const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
  '<row r="1"><c r="A1" t="inlineStr"><is><t>Класс</t></is></c></row>';
const SHEET_TAIL = '</sheetData></worksheet>';

/** An .xlsx whose sheet inflates to `mib` MiB (mostly spaces) while its directory claims 1 KB. */
export function xlsxBomb(mib: number): Buffer {
  return zipOf([
    ...Object.entries(XLSX_PARTS).map(([name, text]) => ({ name, data: Buffer.from(text) })),
    { name: 'xl/worksheets/sheet1.xml', data: deflateBomb(SHEET_HEAD, mib, SHEET_TAIL), deflated: true, declaredSize: 1024 },
  ]);
}

/** An .ods whose content.xml inflates to `mib` MiB while its directory claims 1 KB. */
export function odsBomb(mib: number): Buffer {
  const head =
    '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ' +
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">' +
    '<office:body><office:spreadsheet><table:table table:name="Лист1">';
  const tail = '</table:table></office:spreadsheet></office:body></office:document-content>';
  return zipOf([
    { name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.spreadsheet') },
    { name: 'content.xml', data: deflateBomb(head, mib, tail), deflated: true, declaredSize: 1024 },
  ]);
}

/** An .ods of a few hundred bytes asking for one value in `columns` × `rows` cells. */
export function odsRepeatBomb(columns: number, rows: number): Buffer {
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ' +
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">' +
    '<office:body><office:spreadsheet><table:table table:name="Лист1">' +
    `<table:table-row table:number-rows-repeated="${rows}"><table:table-cell table:number-columns-repeated="${columns}" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>` +
    '</table:table></office:spreadsheet></office:body></office:document-content>';
  return zipOf([
    { name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.spreadsheet') },
    { name: 'content.xml', data: Buffer.from(xml) },
  ]);
}
