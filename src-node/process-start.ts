// When a process started, to tell the process that wrote a pid into a lock file from one that got
// the same pid later (after a reboot, in a restarted container, or simply reused).
import fs from 'node:fs';
import os from 'node:os';

/** Linux's clock ticks per second for /proc times (USER_HZ: 100 on every architecture Node runs on). */
const USER_HZ = 100;

/** When this machine booted, in ms since the epoch. */
export const bootedAt = (): number => Date.now() - os.uptime() * 1000;

/**
 * When process `pid` started, in ms since the epoch (to about 10 ms), or `null` when it is not
 * running or the system does not say (no /proc: Windows, macOS).
 */
export function processStartedAt(pid: number): number | null {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name (field 2) is in parentheses and may hold spaces; field 22 is the start time.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[19]);
  return Number.isFinite(ticks) ? bootedAt() + (ticks * 1000) / USER_HZ : null;
}

/** Whether a process with this pid runs (another user's counts: the signal is refused, not unknown). */
export function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
