// What the running app (desktop or browser mode, not the command line) does on its own: a backup
// each day (pruned after the school's number of days) and the search summaries of the journal.
import type { Core } from './core.ts';
import { localDate } from './clock.ts';

const TICK_MS = 60_000;
/** After a failed daily backup (a full disk), the next try. */
const RETRY_MS = 10 * 60_000;

/** Starts the timers; returns a function that stops them. */
export function startMaintenance(core: Pick<Core, 'backups' | 'reads' | 'clock' | 'settings'>): () => void {
  let doneFor: string | null = null;
  let lastTry = 0;
  let running = false;
  const daily = async () => {
    const now = core.clock.now();
    if (running || doneFor === localDate(now) || now.getTime() - lastTry < RETRY_MS) return;
    if (core.settings.read() === null) return; // nothing to keep before the school is set up
    running = true;
    lastTry = now.getTime();
    try {
      await core.backups.runDaily();
      doneFor = localDate(now);
    } catch (e) {
      console.error('Kurator: the daily backup failed:', e);
    } finally {
      running = false;
    }
  };
  const tick = () => {
    try {
      core.reads.flushDue();
    } catch (e) {
      console.error('Kurator: the search summary was not journaled:', e);
    }
    void daily();
  };
  const timer = setInterval(tick, TICK_MS);
  timer.unref();
  void daily();
  return () => clearInterval(timer);
}
