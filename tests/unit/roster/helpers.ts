// Helpers of the roster database/search tests: inline CSV files, an import shortcut, row counts.
import type { Core } from '../../../src-main/core/core.ts';
import type { Actor } from '../../../src-main/core/services/audit.ts';
import type { ImportOptions } from '../../../src-shared/roster/types.ts';
import type { ImportReport, KindCounts } from '../../../src-shared/roster/report.ts';
import type { AuditRow } from '../../../src-shared/rpc/types.ts';
import { CURATOR } from '../../support/core.ts';

/** The curator makeCore() signs up (operator id 1), acting from the desk app. */
export const DESK: Actor = { operatorId: 1, login: CURATOR.login, via: 'app' };
export const CLI_ACTOR: Actor = { operatorId: 1, login: CURATOR.login, via: 'cli' };
/** Environment of a signed-in CLI call against a makeCore() data dir. */
export const SIGNED_IN = { KURATOR_OPERATOR: CURATOR.login, KURATOR_PASSWORD: CURATOR.password };

/** Header of the wide layout the inline fixtures use (one row per student, parents in columns). */
export const WIDE_HEADER =
  'Класс;Фамилия;Имя;Отчество;Дата рождения;Пол;Мать (ФИО);Телефон матери;Email матери;Отец (ФИО);Телефон отца;Email отца';

/** A UTF-8 CSV file from lines (header first). */
export const csv = (...lines: string[]): Buffer => Buffer.from(`${lines.join('\n')}\n`, 'utf8');

/** A wide file: the header, then the rows. */
export const wide = (...rows: string[]): Buffer => csv(WIDE_HEADER, ...rows);

export async function importBytes(
  core: Core,
  bytes: Uint8Array,
  options: { fileName?: string; dryRun?: boolean; actor?: Actor; import?: ImportOptions } = {},
): Promise<ImportReport> {
  const outcome = await core.roster.importFile(
    options.actor ?? DESK,
    bytes,
    options.fileName ?? 'список.csv',
    options.import ?? {},
    options.dryRun ?? false,
  );
  return outcome.report;
}

export const counts = (added: number, updated: number, unchanged: number): KindCounts => ({ added, updated, unchanged });

/** Everything an import can write, row by row, plus the roster version and the audit length. */
export function snapshot(core: Core): {
  version: number;
  audit: number;
  imports: number;
  people: unknown[];
  classes: unknown[];
  links: unknown[];
} {
  const all = (q: string) => core.db.prepare(q).all();
  return {
    version: rosterVersion(core),
    audit: core.db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number,
    imports: core.db.prepare('SELECT count(*) FROM imports').pluck().get() as number,
    people: all('SELECT * FROM people ORDER BY id'),
    classes: all('SELECT * FROM classes ORDER BY id'),
    links: all('SELECT * FROM guardianships ORDER BY guardian_id, student_id'),
  };
}

export const rosterVersion = (core: Core): number =>
  (core.db.prepare('SELECT version FROM roster_meta WHERE id = 1').get() as { version: number }).version;

export interface PersonRow {
  id: number;
  kind: string;
  surname: string;
  name: string;
  patronymic: string | null;
  birthDate: string | null;
  sex: string | null;
  className: string | null;
  externalId: string | null;
  phone: string | null;
  email: string | null;
  archivedAt: string | null;
}

/** People whose folded full name starts with `prefix` (lower case), as stored. */
export function people(core: Core, surname: string): PersonRow[] {
  return core.db
    .prepare(
      `SELECT p.id, p.kind, p.surname, p.name, p.patronymic, p.birth_date AS birthDate, p.sex,
         c.grade || c.letter AS className, p.external_id AS externalId, p.phone, p.email, p.archived_at AS archivedAt
       FROM people p LEFT JOIN classes c ON c.id = p.class_id
       WHERE kurator_fold(p.surname) = kurator_fold(?) ORDER BY p.id`,
    )
    .all(surname) as PersonRow[];
}

export function person(core: Core, surname: string, name: string): PersonRow {
  const found = people(core, surname).filter((p) => p.name === name);
  if (found.length !== 1) throw new Error(`expected one ${surname} ${name}, found ${found.length}`);
  return found[0]!;
}

export function links(core: Core): { guardian: string; student: string; relation: string }[] {
  return core.db
    .prepare(
      `SELECT g.surname || ' ' || g.name AS guardian, s.surname || ' ' || s.name AS student, l.relation
       FROM guardianships l JOIN people g ON g.id = l.guardian_id JOIN people s ON s.id = l.student_id
       ORDER BY guardian, student`,
    )
    .all() as { guardian: string; student: string; relation: string }[];
}

/** Audit rows of one action, newest first. */
export const auditRows = (core: Core, action: string): AuditRow[] => core.audit.page({ action }, 500, 0).rows;
