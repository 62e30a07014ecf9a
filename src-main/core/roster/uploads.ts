// Files the import wizard uploaded, kept in memory for the steps that follow (format, mapping,
// preview, import), per client and for an hour at most.
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../src-shared/result.ts';
import { t } from '../../../src-shared/i18n/index.ts';
import type { ImportReport } from '../../../src-shared/roster/report.ts';

export interface Upload {
  id: string;
  owner: string;
  fileName: string;
  bytes: Uint8Array;
  at: number;
  report?: ImportReport;
}

const TTL_MS = 60 * 60_000;
const PER_OWNER = 3;

export class Uploads {
  private readonly items = new Map<string, Upload>();
  private readonly now: () => number;

  constructor(now: () => number) {
    this.now = now;
  }

  private expire(): void {
    const limit = this.now() - TTL_MS;
    for (const [id, u] of this.items) if (u.at < limit) this.items.delete(id);
  }

  put(owner: string, fileName: string, bytes: Uint8Array): Upload {
    this.expire();
    const mine = [...this.items.values()].filter((u) => u.owner === owner).sort((a, b) => a.at - b.at);
    while (mine.length >= PER_OWNER) this.items.delete(mine.shift()!.id);
    const upload: Upload = { id: randomUUID(), owner, fileName, bytes, at: this.now() };
    this.items.set(upload.id, upload);
    return upload;
  }

  get(owner: string, id: string): Upload {
    this.expire();
    const u = this.items.get(id);
    if (!u || u.owner !== owner) throw new AppError('not_found', t.rosterImport.uploadExpired);
    return u;
  }

  drop(id: string): void {
    this.items.delete(id);
  }
}
