import type { ColumnType } from 'kysely';

/** `date` columns: read as a `YYYY-MM-DD` string (see db/connect.ts), written as one. */
export type DateColumn = ColumnType<string, string, string>;
export type NullableDate = ColumnType<string | null, string | null, string | null>;
/** The snapshot generation that last mentioned the row (sync); null when the office never sent it. */
export type OfficeMark = ColumnType<string | null, string | null | undefined, string | null>;

export interface RosterClassesTable {
  school_id: number;
  uid: string;
  name: string;
  removed_at: Date | null;
  office_mark: OfficeMark;
}

export interface RosterPeopleTable {
  school_id: number;
  uid: string;
  kind: 'student' | 'guardian';
  surname: string;
  name: string;
  patronymic: string | null;
  birth_date: NullableDate;
  class_uid: string | null;
  archived_at: Date | null;
  origin: ColumnType<'office' | 'portal', 'office' | 'portal' | undefined, 'office' | 'portal'>;
  updated_at: Date;
  office_mark: OfficeMark;
}

export interface RosterLinksTable {
  school_id: number;
  guardian_uid: string;
  student_uid: string;
  relation: 'mother' | 'father' | 'other';
  removed_at: Date | null;
  office_mark: OfficeMark;
}

export interface InvitationCodesTable {
  school_id: number;
  uid: string;
  code_hash: string;
  kind: 'student' | 'parent';
  student_uid: string;
  guardian_uid: string | null;
  valid_until: DateColumn;
  state: 'issued' | 'revoked';
  revoke_reason: string | null;
  redeemed_at: Date | null;
  redeemed_by: string | null;
  office_mark: OfficeMark;
}

export interface RosterTables {
  roster_classes: RosterClassesTable;
  roster_people: RosterPeopleTable;
  roster_links: RosterLinksTable;
  invitation_codes: InvitationCodesTable;
}
