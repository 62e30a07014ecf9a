// The portal's data-folder lock names its holder by pid. A pid is only a number: after a reboot or a
// container restart another process may have it, and a lock left by a power cut must not keep the
// portal from starting for good. A lock counts only while the process that wrote it still runs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lockFile, lockHolder, takeLock } from '../../../src-portal/admin/lock.ts';
import { processStartedAt } from '../../../src-node/process-start.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kurator-portal-lock-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A lock file naming `pid`, written at `at` (ms). */
function leftLock(pid: number, at: number): void {
  fs.writeFileSync(lockFile(dir), JSON.stringify({ pid, kind: 'server' }));
  fs.utimesSync(lockFile(dir), at / 1000, at / 1000);
}

describe('the portal data-folder lock', () => {
  it('a live process that wrote the lock holds it', () => {
    leftLock(process.ppid, Date.now());
    expect(lockHolder(dir)).toMatchObject({ pid: process.ppid });
    expect(takeLock(dir, 'server')).toEqual({ heldBy: { pid: process.ppid, kind: 'server' } });
  });

  it('a lock older than the machine’s boot is stale, whatever process has that pid now', () => {
    const bootedAt = Date.now() - os.uptime() * 1000;
    leftLock(process.ppid, bootedAt - 3_600_000);
    expect(lockHolder(dir)).toBeNull();
    const taken = takeLock(dir, 'server');
    expect('heldBy' in taken).toBe(false);
    expect(JSON.parse(fs.readFileSync(lockFile(dir), 'utf8'))).toMatchObject({ pid: process.pid });
  });

  it('a lock written before its pid’s process started (the pid reused) is stale', () => {
    const started = processStartedAt(process.ppid);
    if (started === null) throw new Error('no /proc here: this test needs Linux');
    leftLock(process.ppid, started - 60_000);
    expect(lockHolder(dir)).toBeNull();
    expect('heldBy' in takeLock(dir, 'command')).toBe(false);
  });

  it('reads a process’s start time close to the truth', () => {
    const mine = processStartedAt(process.pid);
    expect(mine).not.toBeNull();
    const sinceStart = Date.now() - mine!;
    // This process started before this test and less than the test run's span ago.
    expect(sinceStart).toBeGreaterThan(-2_000);
    expect(sinceStart).toBeLessThan(process.uptime() * 1000 + 2_000);
    expect(processStartedAt(2 ** 22 + 12345)).toBeNull();
  });
});
