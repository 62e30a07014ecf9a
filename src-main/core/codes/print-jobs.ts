// Printouts prepared for preview, printing and saving: the HTML shown in the preview frame is the
// very document that is printed or saved as PDF.
import { OwnedStore } from '../owned-store.ts';
import { t } from '../../../src-shared/i18n/index.ts';

export interface PrintJobData {
  kind: 'invitations' | 'families';
  html: string;
  codeIds: number[];
  fileName: string;
  /** What the audit row of the print says: scope, audience, layout. */
  details: Record<string, unknown>;
}

export const createPrintJobs = (now: () => number) =>
  new OwnedStore<PrintJobData>({ now, ttlMs: 30 * 60_000, perOwner: 4, expiredMessage: t.codes.printExpired });

export type PrintJobs = ReturnType<typeof createPrintJobs>;
