// What the printouts are made of. Codes are clean (10 lower-case symbols, see src-shared/codes).

export type SlipKind = 'student' | 'parent';

export interface School {
  name: string;
  /** The e-journal's registration page, absolute http(s); the QR adds `code=<code>` to it. */
  registrationUrl: string;
  /** Where to get help: room, hours, phone or e-mail — printed as is. */
  curatorContact: string;
  /** Whom to ask when the curator is away, and the curator's hours for parents: printed under the contact when set. */
  deputyContact?: string;
  supportHours?: string;
}

/** One invitation slip: one code for one student, or for the parents of one student. */
export interface Slip {
  code: string;
  kind: SlipKind;
  /** E.g. `6А`. */
  className: string;
  /** Full name of the student (on a parent slip too: the parents' child). */
  studentName: string;
  /** Replaces the default «Ученику (6А)» / «Родителям (6А)». */
  recipientLabel?: string;
  /**
   * On a parent slip: which parent this code is for (`Мать: Иванова Мария Петровна`), so that the
   * mother and the father, each with a code of their own, take the right slip.
   */
  guardianLine?: string;
  /** When the code was issued and until when it works, `YYYY-MM-DD`: printed under the code. */
  issuedOn?: string;
  validUntil?: string;
  /** The code replaced a lost or revoked one: the slip says «выдан повторно», so it never passes for the dead one. */
  reissued?: boolean;
}

export type SlipsPerPage = 1 | 2 | 4;
export const SLIPS_PER_PAGE: readonly SlipsPerPage[] = [1, 2, 4];

/** Slips drawn (QR codes made) of all, as they are made; it may throw to stop (nothing is written). */
export type SlipsProgress = (phase: 'slips', done: number, total: number) => void;

export interface InvitationsInput {
  school: School;
  slips: readonly Slip[];
  layout: SlipsPerPage;
  progress?: SlipsProgress;
}

export interface FamilyChild {
  studentName: string;
  className: string;
  /** The parent code of this child. */
  code: string;
  /** As on a slip: when issued, until when valid (`YYYY-MM-DD`), issued again in place of another. */
  issuedOn?: string;
  validUntil?: string;
  reissued?: boolean;
}

/** A guardian, or guardians sharing the same children: one sheet with all the children's parent codes. */
export interface Family {
  guardianNames: readonly string[];
  children: readonly FamilyChild[];
}

export interface FamilySheetsInput {
  school: School;
  families: readonly Family[];
  progress?: SlipsProgress;
}
