// Roster shapes the UI shows.
import type { Relation, Sex } from './types.ts';

export interface RosterStats {
  classes: number;
  students: number;
  guardians: number;
  links: number;
  staff: number;
  archived: number;
}

export interface ClassSummary {
  id: number;
  name: string;
  grade: number;
  letter: string;
  students: number;
  guardians: number;
  teacher: string | null;
}

export interface PersonSummary {
  id: number;
  kind: 'student' | 'guardian' | 'staff';
  fullName: string;
  className?: string;
  classId?: number;
  birthDate?: string;
  phone?: string;
  email?: string;
  archived: boolean;
}

export interface Relative extends PersonSummary {
  relation: Relation;
}

export interface ClassDetail {
  id: number;
  name: string;
  teacher: PersonSummary | null;
  students: (PersonSummary & { guardians: Relative[] })[];
}

export interface PersonCard extends PersonSummary {
  surname: string;
  name: string;
  patronymic: string | null;
  sex: Sex | null;
  externalId: string | null;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** A student's parents and guardians. */
  guardians: Relative[];
  /** A guardian's children. */
  children: Relative[];
  /** A student's brothers and sisters (children of the same guardians). */
  siblings: PersonSummary[];
  /** A teacher's classes. */
  classTeacherOf: string[];
}
