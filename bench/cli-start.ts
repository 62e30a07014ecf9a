// The CLI's start-up to a first answer: `kurator stats` on the benchmark's data folder (modules
// loaded, database opened, operator signed in at the production hash cost, the counts read and
// audited), beside `node -e 0` (the least a Node process costs here). Whole processes, run in
// turn A B A B …, the ratio taken pair by pair so that a machine changing speed during the runs
// moves both sides of each pair alike; medians are reported.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure, type Took } from './clock.ts';

const CLI = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src-main', 'core', 'cli', 'main.ts');

function run(args: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited ${code}: ${err.trim()}`))));
  });
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export interface CliStartResult {
  runs: number;
  stats: Took;
  node: Took;
  /** Median of the per-pair ratios stats / node. */
  ratio: Took;
}

export async function benchCliStart(dataDir: string, signIn: { login: string; password: string }, runs = 5): Promise<CliStartResult> {
  // Only what a user's shell would pass: no test switches of any kind.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LANG: process.env.LANG,
    KURATOR_DATA_DIR: dataDir,
    KURATOR_OPERATOR: signIn.login,
    KURATOR_PASSWORD: signIn.password,
  };
  const a: Took[] = [];
  const b: Took[] = [];
  await run([CLI, 'stats'], env); // warm-up: the file cache, not counted
  for (let i = 0; i < runs; i++) {
    a.push(await measure(() => run([CLI, 'stats'], env)));
    b.push(await measure(() => run(['-e', '0'], env)));
  }
  const med = (xs: Took[]): Took => ({ wallMs: median(xs.map((x) => x.wallMs)), cpuMs: median(xs.map((x) => x.cpuMs)) });
  return {
    runs,
    stats: med(a),
    node: med(b),
    ratio: {
      wallMs: median(a.map((x, i) => x.wallMs / b[i]!.wallMs)),
      cpuMs: median(a.map((x, i) => x.cpuMs / Math.max(1, b[i]!.cpuMs))),
    },
  };
}
