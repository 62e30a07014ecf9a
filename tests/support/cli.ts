import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../../scripts/project.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `npm run kurator -- …` the way a script would (node directly, no TTY). */
export function kurator(args: string[], env: Record<string, string> = {}, input?: string): CliResult {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'src-main', 'core', 'cli', 'main.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, KURATOR_OPERATOR: '', KURATOR_PASSWORD: '', KURATOR_DATA_DIR: '', ...env },
    encoding: 'utf8',
    input: input ?? '',
    timeout: 120_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
