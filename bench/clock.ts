// Time for the benchmark: wall time and CPU time side by side.
//
// The machines this runs on are shared: another developer's job can stretch a wall-clock figure
// 2–3× from one minute to the next. CPU time (what the work itself cost) moves much less, so the
// ratios are judged on it and the wall times are printed beside. CPU time counts this process and
// every process it started (Chromium and its helpers), read from /proc on Linux; elsewhere only
// this process is counted, and the Chromium figures say so.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

export interface Took {
  wallMs: number;
  cpuMs: number;
}

const TICK_MS = 10; // USER_HZ is 100 on every Linux the project runs on

/** State and utime + stime + cutime + cstime (ms) of one process; null when it is gone. */
function procStat(pid: number): { state: string; cpuMs: number } | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: f[0]!, cpuMs: (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * TICK_MS };
  } catch {
    return null;
  }
}

/** cutime + cstime of one process (its children it has waited for), ms. */
function reapedMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[13]) + Number(f[14])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** Every live descendant of `pid` (children of all its threads, recursively). */
export function descendants(pid: number = process.pid): number[] {
  const out: number[] = [];
  const walk = (p: number): void => {
    let tasks: string[];
    try {
      tasks = fs.readdirSync(`/proc/${p}/task`);
    } catch {
      return;
    }
    for (const t of tasks) {
      let children: string;
      try {
        children = fs.readFileSync(`/proc/${p}/task/${t}/children`, 'latin1');
      } catch {
        continue;
      }
      for (const c of children.split(' ')) {
        if (c.trim() === '') continue;
        out.push(Number(c));
        walk(Number(c));
      }
    }
  };
  walk(pid);
  return out;
}

/** Whether the CPU time of child processes can be read here. */
export const countsChildren = fs.existsSync(`/proc/${process.pid}/task/${process.pid}/children`);

/** CPU time of this process and of all its live descendants (with what they reaped), ms. */
function treeCpu(): { ms: number; zombies: number } {
  const own = process.cpuUsage();
  let ms = (own.user + own.system) / 1000;
  let zombies = 0;
  if (countsChildren) {
    ms += reapedMs(process.pid);
    for (const pid of descendants()) {
      const st = procStat(pid);
      if (!st) continue;
      ms += st.cpuMs;
      if (st.state === 'Z') zombies++;
    }
  }
  return { ms, zombies };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The tree's CPU time once its children are quiet: a closed Chromium page leaves its renderer
 * finishing for a moment, and a process's time reaches its parent only when it is reaped. Polls
 * (at most ~3 s) until no child is a zombie and the total stops growing.
 */
async function settledCpuMs(): Promise<number> {
  if (!countsChildren || descendants().length === 0) return treeCpu().ms;
  let last = treeCpu();
  for (let i = 0; i < 30; i++) {
    await pause(100);
    const now = treeCpu();
    if (now.zombies === 0 && now.ms - last.ms <= TICK_MS) return now.ms;
    last = now;
  }
  return last.ms;
}

/**
 * Runs `fn` once: its wall time and the CPU time of this process and its descendants (what
 * Chromium still does after `fn` returns included, what it did before excluded).
 */
export async function measure<T>(fn: () => T | Promise<T>): Promise<{ value: T } & Took> {
  const cpu0 = await settledCpuMs();
  const t0 = performance.now();
  const value = await fn();
  const wallMs = performance.now() - t0;
  return { value, wallMs, cpuMs: (await settledCpuMs()) - cpu0 };
}

const scratch: string[] = [];
process.once('exit', () => {
  for (const dir of scratch) fs.rmSync(dir, { recursive: true, force: true });
});
// Ctrl+C in the middle of a run leaves no gigabyte of databases in the temporary folder either.
process.once('SIGINT', () => process.exit(130));

/** A new empty folder under the system's temporary folder, removed when the process exits. */
export function scratchDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `kurator-bench-${prefix}-`));
  scratch.push(dir);
  return dir;
}
