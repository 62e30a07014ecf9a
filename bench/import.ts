// Only the import sections of `npm run bench` (2 and 5): the import, its floor, the re-import of the
// same file (answered from the import's receipt; then once more without it) and its floor, with the
// same figures and ratios — for profiling the import path (`node --cpu-prof bench/import.ts 20000`)
// without the search, printing and CLI sections. An unmeasured import into a scratch school comes
// first, so that every run is measured warm, as `npm run bench` judges it.
//
//   node bench/import.ts [students] [repeats]      (default 20000, 1)
import os from 'node:os';
import { generateRoster } from './generate.ts';
import { measure, scratchDir, type Took } from './clock.ts';
import { readFileFloor, readRosterFloor, sum, writeRosterFloor } from './floors.ts';
import { openBenchSchool, scratchImport } from './school.ts';

const STUDENTS = Number(process.argv[2] ?? 20_000);
const REPEATS = Number(process.argv[3] ?? 1);
const s = (t: Took) => `${(t.cpuMs / 1000).toFixed(2)} s CPU (${(t.wallMs / 1000).toFixed(2)} s wall)`;
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(', ');

const generated = generateRoster(STUDENTS);
const name = `district-${STUDENTS}.csv`;
const warmUp = await scratchImport(generated.bytes, name);
console.log(`warm-up: the first import in this process ${s(warmUp.imported)} (not judged)`);
for (let run = 0; run < REPEATS; run++) {
  const { core, actor } = await openBenchSchool(scratchDir('import'));
  try {
    const imported = await measure(() => core.roster.importFile(actor, generated.bytes, name, {}, false));
    const importFloor = sum([...(await readFileFloor(generated.bytes)), await writeRosterFloor(core.db)]);
    const readFloor = sum([...(await readFileFloor(generated.bytes)), await readRosterFloor(core.db)]);
    const again = await measure(() => core.roster.importFile(actor, generated.bytes, name, {}, false));
    // And without the receipt the first re-import answered from: the reading and matching a changed file costs.
    core.db.prepare('DELETE FROM import_receipt').run();
    const longWay = await measure(() => core.roster.importFile(actor, generated.bytes, name, {}, false));
    if (again.value.report.changed || longWay.value.report.changed) throw new Error('the re-import changed something');
    console.log(`run ${run + 1} (load ${load()})`);
    console.log(`  import     ${s(imported)}  floor ${s(importFloor)}  ${(imported.cpuMs / importFloor.cpuMs).toFixed(2)}×`);
    console.log(`  re-import  ${s(again)}  floor ${s(readFloor)}  ${(again.cpuMs / readFloor.cpuMs).toFixed(2)}×`);
    console.log(`  (without the receipt ${s(longWay)}  ${(longWay.cpuMs / readFloor.cpuMs).toFixed(2)}×)`);
  } finally {
    core.close();
  }
}
