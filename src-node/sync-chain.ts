// The hash chain over a device's pushed entries: each entry's chain is SHA-256 of the previous one and
// the entry's identity (sequence number, entity, key) — not its content, which is read at push time
// and may be newer. Two copies of one database that went on separately disagree on the chain at the
// same number: the portal sees the fork instead of skipping one copy's changes as duplicates.
import { createHash } from 'node:crypto';

export const CHAIN_START = '0'.repeat(64);

export function chainNext(previous: string, seq: number, entity: string, key: string): string {
  return createHash('sha256').update(`${previous}\n${seq}\n${entity}\n${key}`, 'utf8').digest('hex');
}
