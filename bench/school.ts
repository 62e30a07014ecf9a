// The school every office benchmark works on: a fresh data folder set up as the CLI's `setup` would,
// and the operator who acts in it.
import fs from 'node:fs';
import { openCore, type Core } from '../src-main/core/core.ts';
import { completeSetup } from '../src-main/core/services/setup.ts';
import type { Actor } from '../src-main/core/services/audit.ts';
import type { ImportReport } from '../src-shared/roster/report.ts';
import { measure, scratchDir, type Took } from './clock.ts';
import { readFileFloor, writeRosterFloor, type Part } from './floors.ts';

export const SIGN_IN = { login: 'bench', password: 'Kurator2026' };

export async function openBenchSchool(dataDir: string): Promise<{ core: Core; actor: Actor }> {
  const core = await openCore({ dataDir, mode: 'cli' });
  try {
    await completeSetup(
      core,
      {
        schoolName: 'ГБОУ Школа № 1399',
        registrationUrl: 'https://1399.ejgur.ru/hello',
        curatorContact: 'Каб. 204',
        operator: { fullName: 'Смирнова Ольга Петровна', ...SIGN_IN },
      },
      'cli',
    );
  } catch (e) {
    core.close();
    throw e;
  }
  const operatorId = core.db.prepare('SELECT id FROM operators WHERE login = ?').pluck().get(SIGN_IN.login) as number;
  return { core, actor: { operatorId, login: SIGN_IN.login, via: 'cli' } };
}

/**
 * One import of `bytes` into a new school in a scratch folder, and its floor (the file decoded and
 * split, the rows it wrote inserted into a fresh database) measured right after it, in the same
 * state of the process. The school and its folder are gone when it returns.
 */
export async function scratchImport(
  bytes: Uint8Array,
  fileName: string,
): Promise<{ imported: Took & { report: ImportReport }; floor: Part[] }> {
  const dir = scratchDir('import');
  const { core, actor } = await openBenchSchool(dir);
  try {
    const run = await measure(() => core.roster.importFile(actor, bytes, fileName, {}, false));
    const floor = [...(await readFileFloor(bytes)), await writeRosterFloor(core.db)];
    return { imported: { wallMs: run.wallMs, cpuMs: run.cpuMs, report: run.value.report }, floor };
  } finally {
    core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
