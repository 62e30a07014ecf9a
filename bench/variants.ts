// Times saved HTML documents through the printouts' PDF renderer, for bisecting what the slips'
// markup and styles cost: each round renders every file once (the order reversed every other round,
// so a machine getting busier favours none), and the medians are printed with each file's ratio to
// the first one (pass the plain pages first: `node bench/print.ts 1000 1 dir` saves them).
//
//   node bench/variants.ts [rounds] a.html b.html ...      (rounds default 3)
import fs from 'node:fs';
import path from 'node:path';
import { createPdfRenderer } from '../src-main/core/print/index.ts';
import { measure, type Took } from './clock.ts';

const args = process.argv.slice(2);
const rounds = /^\d+$/.test(args[0] ?? '') ? Number(args.shift()) : 3;
if (args.length === 0) throw new Error('usage: node bench/variants.ts [rounds] a.html b.html ...');
const docs = args.map((f) => ({ name: path.basename(f), html: fs.readFileSync(f, 'utf8') }));
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const took = new Map<string, Took[]>(docs.map((d) => [d.name, []]));
const bytes = new Map<string, number>();
const renderer = await createPdfRenderer();
try {
  for (let r = 0; r < rounds; r++) {
    for (const d of r % 2 ? [...docs].reverse() : docs) {
      const t = await measure(() => renderer.render(d.html));
      took.get(d.name)!.push(t);
      bytes.set(d.name, t.value.length);
    }
  }
} finally {
  await renderer.close();
}
const base = median(took.get(docs[0]!.name)!.map((t) => t.cpuMs));
for (const d of docs) {
  const ts = took.get(d.name)!;
  const cpu = median(ts.map((t) => t.cpuMs));
  console.log(
    `${d.name.padEnd(28)} ${(cpu / 1000).toFixed(2)} s CPU  (${(median(ts.map((t) => t.wallMs)) / 1000).toFixed(2)} s wall)  ` +
      `${(cpu / base).toFixed(2)}×  runs ${ts.map((t) => (t.cpuMs / 1000).toFixed(1)).join(' ')}  PDF ${((bytes.get(d.name) ?? 0) / 1048576).toFixed(1)} MB`,
  );
}
