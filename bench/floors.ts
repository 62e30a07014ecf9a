// The raw floors the benchmark sets each figure beside: the least work that the same result needs,
// measured in the same run on the same data, so that the ratio means the same on a fast machine
// and a slow one.
//
// - reading the file: the same bytes decoded (iconv-lite, Windows-1251 as generated) and split
//   into cells (papaparse), no roster logic;
// - writing the roster: the very rows the import wrote (classes, people, links), read back from
//   its database before the clock starts and inserted with prepared statements into a fresh
//   database of the same schema and PRAGMAs, in one transaction — no matching, no checks;
// - reading the roster: every class, person and link selected from the imported database;
// - plain pages: the slips' text, page by page, as plain paragraphs with one small PNG per QR code.
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { toDataURL } from 'qrcode';
import { openDatabase, type Db } from '../src-main/core/db/database.ts';
import { measure, scratchDir, type Took } from './clock.ts';

export interface Part extends Took {
  label: string;
}

export const sum = (parts: readonly Took[]): Took => ({
  wallMs: parts.reduce((n, p) => n + p.wallMs, 0),
  cpuMs: parts.reduce((n, p) => n + p.cpuMs, 0),
});

/** Decode and split the file into cells: the least any import of it must do. */
export async function readFileFloor(bytes: Uint8Array): Promise<Part[]> {
  const decoded = await measure(() => iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'win1251'));
  const parsed = await measure(() => Papa.parse<string[]>(decoded.value, { delimiter: ';', newline: '\r\n' }).data.length);
  if (parsed.value < 2) throw new Error('the floor read no rows: the generated file has changed its shape');
  return [
    { label: 'decode', wallMs: decoded.wallMs, cpuMs: decoded.cpuMs },
    { label: 'parse', wallMs: parsed.wallMs, cpuMs: parsed.cpuMs },
  ];
}

const TABLES = {
  classes: 'SELECT id, grade, letter, teacher_id, created_at FROM classes ORDER BY id',
  people: `SELECT id, kind, surname, name, patronymic, name_key, birth_date, sex, class_id, external_id, phone, email,
             archived_at, created_at, updated_at FROM people ORDER BY id`,
  guardianships: 'SELECT guardian_id, student_id, relation, created_at FROM guardianships',
} as const;

const INSERTS = {
  classes: 'INSERT INTO classes (id, grade, letter, teacher_id, created_at) VALUES (?, ?, ?, ?, ?)',
  people: `INSERT INTO people (id, kind, surname, name, patronymic, name_key, birth_date, sex, class_id, external_id, phone, email,
             archived_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  guardianships: 'INSERT INTO guardianships (guardian_id, student_id, relation, created_at) VALUES (?, ?, ?, ?)',
} as const;

/**
 * The rows `source` holds, inserted into a fresh database (same migrations, same PRAGMAs, in a scratch
 * folder) in one transaction. Returns the time of the inserts and the commit.
 */
export async function writeRosterFloor(source: Db): Promise<Part & { rows: number }> {
  const rows = Object.fromEntries(
    Object.entries(TABLES).map(([table, query]) => [table, source.prepare(query).raw().all() as unknown[][]]),
  ) as Record<keyof typeof TABLES, unknown[][]>;
  const file = path.join(scratchDir('floor'), 'floor.sqlite');
  const db = await openDatabase(file);
  try {
    const statements = Object.fromEntries(Object.entries(INSERTS).map(([t, q]) => [t, db.prepare(q)])) as Record<
      keyof typeof INSERTS,
      ReturnType<Db['prepare']>
    >;
    const took = await measure(() =>
      db
        .transaction(() => {
          for (const table of ['classes', 'people', 'guardianships'] as const) {
            const st = statements[table];
            for (const r of rows[table]) st.run(r);
          }
        })
        .immediate(),
    );
    const n = rows.classes.length + rows.people.length + rows.guardianships.length;
    return { label: 'insert', wallMs: took.wallMs, cpuMs: took.cpuMs, rows: n };
  } finally {
    db.close();
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  }
}

/** Every class, person and link selected from the database, as objects. */
export async function readRosterFloor(db: Db): Promise<Part> {
  const took = await measure(() => {
    let n = 0;
    for (const query of Object.values(TABLES)) n += db.prepare(query).all().length;
    return n;
  });
  return { label: 'read roster', wallMs: took.wallMs, cpuMs: took.cpuMs };
}

// ---- printing ----

const decodeEntities = (s: string): string =>
  s.replace(/&(lt|gt|quot|#39|amp);/g, (_m, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e] ?? '');

/** The text of every slip of a printout, in order (markup, QR codes and the stylesheet left out). */
export function slipTexts(doc: string): string[] {
  const body = doc.slice(doc.indexOf('<body'));
  return body
    .split(/<article class="slip/)
    .slice(1)
    .map((part) =>
      decodeEntities(
        part
          .slice(part.indexOf('>') + 1, part.indexOf('</article>'))
          .replace(/<svg[\s\S]*?<\/svg>/g, ' ')
          .replace(/<[^>]*>/g, ' '),
      )
        .replace(/\s+/g, ' ')
        .trim(),
    );
}

/** One small PNG (data: URL) of each QR code: what the plain pages show in their place. */
export function qrPngs(texts: readonly string[]): Promise<string[]> {
  return Promise.all(texts.map((t) => toDataURL(t, { errorCorrectionLevel: 'M', margin: 2, scale: 2 })));
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The plain document: `perPage` blocks to an A4 page, each the slip's text as one paragraph and
 * its QR code as one image, in the printout's font.
 */
export function plainPagesHtml(texts: readonly string[], pngs: readonly string[], perPage: number): string {
  const pages: string[] = [];
  for (let at = 0; at < texts.length; at += perPage) {
    const blocks = texts
      .slice(at, at + perPage)
      .map((t, i) => `<div class="b"><p>${esc(t)}</p><img src="${pngs[at + i]}" alt=""></div>`)
      .join('');
    pages.push(`<div class="page n${perPage}">${blocks}</div>`);
  }
  return `<!doctype html><html lang="ru"><head><meta charset="utf-8"><style>
@page { size: A4; margin: 0; }
body { margin: 0; font: 9pt/1.3 "Noto Sans", "DejaVu Sans", sans-serif; }
.page { width: 210mm; height: 297mm; overflow: hidden; break-after: page; }
.b { float: left; box-sizing: border-box; padding: 8mm; width: 100%; height: 100%; }
.n2 .b { height: 50%; }
.n4 .b { width: 50%; height: 50%; font-size: 7pt; }
img { display: block; width: 30mm; height: 30mm; margin-top: 2mm; }
</style></head><body>${pages.join('')}</body></html>`;
}
