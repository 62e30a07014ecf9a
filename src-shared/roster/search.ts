export interface SearchOptions {
  limit?: number;
  /** `exclude` (default): active people only; `include`: everyone; `only`: archived people only. */
  archived?: 'exclude' | 'include' | 'only';
  kind?: 'student' | 'guardian' | 'staff';
}

export interface SearchHit {
  id: number;
  kind: 'student' | 'guardian' | 'staff';
  fullName: string;
  /** A student's class, `6А`. */
  class?: string;
  /** `YYYY-MM-DD`. */
  birthDate?: string;
  /** A guardian's children's classes. */
  childClasses?: string[];
  archived?: boolean;
}

export interface SearchResult {
  hits: SearchHit[];
  /** All matches, of which `hits` are the best. */
  total: number;
  /** How the query was understood when it did not match as typed. */
  note?: {
    layoutFixed?: string;
    substring?: boolean;
    /** Nothing matched as typed: a letter off, a case ending, read forgivingly. */ forgiving?: boolean;
  };
  /** The query was an invitation code: whose it is (its person is the first hit). */
  code?: { code: string; state: string; kind: 'student' | 'parent'; studentName: string; className: string; guardianName: string | null };
  /** The query was a reset slip's code on file: its request (its person is the only hit). */
  resetSlip?: { code: string; createdAt: string; state: string };
  /** The query was a portal login on file (#9): its person is the first hit. */
  login?: string;
  /** The query looks like a code but is not one (what is wrong with it). */
  codeProblem?: string;
}
