import type { ColumnType, Generated } from 'kysely';

export interface SchoolsTable {
  id: Generated<number>;
  name: string;
  /** The registration address exactly as printed on the school's slips. */
  address: string;
  /** Lower case, with the port when it is not the scheme's default. */
  host: string;
  /** The address's path without its last segment: '' or '/s/1399'. Every page of the school lives under it. */
  prefix: string;
  /** The last segment of the address: the registration page (`hello`). */
  landing: string;
  /** SHA-256 of the current pairing key: it pairs one office at a time (again after that office unpairs) until `school key` replaces it. */
  pairing_key_hash: string | null;
  /** What the office sends up for its pages: curator and deputy contacts, support hours. */
  settings: ColumnType<Record<string, unknown>, string, string>;
  created_at: Date;
}

export interface SchoolTables {
  schools: SchoolsTable;
}
