import type { ColumnType } from 'kysely';

/** The office paired with a school: its secret (as a digest), its current device and how far its pushes got. */
export interface SyncPairingsTable {
  school_id: number;
  /** SHA-256 of the sync secret the office sends as `Authorization: Bearer`. */
  secret_hash: string;
  device_id: string;
  last_seq: ColumnType<number, number | undefined, number>;
  last_chain: string;
  /** The generation of the last snapshot begun: every row the office sends is marked with it. */
  generation: string;
  paired_at: Date;
  last_push_at: Date | null;
  last_pull_at: Date | null;
}

/** Every device a school's office has used; a superseded one is refused. */
export interface SyncDevicesTable {
  school_id: number;
  device_id: string;
  created_at: Date;
  superseded_at: Date | null;
}

export interface SyncTables {
  sync_pairings: SyncPairingsTable;
  sync_devices: SyncDevicesTable;
}
