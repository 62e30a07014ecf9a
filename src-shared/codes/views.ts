// Invitation codes as the UI and the CLI see them.
import type { Relation } from '../roster/types.ts';

export type CodeState = 'active' | 'printed' | 'redeemed' | 'revoked' | 'expired';
export type Audience = 'students' | 'parents' | 'all';
/** Whose codes: a class, chosen students, one guardian (their children's parent codes), everyone. */
export type CodeScope = { classId: number } | { studentIds: number[] } | { guardianId: number } | { all: true };

export interface CodeView {
  id: number;
  /** As printed, in groups: `k7m2-x9q-4tk`. */
  code: string;
  kind: 'student' | 'parent';
  state: CodeState;
  studentId: number;
  studentName: string;
  className: string;
  classId: number;
  guardianId: number | null;
  guardianName: string | null;
  relation: Relation | null;
  /** The student or the guardian of this code is archived: nothing can be done with it any more. */
  personArchived: boolean;
  validUntil: string;
  issuedAt: string;
  printCount: number;
  printedAt: string | null;
  revokedAt: string | null;
  revokeReason: string | null;
  /** Used on the portal: when, and the account's login (learned by sync). */
  redeemedAt: string | null;
  redeemedLogin: string | null;
  /** Sent to the parent's email (#9): a mark beside printed; `state` keeps its values. */
  mailedAt: string | null;
  /**
   * Paired, and the portal has not been sent this code's latest change yet: a revoked code still
   * works there, a new one does not yet (sync sends such changes within seconds when it can).
   */
  portalPending: boolean;
}

export interface IssueReport {
  students: number;
  parents: number;
  /** People who got no code: they kept their valid one (only-missing) or registered (`registered`). */
  skipped: number;
  /** Of `skipped`: people who registered on the portal with their code — their account is how they sign in. */
  registered: number;
  /** Old codes revoked because they were replaced. */
  revoked: number;
  validUntil: string;
}

/** A child a parent's family sheet would leave out: the parent holds no valid code for them yet. */
export interface FamilyGap {
  guardianId: number;
  guardianName: string;
  studentId: number;
  studentName: string;
  className: string;
}

/**
 * `уч. ✓ · род. 2/2` on the class page: whether the student, and how many of the parents (of
 * `expected`: the parents on file, or one), hold a valid code or have registered — a code used to
 * register is no longer valid and needs no other. A parent code with no parent on file stands in
 * for one parent.
 */
export function familyCodeCount(
  student: { id: number; guardianIds: readonly number[] },
  codes: readonly Pick<CodeView, 'studentId' | 'kind' | 'guardianId' | 'state'>[],
  registered: ReadonlySet<number>,
): { student: boolean; parents: number; expected: number } {
  const mine = codes.filter((c) => c.studentId === student.id && c.state !== 'expired');
  const parentCodes = mine.filter((c) => c.kind === 'parent');
  const registeredParents = student.guardianIds.filter((g) => registered.has(g) && !parentCodes.some((c) => c.guardianId === g)).length;
  const expected = Math.max(1, student.guardianIds.length);
  return {
    student: mine.some((c) => c.kind === 'student') || registered.has(student.id),
    parents: Math.min(expected, parentCodes.length + registeredParents),
    expected,
  };
}
