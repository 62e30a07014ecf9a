// The roster as the importer hands it to the database layer, and the import options the wizard can
// override. Pure data: shared by the core (parser, apply) and the UI (wizard preview).

export type Sex = 'M' | 'F';
export type Relation = 'mother' | 'father' | 'other';
export type Layout = 'wide' | 'long';
export type Encoding = 'utf8' | 'cp1251' | 'koi8r';
export type Separator = ';' | ',' | '\t';

/** The fields a column can be mapped to. `fullName` fields split into surname/name/patronymic. */
export const FIELD_KEYS = [
  'class',
  'surname',
  'name',
  'patronymic',
  'fullName',
  'birthDate',
  'sex',
  'externalId',
  // wide layout: one row per student with the parents in columns
  'motherFullName',
  'motherPhone',
  'motherEmail',
  'fatherFullName',
  'fatherPhone',
  'fatherEmail',
  'guardianFullName',
  'guardianPhone',
  'guardianEmail',
  // long layout: one row per person with a role column; a parent row names its child
  'role',
  'relation',
  'phone',
  'email',
  'childFullName',
  'childBirthDate',
  'childClass',
] as const;
export type FieldKey = (typeof FIELD_KEYS)[number];

/** Column index (0-based) → field; unmapped columns are ignored. */
export type ColumnMapping = Record<number, FieldKey>;

export interface ImportOptions {
  encoding?: Encoding;
  separator?: Separator;
  layout?: Layout;
  /** XLSX: the sheet name; the first sheet when unset. */
  sheet?: string;
  mapping?: ColumnMapping;
  /**
   * People in the archive whom the file lists: returned from the archive (`true`), or — the default,
   * so that an old list never silently brings back those who left — left there untouched.
   */
  restoreArchived?: boolean;
}

export interface DetectedFormat {
  kind: 'csv' | 'xlsx' | 'ods' | 'xls';
  encoding: Encoding | null;
  /** CSV: the text looks read in the wrong encoding (mojibake or replacement characters). */
  garbled: boolean;
  /** The other encoding, when it reads the same bytes cleanly. */
  betterEncoding: Encoding | null;
  separator: Separator | null;
  sheet: string | null;
  sheets: string[];
  layout: Layout;
  header: string[];
  mapping: ColumnMapping;
  /** First data rows as read (after decoding), for the wizard's preview. */
  sample: string[][];
}

export interface ParsedStudent {
  /** Match key inside the file: folded full name + birth date. */
  key: string;
  line: number;
  surname: string;
  name: string;
  patronymic: string | null;
  /** `YYYY-MM-DD`. */
  birthDate: string;
  sex: Sex | null;
  /** `6А`. */
  className: string;
  externalId: string | null;
}

export interface ParsedGuardian {
  /** Stable key inside the file (the same person across rows gets one key). */
  key: string;
  lines: number[];
  surname: string;
  name: string;
  patronymic: string | null;
  /** `+7XXXXXXXXXX`. */
  phone: string | null;
  /** Trimmed, lower case. */
  email: string | null;
}

export interface ParsedLink {
  studentKey: string;
  guardianKey: string;
  relation: Relation;
  line: number;
}

export interface ParsedStaff {
  key: string;
  line: number;
  surname: string;
  name: string;
  patronymic: string | null;
  phone: string | null;
  email: string | null;
  /** Class whose class teacher this person is, `6А`. */
  classTeacherOf: string | null;
}

export interface ImportProblem {
  /** Physical line in the file (1 = header) or the spreadsheet row number. */
  line: number;
  /** The column header as the school wrote it (or the field name when there is no column). */
  field: string;
  /** In Russian. */
  message: string;
  /** `error`: the row is rejected. `warning`: the row is imported, the field is dropped or fixed. */
  severity: 'error' | 'warning';
  value?: string;
}

export interface ParsedRoster {
  format: DetectedFormat;
  rowsTotal: number;
  rowsRejected: number;
  /** Classes met in accepted rows, `6А`, sorted by grade then letter. */
  classes: string[];
  students: ParsedStudent[];
  guardians: ParsedGuardian[];
  links: ParsedLink[];
  staff: ParsedStaff[];
  /** Rows identical to an earlier row: imported once, reported. */
  duplicateRows: { line: number; duplicateOf: number }[];
  problems: ImportProblem[];
  /** Whom each line with a problem is about, as the file writes the name (a line number alone tells nobody anything). */
  rowNames?: ReadonlyMap<number, string>;
}
