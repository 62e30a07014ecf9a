// The school every office benchmark works on: a fresh data folder set up as the CLI's `setup` would,
// and the operator who acts in it.
import { openCore, type Core } from '../src-main/core/core.ts';
import { completeSetup } from '../src-main/core/services/setup.ts';
import type { Actor } from '../src-main/core/services/audit.ts';

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
