// Files the import wizard uploaded, kept for the steps that follow (format, mapping, preview,
// import): per client, three at most, for an hour.
import { OwnedStore } from '../owned-store.ts';
import type { ImportReport } from '../../../src-shared/roster/report.ts';

export interface UploadData {
  fileName: string;
  bytes: Uint8Array;
  report?: ImportReport;
}

export const createUploads = (now: () => number) =>
  new OwnedStore<UploadData>({ now, ttlMs: 60 * 60_000, perOwner: 3, expired: 'import.upload_expired' });

export type Uploads = ReturnType<typeof createUploads>;
