// Roster upkeep at the desk: a student who arrives mid-year, a parent unlinked or their relation
// changed, a class's teacher, and the end of the school year. Names and dates are read exactly as
// the importer reads them (the same normalizers, through the person editor's fields).
import { z } from '../z.ts';
import { Id } from './common.ts';
import { t } from '../i18n/index.ts';
import { BirthDate, NamePart, OptionalNamePart } from './roster.ts';

export const Relation = z.enum(['mother', 'father', 'other']);

export const NewStudent = z
  .object({
    classId: Id,
    surname: NamePart,
    name: NamePart,
    patronymic: OptionalNamePart.optional(),
    birthDate: BirthDate,
    sex: z.enum(['M', 'F']).nullable().optional(),
  })
  .strict();
export type NewStudent = z.output<typeof NewStudent>;

export const LinkRef = z.object({ guardianId: Id, studentId: Id }).strict();
export type LinkRef = z.output<typeof LinkRef>;

export const LinkRelation = z.object({ guardianId: Id, studentId: Id, relation: Relation }).strict();
export type LinkRelation = z.output<typeof LinkRelation>;

/** A class's teacher: one of the staff on file, a new person by name, or nobody (`teacherId: null`). */
export const ClassTeacher = z
  .object({
    classId: Id,
    teacherId: Id.nullable().optional(),
    newTeacher: z.object({ surname: NamePart, name: NamePart, patronymic: OptionalNamePart.optional() }).strict().optional(),
  })
  .strict()
  .refine((v) => (v.teacherId !== undefined) !== (v.newTeacher !== undefined), {
    message: t.desk.teacher.chooseOrNew,
    path: ['teacherId'],
  });
export type ClassTeacher = z.output<typeof ClassTeacher>;

/** Applies the end of the year as previewed: refused when the roster changed since (`version`). */
export const YearEndApply = z.object({ version: z.number().int().min(0) }).strict();
