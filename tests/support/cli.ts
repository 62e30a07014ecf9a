import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../../scripts/project.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const CLI = path.join(ROOT, 'src-main', 'core', 'cli', 'main.ts');
/** The test's environment without the sign-in and data-folder variables, plus `env`. */
const cliEnv = (env: Record<string, string>) => ({
  ...process.env,
  KURATOR_OPERATOR: '',
  KURATOR_PASSWORD: '',
  KURATOR_DATA_DIR: '',
  ...env,
});

/** Runs `npm run kurator -- …` the way a script would (node directly, no TTY). */
export function kurator(args: string[], env: Record<string, string> = {}, input?: string): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    env: cliEnv(env),
    encoding: 'utf8',
    input: input ?? '',
    timeout: 120_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** `kurator(…)` without blocking: independent command lines (separate data dirs) run side by side. */
export function kuratorAsync(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: cliEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
