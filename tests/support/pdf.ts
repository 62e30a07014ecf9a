// Reading PDFs back the way a person (or a phone) would: poppler for text and pages, zbar for QR codes.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function withTempDir<T>(fn: (dir: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kurator-print-'));
  try {
    return fn(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function writePdf(dir: string, pdf: Buffer): string {
  const file = path.join(dir, 'doc.pdf');
  fs.writeFileSync(file, pdf);
  return file;
}

/** `pdftotext` output (with `-layout` unless told otherwise), optionally of one page. */
export function pdfText(pdf: Buffer, opts: { layout?: boolean; page?: number } = {}): string {
  return withTempDir((dir) => {
    const args = [...(opts.layout === false ? [] : ['-layout']), '-enc', 'UTF-8'];
    if (opts.page !== undefined) args.push('-f', String(opts.page), '-l', String(opts.page));
    return execFileSync('pdftotext', [...args, writePdf(dir, pdf), '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  });
}

export function pdfPages(pdf: Buffer): number {
  return withTempDir((dir) => {
    const info = execFileSync('pdfinfo', [writePdf(dir, pdf)], { encoding: 'utf8' });
    const m = /^Pages:\s+(\d+)/m.exec(info);
    if (!m?.[1]) throw new Error(`pdfinfo: no page count in\n${info}`);
    return Number(m[1]);
  });
}

/** Page size in mm (first page). */
export function pdfPageSizeMm(pdf: Buffer): { width: number; height: number } {
  return withTempDir((dir) => {
    const info = execFileSync('pdfinfo', [writePdf(dir, pdf)], { encoding: 'utf8' });
    const m = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info);
    if (!m?.[1] || !m[2]) throw new Error(`pdfinfo: no page size in\n${info}`);
    const mm = (pt: string) => (Number(pt) * 25.4) / 72;
    return { width: mm(m[1]), height: mm(m[2]) };
  });
}

/**
 * Every QR code on every page (rasterized at `dpi`), decoded, per page. Grey uncompressed TIFF and one
 * zbarimg for all pages: PNG compression and a zbarimg start per page took most of a print test's time.
 *
 * `expected`: how many codes the pages hold in all. When fewer were read, the pages are read once more
 * at 1.5 × `dpi` and each page's codes joined: zbar now and then misses one sharp 29 mm code of a
 * page at 150 dpi (once in CI: 1 of 69; none in 801 tried here), and a code a phone can read is what
 * the test is after, not one resolution of a scanner.
 */
export function pdfQrCodes(pdf: Buffer, dpi = 150, expected?: number): string[][] {
  const first = readQrCodes(pdf, dpi);
  if (expected === undefined || first.flat().length >= expected) return first;
  const again = readQrCodes(pdf, Math.round(dpi * 1.5));
  return first.map((codes, i) => [...new Set([...codes, ...(again[i] ?? [])])]);
}

function readQrCodes(pdf: Buffer, dpi: number): string[][] {
  return withTempDir((dir) => {
    execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-tiff', '-tiffcompression', 'none', writePdf(dir, pdf), path.join(dir, 'page')]);
    const pageNumber = (f: string) => Number(/(\d+)\.tif$/.exec(f)?.[1]);
    const pages = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.tif'))
      .sort((a, b) => pageNumber(a) - pageNumber(b));
    // Only QR codes are looked for: with every symbology on, zbar now and then reads a linear
    // barcode into the large printed code or the cut marks. zbarimg exits 4 when an image has no
    // symbol: that page's list is empty, not an error. Every image it read is a <source>.
    const r = spawnSync('zbarimg', ['--xml', '-q', '-Sdisable', '-Sqrcode.enable', ...pages], {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.status !== 0 && r.status !== 4) throw new Error(`zbarimg failed (${r.status}): ${r.stderr}`);
    const found = new Map<string, string[]>();
    for (const [, href, body] of r.stdout.matchAll(/<source href='([^']*)'>([\s\S]*?)<\/source>/g)) {
      found.set(
        href!,
        [...body!.matchAll(/<data><!\[CDATA\[([\s\S]*?)\]\]><\/data>/g)].map((m) => m[1]!),
      );
    }
    return pages.map((page) => {
      const codes = found.get(page);
      if (!codes) throw new Error(`zbarimg did not report page ${page}:\n${r.stdout}`);
      return codes;
    });
  });
}

/** One page as 8-bit grey pixels (0 black, 255 white) at `dpi`, row by row. */
export function pdfPageGrey(pdf: Buffer, page: number, dpi: number): { width: number; height: number; at(x: number, y: number): number } {
  return withTempDir((dir) => {
    const out = path.join(dir, 'page');
    execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-singlefile', '-f', String(page), '-l', String(page), writePdf(dir, pdf), out]);
    const pgm = fs.readFileSync(`${out}.pgm`);
    // Binary PGM: "P5", width, height, maxval, each followed by one whitespace byte, then the pixels.
    const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'));
    if (!header) throw new Error('pdftoppm wrote no PGM');
    const [whole, width, height] = [header[0].length, Number(header[1]), Number(header[2])];
    const pixels = pgm.subarray(whole);
    return { width, height, at: (x, y) => pixels[y * width + x]! };
  });
}
