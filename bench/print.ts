// Only the printing section of `npm run bench` (6): 1,000 slips to PDF, 4 and 1 per page, beside
// the plain pages' floor, with the same figures and ratios — for iterating on the slips' markup and
// styles without the import, search and CLI sections. With a folder as third argument, the last
// run's documents are saved there (slips-N.html, slips-N.pdf,
// plain-N.html, plain-N.pdf) to look at and to time variants of (bench/variants.ts).
//
//   node bench/print.ts [slips] [repeats] [folder]      (default 1000, 1)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateRoster } from './generate.ts';
import type { Took } from './clock.ts';
import { benchPrinting } from './printing.ts';
import { openBenchSchool } from './school.ts';

const SLIPS = Number(process.argv[2] ?? 1000);
const REPEATS = Number(process.argv[3] ?? 1);
const OUT = process.argv[4];
const s = (t: Took) => `${(t.cpuMs / 1000).toFixed(2)} s CPU (${(t.wallMs / 1000).toFixed(2)} s wall)`;
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(', ');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kurator-bench-print-'));
const { core, actor } = await openBenchSchool(tmp);
try {
  await core.roster.importFile(actor, generateRoster(SLIPS).bytes, 'district.csv', {}, false);
  if (OUT) fs.mkdirSync(OUT, { recursive: true });
  for (let run = 0; run < REPEATS; run++) {
    const saved = OUT && run === REPEATS - 1 ? OUT : undefined;
    const printing = await benchPrinting(core, actor, SLIPS, saved);
    console.log(`run ${run + 1} (load ${load()})`);
    for (const p of printing.layouts) {
      const ratio = p.pdf.cpuMs / p.plain.cpuMs;
      console.log(
        `  ${p.layout}/page  slips ${s(p.pdf)}  floor ${s(p.plain)}  ${ratio.toFixed(2)}×  ` +
          `(HTML ${(p.htmlBytes / 1024 / 1024).toFixed(2)} MB built in ${s(p.html)}; PDF ${(p.pdfBytes / 1024 / 1024).toFixed(1)} MB)`,
      );
    }
  }
} finally {
  core.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}
