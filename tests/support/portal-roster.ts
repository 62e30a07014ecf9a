// The roster as sync leaves it on the portal (classes, people, links, codes as keyed hashes), written
// straight into the tables: registration tests need a school's people and codes without an office.
import { randomInt, randomUUID } from 'node:crypto';
import type { Db } from '../../src-portal/db/connect.ts';
import type { PortalSecrets } from '../../src-portal/secrets.ts';
import { codeKeyOf } from '../../src-portal/roster/queries.ts';
import { codeDigest } from '../../src-node/code-hash.ts';
import { CODE_ALPHABET, CODE_DATA_LENGTH, formatCode, withCheckSymbol } from '../../src-shared/codes/index.ts';

const UPDATED = new Date('2026-08-20T09:00:00Z');

/** A fresh valid code (clean, 10 symbols), never all digits (those read as phone numbers). */
export function newCode(): string {
  for (;;) {
    let data = '';
    for (let i = 0; i < CODE_DATA_LENGTH; i++) data += CODE_ALPHABET[randomInt(32)];
    const code = withCheckSymbol(data);
    if (!/^\d+$/.test(code)) return code;
  }
}

export async function addClass(db: Db, schoolId: number, name: string): Promise<string> {
  const uid = randomUUID();
  await db.insertInto('roster_classes').values({ school_id: schoolId, uid, name, removed_at: null }).execute();
  return uid;
}

export interface PersonSeed {
  surname: string;
  name: string;
  patronymic?: string | null;
  birthDate?: string | null;
  classUid?: string | null;
  archived?: boolean;
}

async function addPerson(db: Db, schoolId: number, kind: 'student' | 'guardian', p: PersonSeed): Promise<string> {
  const uid = randomUUID();
  await db
    .insertInto('roster_people')
    .values({
      school_id: schoolId,
      uid,
      kind,
      surname: p.surname,
      name: p.name,
      patronymic: p.patronymic ?? null,
      birth_date: p.birthDate ?? null,
      class_uid: p.classUid ?? null,
      archived_at: p.archived ? UPDATED : null,
      updated_at: UPDATED,
    })
    .execute();
  return uid;
}

export const addStudent = (db: Db, schoolId: number, p: PersonSeed & { birthDate: string; classUid: string }) =>
  addPerson(db, schoolId, 'student', p);
export const addGuardian = (db: Db, schoolId: number, p: PersonSeed) => addPerson(db, schoolId, 'guardian', p);

export async function addLink(
  db: Db,
  schoolId: number,
  guardianUid: string,
  studentUid: string,
  relation: 'mother' | 'father' | 'other' = 'mother',
): Promise<void> {
  await db
    .insertInto('roster_links')
    .values({ school_id: schoolId, guardian_uid: guardianUid, student_uid: studentUid, relation, removed_at: null })
    .execute();
}

export interface CodeSeed {
  kind: 'student' | 'parent';
  studentUid: string;
  guardianUid?: string | null;
  validUntil?: string;
  state?: 'issued' | 'revoked';
  revokeReason?: string | null;
  /** The clean code; a fresh one when not given. */
  code?: string;
}

export interface SeededCode {
  uid: string;
  /** Clean (`k7m2x9q4tz`). */
  code: string;
  /** As printed (`k7m2-x9q-4tz`). */
  printed: string;
}

/** A code as sync stores it: HMAC(the school's code key, clean code), never the text. */
export async function addCode(db: Db, secrets: PortalSecrets, schoolId: number, c: CodeSeed): Promise<SeededCode> {
  const uid = randomUUID();
  const code = c.code ?? newCode();
  await db
    .insertInto('invitation_codes')
    .values({
      school_id: schoolId,
      uid,
      code_hash: codeDigest(codeKeyOf(secrets, schoolId), code),
      kind: c.kind,
      student_uid: c.studentUid,
      guardian_uid: c.guardianUid ?? null,
      valid_until: c.validUntil ?? '2027-08-31',
      state: c.state ?? 'issued',
      revoke_reason: c.revokeReason ?? null,
      redeemed_at: null,
      redeemed_by: null,
    })
    .execute();
  return { uid, code, printed: formatCode(code) };
}

export interface SeededFamily {
  classUid: string;
  studentUid: string;
  guardianUid: string;
  studentCode: SeededCode;
  parentCode: SeededCode;
}

let counter = 0;

/**
 * A student of `className` with a mother on file, and a code for each. Names are unique per call
 * (`Иванова2 Мария`) unless given.
 */
export async function seedFamily(
  db: Db,
  secrets: PortalSecrets,
  schoolId: number,
  options: {
    className?: string;
    classUid?: string;
    student?: Partial<Omit<PersonSeed, 'birthDate' | 'classUid'>> & { birthDate?: string };
    guardian?: Partial<PersonSeed>;
  } = {},
): Promise<SeededFamily> {
  const n = ++counter;
  const classUid = options.classUid ?? (await addClass(db, schoolId, options.className ?? '6А'));
  const studentUid = await addStudent(db, schoolId, {
    surname: `Иванова${n}`,
    name: 'Мария',
    patronymic: 'Петровна',
    birthDate: '2014-03-15',
    classUid,
    ...options.student,
  });
  const guardianUid = await addGuardian(db, schoolId, {
    surname: `Иванова${n}`,
    name: 'Елена',
    patronymic: 'Сергеевна',
    ...options.guardian,
  });
  await addLink(db, schoolId, guardianUid, studentUid, 'mother');
  const studentCode = await addCode(db, secrets, schoolId, { kind: 'student', studentUid });
  const parentCode = await addCode(db, secrets, schoolId, { kind: 'parent', studentUid, guardianUid });
  return { classUid, studentUid, guardianUid, studentCode, parentCode };
}
