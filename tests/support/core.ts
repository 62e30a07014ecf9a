import { openCore, type Core, type Mode } from '../../src-main/core/core.ts';
import { completeSetup, type SetupData } from '../../src-main/core/services/setup.ts';
import type { Clock } from '../../src-main/core/clock.ts';
import type { Argon2Cost } from '../../src-node/passwords.ts';
import { createDispatcher, type Dispatch } from '../../src-main/core/rpc/dispatch.ts';
import { tempDir } from './tmp.ts';
import type { Result } from '../../src-shared/result.ts';

/**
 * A clock the test moves by hand. It starts at local noon on 1 September, so that "today" is the
 * same date in every time zone the tests run in.
 */
export class FakeClock implements Clock {
  ms: number;
  constructor(start = Date.parse('2026-09-01T12:00:00')) {
    this.ms = start;
  }
  now(): Date {
    return new Date(this.ms);
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

/** Cheap argon2id for unit tests that sign in many times; production always uses OWASP parameters. */
export const TEST_COST: Argon2Cost = { memory: 64, passes: 1, parallelism: 1 };

export const CURATOR = { login: 'curator', password: 'Kurator2026', fullName: 'Смирнова Ольга Петровна' };
export const SCHOOL = {
  schoolName: 'ГБОУ Школа № 1399',
  registrationUrl: 'https://1399.ejgur.ru/hello',
  curatorContact: 'Каб. 204, пн–пт 9:00–17:00',
};

export interface TestCore {
  core: Core;
  clock: FakeClock;
  dispatch: Dispatch;
  dir: string;
  close(): void;
}

export async function makeCore(options: { setup?: boolean; mode?: Mode; dir?: string } = {}): Promise<TestCore> {
  const tmp = options.dir ? { dir: options.dir, remove: () => undefined } : tempDir();
  const clock = new FakeClock();
  const core = await openCore({ dataDir: tmp.dir, mode: options.mode ?? 'browser', clock, passwordCost: TEST_COST });
  if (options.setup !== false) {
    await completeSetup(core, { ...SCHOOL, operator: { ...CURATOR } }, 'app');
  }
  return {
    core,
    clock,
    dispatch: createDispatcher(core, undefined, () => undefined),
    dir: tmp.dir,
    close: () => {
      core.close();
      tmp.remove();
    },
  };
}

/**
 * A data folder set up the way `kurator setup` leaves it, but in-process and with TEST_COST: the
 * CLI processes a test starts on it then sign in cheaply (the hash carries its own cost, and a test
 * run keeps it: KURATOR_TEST_RUN). The core runs on the run's shifted clock, like the CLI, unless
 * given another. `prepare` fills it further (an import, …) before it is closed.
 */
export async function setUpDataDir(
  dataDir: string,
  options: {
    school?: Partial<Omit<SetupData, 'operator'>>;
    operator?: Partial<SetupData['operator']>;
    clock?: Clock;
    prepare?: (core: Core) => unknown;
  } = {},
): Promise<void> {
  const core = await openCore({ dataDir, mode: 'cli', passwordCost: TEST_COST, ...(options.clock ? { clock: options.clock } : {}) });
  try {
    await completeSetup(core, { ...SCHOOL, ...options.school, operator: { ...CURATOR, ...options.operator } }, 'cli');
    await options.prepare?.(core);
  } finally {
    core.close();
  }
}

/** A dispatcher's answer, or a thrown error naming its reason. */
export function valueOf<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.reason}: ${r.error.message}`);
  return r.value as T;
}
