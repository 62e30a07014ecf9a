// What the desk's roster upkeep shows: the staff to choose a class teacher from, and the end of the
// school year as previewed and as done.

export interface StaffOption {
  id: number;
  fullName: string;
  /** Classes this person already teaches, `6А`. */
  classes: string[];
}

/** One class moving up a grade: its active students and its class teacher go with it. */
export interface YearEndMove {
  from: string;
  to: string;
  students: number;
  teacher: string | null;
}

export interface YearEndLeaver {
  id: number;
  fullName: string;
  className: string;
}

export interface YearEndPlan {
  /** The roster version the plan was made on: applying it is refused once the roster changed. */
  version: number;
  /** Grades 1–10, highest first. */
  moves: YearEndMove[];
  /** 11th-grade classes and how many of their students leave. */
  graduating: { className: string; students: number }[];
  /** The students who leave to the archive (11th grade). */
  leaving: YearEndLeaver[];
  /** Parents whose every child leaves: they go to the archive too. */
  guardiansLeaving: number;
  /** Valid invitation codes of the people who leave: revoked. */
  codesRevoked: number;
  /** When the previous end of year was done, if one was (ISO instant). */
  lastYearEnd: string | null;
  /** Set when it cannot be done now: the previous one was too recent. */
  blockedUntil: string | null;
}

export interface YearEndResult extends YearEndPlan {
  /** The backup taken right before (full path). */
  backup: string;
}
