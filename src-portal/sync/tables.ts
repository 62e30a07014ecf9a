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

/** The office journal's head held per school (#11): its number, keyed hash and the office's MAC. */
export interface AuditAnchorsTable {
  school_id: number;
  device_id: string;
  head_id: number;
  head_hash: string;
  head_mac: string;
  received_at: Date;
  confirmed_at: Date;
}

/** Heads kept as evidence, never overwritten: a checkpoint, the head held when one was refused or replaced. */
export interface AuditAnchorEvidenceTable {
  id: string;
  school_id: number;
  kind: 'checkpoint' | 'refused' | 'replaced';
  at: Date;
  device_id: string;
  head_id: number;
  head_hash: string;
  head_mac: string;
  held_since: Date;
  sent_device_id: string | null;
  sent_id: number | null;
  sent_hash: string | null;
}

export interface SyncTables {
  sync_pairings: SyncPairingsTable;
  sync_devices: SyncDevicesTable;
  audit_anchors: AuditAnchorsTable;
  audit_anchor_evidence: AuditAnchorEvidenceTable;
}
