// Reads of personal data in bulk, journaled compactly: who, what scope, how many people.
//
// - A class opened (names, birth dates, parents' phones and emails) and the invitation codes of a
//   class or the whole school: one row each, not again while the operator keeps looking at the same
//   scope (a page reloading after an edit is the same look).
// - Searches: a row per keystroke would bury the journal (a surname typed is a dozen searches) and
//   say little; only journaling searches whose results were opened would miss the list itself, which
//   shows phones and birth dates. So searches are summed up per operator over five minutes: how many
//   searches, how many different people they showed, the most at once. The summary is written at the
//   next search after the five minutes, by the app's minute timer, and when the app closes; a crash
//   loses at most the open five minutes. A person's card opened from the results has its own row.
import type { Clock } from '../clock.ts';
import type { Actor, AuditLog } from './audit.ts';

/** Same operator, same scope, within this: the same look. */
export const READ_WINDOW_MS = 10 * 60_000;
/** Searches are summed up over this. */
export const SEARCH_WINDOW_MS = 5 * 60_000;

interface SearchWindow {
  actor: Actor;
  since: number;
  searches: number;
  people: Set<number>;
  largest: number;
}

export class ReadJournal {
  private readonly audit: AuditLog;
  private readonly clock: Clock;
  private readonly seen = new Map<string, number>();
  private readonly searches = new Map<string, SearchWindow>();

  constructor(audit: AuditLog, clock: Clock) {
    this.audit = audit;
    this.clock = clock;
  }

  private now(): number {
    return this.clock.now().getTime();
  }

  /** Writes one row unless this operator read the same scope within the window. */
  private once(actor: Actor, action: string, scope: string, details: Record<string, unknown>): void {
    const key = `${actor.operatorId ?? actor.login}|${action}|${scope}`;
    const last = this.seen.get(key);
    if (last !== undefined && this.now() - last < READ_WINDOW_MS) return;
    this.seen.set(key, this.now());
    this.audit.append(actor, { action, details });
  }

  classViewed(actor: Actor, className: string, people: number): void {
    this.once(actor, 'roster.class_view', className, { class: className, people });
  }

  /** Codes listed for a class (`className`) or the whole school (null). */
  codesViewed(actor: Actor, className: string | null, codes: number, people: number): void {
    const scope = className === null ? { scope: 'all' } : { class: className };
    this.once(actor, 'codes.view', className ?? '*', { ...scope, codes, people });
  }

  searched(actor: Actor, shown: readonly number[]): void {
    const key = String(actor.operatorId ?? actor.login);
    const open = this.searches.get(key);
    if (open && this.now() - open.since >= SEARCH_WINDOW_MS) this.write(key, open);
    const w = this.searches.get(key) ?? { actor, since: this.now(), searches: 0, people: new Set<number>(), largest: 0 };
    this.searches.set(key, w);
    w.searches += 1;
    for (const id of shown) w.people.add(id);
    w.largest = Math.max(w.largest, shown.length);
  }

  /** Writes the search summaries whose five minutes are over (the app calls this every minute). */
  flushDue(): void {
    for (const [key, w] of this.searches) if (this.now() - w.since >= SEARCH_WINDOW_MS) this.write(key, w);
  }

  /** Writes every open summary (the app is closing). */
  flushAll(): void {
    for (const [key, w] of this.searches) this.write(key, w);
  }

  private write(key: string, w: SearchWindow): void {
    this.searches.delete(key);
    this.audit.append(w.actor, {
      action: 'roster.search_summary',
      details: { searches: w.searches, people: w.people.size, largest: w.largest, since: new Date(w.since).toISOString() },
    });
  }
}
