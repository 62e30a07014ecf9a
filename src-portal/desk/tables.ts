/** A desk request from the office, applied once; a reset slip's token and code as hashes. */
export interface DeskRequestsTable {
  school_id: number;
  uid: string;
  action: 'reset' | 'contacts' | 'lock' | 'unlock' | 'sign_out_all';
  account_id: string | null;
  token_hash: string | null;
  code_hash: string | null;
  received_at: Date;
  expires_at: Date | null;
  outcome: 'done' | 'refused';
  refusal: string | null;
  used_at: Date | null;
}

export interface DeskTables {
  desk_requests: DeskRequestsTable;
}
