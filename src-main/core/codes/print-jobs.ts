// Printouts prepared for preview, printing and saving: the HTML shown in the preview frame is the
// very document that is printed or saved as PDF.
import { OwnedStore } from '../owned-store.ts';
import type { Core } from '../core.ts';

export interface PrintJobData {
  kind: 'invitations' | 'families';
  html: string;
  codeIds: number[];
  fileName: string;
  /** What the audit row of the print says: scope, audience, layout. */
  details: Record<string, unknown>;
}

export const createPrintJobs = (now: () => number) =>
  new OwnedStore<PrintJobData>({ now, ttlMs: 30 * 60_000, perOwner: 4, expired: 'print.expired' });

export type PrintJobs = ReturnType<typeof createPrintJobs>;

/** Where a prepared printout is served from (the same path in browser mode and in Electron). */
export const PRINT_DOCUMENT_PATH = /^\/print\/([0-9a-f-]{36})$/;

/**
 * The HTML of a prepared printout for the preview frame — only while the session that prepared it
 * is signed in and unlocked (a locked desk shows no names and no codes, not even to devtools).
 */
export function printDocumentFor(core: Pick<Core, 'printJobs' | 'auth'>, id: string): string | undefined {
  const job = core.printJobs.find(id);
  if (!job) return undefined;
  // The owner is the session that prepared it: whoever signs in on the same tab later is another session.
  const session = core.auth.bySessionId(job.owner);
  return session && !session.locked ? job.html : undefined;
}
