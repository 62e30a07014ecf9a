// Column headers and role values of roster files: synonym tables (data) and the detection of the
// column mapping and the layout. Pure: the importer uses it, the wizard may re-run it on its preview.

import { fold } from '../text.ts';
import { FIELD_KEYS } from './types.ts';
import type { ColumnMapping, FieldKey, Layout, Relation } from './types.ts';

/**
 * The comparison key of a header or a role value: folded (case, `ё`), every character that is not
 * a letter or a digit removed, spaces too: `Ф.И.О. ученика` → `фиоученика`, `E-mail матери` →
 * `emailматери`, `Мать (ФИО)` → `матьфио`.
 */
export function headerKey(s: string): string {
  return fold(s).replace(/[^\p{L}\p{N}]+/gu, '');
}

const FIELD_SET: ReadonlySet<string> = new Set(FIELD_KEYS);

export const isFieldKey = (v: unknown): v is FieldKey => typeof v === 'string' && FIELD_SET.has(v);

// ---------------------------------------------------------------------------------------------
// Synonym tables. Every entry is written as a person would write it; `headerKey` compacts it.

/** Headers of the student's own columns (and of the person's columns in a long layout). */
const PERSON_FIELDS: Readonly<Partial<Record<FieldKey, readonly string[]>>> = {
  class: ['Класс', 'Кл.', 'Класс (литера)', 'Класс/литера', 'Учебный класс', 'class', 'grade', 'form', 'class name'],
  surname: ['Фамилия', 'surname', 'last name', 'family name'],
  name: ['Имя', 'first name', 'given name', 'forename'],
  patronymic: ['Отчество', 'Отчество (при наличии)', 'middle name', 'patronymic'],
  fullName: ['ФИО', 'Ф.И.О.', 'Фамилия Имя Отчество', 'Фамилия, имя, отчество', 'Полное имя', 'full name', 'name surname'],
  birthDate: [
    'Дата рождения',
    'Д.р.',
    'ДР',
    'Дата рожд.',
    'Дата рожд',
    'День рождения',
    'birth date',
    'date of birth',
    'birthdate',
    'dob',
    'birthday',
  ],
  sex: ['Пол', 'sex', 'gender'],
  externalId: [
    'ID',
    'Ид',
    'Идентификатор',
    'student id',
    'Личный номер',
    'Номер личного дела',
    '№ личного дела',
    'Табельный номер',
    'external id',
    'uid',
  ],
};

/** Words a person column may carry to say it is the student's (`Фамилия ученика`, `student name`). */
const STUDENT_QUALIFIERS = [
  'ученика',
  'ученицы',
  'учащегося',
  'учащейся',
  'обучающегося',
  'обучающейся',
  'школьника',
  'student',
  'students',
  'student’s',
  'pupil',
  'pupils',
];

/** A whole column naming the student: `Ученик`, `Обучающийся`. */
const STUDENT_FULL_NAME = [
  'Ученик',
  'Учащийся',
  'Обучающийся',
  'Обучающиеся',
  'Ученик (ФИО)',
  'student',
  'pupil',
  'student name',
  'pupil name',
];

/** Long layout: the row's person and the child a parent row names. */
const LONG_FIELDS: Readonly<Partial<Record<FieldKey, readonly string[]>>> = {
  role: ['Роль', 'Роль в системе', 'Роль в ОО', 'Тип участника', 'Участник', 'role', 'person type'],
  relation: [
    'Кем приходится',
    'Кем приходится ребенку',
    'Кем приходится ученику',
    'Степень родства',
    'Родство',
    'Отношение',
    'relation',
    'relationship',
    'kinship',
  ],
  phone: [
    'Телефон',
    'Тел.',
    'Тел',
    'Моб. телефон',
    'Мобильный телефон',
    'Мобильный',
    'Сотовый',
    'Сотовый телефон',
    'Контактный телефон',
    'Номер телефона',
    'phone',
    'phone number',
    'mobile',
    'mobile phone',
    'tel',
    'telephone',
  ],
  email: [
    'Email',
    'E-mail',
    'Эл. почта',
    'Электронная почта',
    'Адрес электронной почты',
    'Эл. адрес',
    'Почта',
    'mail',
    'email address',
    'e-mail address',
  ],
  childFullName: [
    'Ребёнок',
    'Ребенок',
    'Дети',
    'ФИО ребёнка',
    'ФИО детей',
    'Ребёнок (ФИО)',
    'Чей родитель',
    'child',
    'child name',
    'child full name',
    'children',
  ],
  childBirthDate: [
    'Дата рождения ребёнка',
    'Д.р. ребёнка',
    'ДР ребёнка',
    'child birth date',
    'child date of birth',
    'child dob',
    'child birthday',
  ],
  childClass: ['Класс ребёнка', 'Класс ученика, родителем которого является', 'child class', 'child grade'],
};

/** Wide layout: words naming the parent a column belongs to, by parent field prefix. */
const PARENT_WORDS: Readonly<Record<'mother' | 'father' | 'guardian', readonly string[]>> = {
  mother: ['мать', 'матери', 'мама', 'мамы', 'маме', 'mother', 'mothers', 'mother’s', 'mom', 'mum'],
  father: ['отец', 'отца', 'папа', 'папы', 'папе', 'father', 'fathers', 'father’s', 'dad'],
  guardian: [
    'опекун',
    'опекуна',
    'опекунов',
    'попечитель',
    'попечителя',
    'законный представитель',
    'законного представителя',
    'представитель',
    'представителя',
    'иной законный представитель',
    'родитель',
    'родителя',
    'родителей',
    'guardian',
    'guardians',
    'guardian’s',
    'parent',
    'parents',
    'legal representative',
  ],
};

/** Wide layout: words naming what a parent column holds. Combined with `PARENT_WORDS` in either order. */
const PARENT_FIELD_WORDS: Readonly<Record<'FullName' | 'Phone' | 'Email', readonly string[]>> = {
  FullName: ['', 'ФИО', 'Ф.И.О.', 'Фамилия Имя Отчество', 'Полное имя', 'name', 'full name'],
  Phone: LONG_FIELDS.phone ?? [],
  Email: LONG_FIELDS.email ?? [],
};

/** Words that make a student column a child column (`ФИО ребёнка`, `Класс ребёнка`). */
const CHILD_QUALIFIERS = ['ребенка', 'ребёнка', 'детей', 'child', 'childs', 'child’s'];

function buildHeaderTable(): Map<string, FieldKey> {
  const table = new Map<string, FieldKey>();
  const put = (text: string, field: FieldKey): void => {
    const key = headerKey(text);
    if (key !== '' && !table.has(key)) table.set(key, field);
  };
  for (const [field, words] of Object.entries(LONG_FIELDS) as [FieldKey, string[]][]) for (const w of words) put(w, field);
  for (const [field, words] of Object.entries(PERSON_FIELDS) as [FieldKey, string[]][]) {
    for (const w of words) {
      put(w, field);
      for (const q of STUDENT_QUALIFIERS) {
        put(`${w} ${q}`, field);
        put(`${q} ${w}`, field);
      }
    }
  }
  for (const w of STUDENT_FULL_NAME) put(w, 'fullName');
  for (const [parent, roleWords] of Object.entries(PARENT_WORDS)) {
    for (const [suffix, fieldWords] of Object.entries(PARENT_FIELD_WORDS)) {
      const field = `${parent}${suffix}` as FieldKey;
      for (const r of roleWords) {
        for (const f of fieldWords) {
          put(`${r} ${f}`, field);
          put(`${f} ${r}`, field);
        }
      }
    }
  }
  // `Фамилия ребёнка` has no child field of its own: in a wide file the child is the student.
  const childOf: [FieldKey, FieldKey][] = [
    ['fullName', 'childFullName'],
    ['birthDate', 'childBirthDate'],
    ['class', 'childClass'],
    ['surname', 'surname'],
    ['name', 'name'],
    ['patronymic', 'patronymic'],
    ['sex', 'sex'],
  ];
  for (const [own, child] of childOf) {
    for (const w of PERSON_FIELDS[own] ?? []) {
      for (const q of CHILD_QUALIFIERS) {
        put(`${w} ${q}`, child);
        put(`${q} ${w}`, child);
      }
    }
  }
  return table;
}

const HEADER_TABLE = buildHeaderTable();

/** Every header key the detection knows, with its field (for the wizard's hints and for tests). */
export function knownHeaders(): ReadonlyMap<string, FieldKey> {
  return HEADER_TABLE;
}

/**
 * The field a header names, or `null`. Tried as written, then without a parenthesised remark
 * (`Телефон матери (моб.)`), then without a trailing required-mark or number (`Имя*`, `Телефон 1`).
 */
export function matchHeader(header: string): FieldKey | null {
  const whole = HEADER_TABLE.get(headerKey(header));
  if (whole) return whole;
  const noRemark = header.replace(/\([^)]*\)/g, ' ');
  if (noRemark !== header) {
    const f = HEADER_TABLE.get(headerKey(noRemark));
    if (f) return f;
  }
  const noNumber = header.replace(/[\s\d*#№.]+$/u, '');
  if (noNumber !== header && noNumber !== '') return HEADER_TABLE.get(headerKey(noNumber)) ?? null;
  return null;
}

/** Header row → mapping. A field met twice keeps its first column; the later one stays unmapped. */
export function detectMapping(header: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const taken = new Set<FieldKey>();
  header.forEach((h, i) => {
    const f = matchHeader(h);
    if (f && !taken.has(f)) {
      taken.add(f);
      mapping[i] = f;
    }
  });
  return mapping;
}

export function mappedFields(mapping: ColumnMapping): Set<FieldKey> {
  return new Set(Object.values(mapping));
}

const WIDE_PARENT_FIELDS: readonly FieldKey[] = [
  'motherFullName',
  'motherPhone',
  'motherEmail',
  'fatherFullName',
  'fatherPhone',
  'fatherEmail',
  'guardianFullName',
  'guardianPhone',
  'guardianEmail',
];

/** A role (or relation) column → long; otherwise wide (mother/father/guardian columns, or students only). */
export function detectLayout(mapping: ColumnMapping): Layout {
  const fields = mappedFields(mapping);
  if (fields.has('role')) return 'long';
  if (fields.has('relation') && !WIDE_PARENT_FIELDS.some((f) => fields.has(f))) return 'long';
  return 'wide';
}

/**
 * In a wide file there is no other child than the student: `ФИО ребёнка`, `Дата рождения ребёнка`,
 * `Класс ребёнка` are the student's columns. Returns a new mapping.
 */
export function adaptMappingToLayout(mapping: ColumnMapping, layout: Layout): ColumnMapping {
  if (layout === 'long') return { ...mapping };
  const fields = mappedFields(mapping);
  const out: ColumnMapping = {};
  const own: Partial<Record<FieldKey, FieldKey>> = { childFullName: 'fullName', childBirthDate: 'birthDate', childClass: 'class' };
  for (const [col, f] of Object.entries(mapping)) {
    const target = own[f];
    if (target && !fields.has(target)) {
      fields.add(target);
      out[Number(col)] = target;
    } else out[Number(col)] = f;
  }
  return out;
}

/**
 * Required columns missing for a layout. `fullName` in the result stands for «ФИО, or Фамилия and
 * Имя». Wide: class, the student's name, birth date. Long: role, the person's name (class and birth
 * date are checked once the rows show students).
 */
export function missingRequired(mapping: ColumnMapping, layout: Layout): FieldKey[] {
  const f = mappedFields(mapping);
  const missing: FieldKey[] = [];
  if (layout === 'long' && !f.has('role') && !f.has('relation')) missing.push('role');
  if (layout === 'wide' && !f.has('class')) missing.push('class');
  if (!f.has('fullName')) {
    if (f.has('surname') && !f.has('name')) missing.push('name');
    else if (f.has('name') && !f.has('surname')) missing.push('surname');
    else if (!f.has('surname') && !f.has('name')) missing.push('fullName');
  }
  if (layout === 'wide' && !f.has('birthDate')) missing.push('birthDate');
  return missing;
}

// ---------------------------------------------------------------------------------------------
// Role values of a long layout

export type PersonRole = 'student' | 'mother' | 'father' | 'guardian' | 'parent' | 'teacher' | 'classTeacher';

const ROLE_SYNONYMS: Readonly<Record<PersonRole, readonly string[]>> = {
  student: [
    'ученик',
    'ученица',
    'учащийся',
    'учащаяся',
    'обучающийся',
    'обучающаяся',
    'школьник',
    'школьница',
    'уч',
    'student',
    'pupil',
    'learner',
  ],
  mother: ['мать', 'мама', 'mother', 'mom', 'mum'],
  father: ['отец', 'папа', 'father', 'dad'],
  guardian: [
    'опекун',
    'опекунша',
    'попечитель',
    'законный представитель',
    'иной законный представитель',
    'представитель',
    'приёмный родитель',
    'приемная мать',
    'приемный отец',
    'бабушка',
    'дедушка',
    'тётя',
    'дядя',
    'брат',
    'сестра',
    'guardian',
    'legal guardian',
    'legal representative',
    'other',
    'другое',
    'иное',
    'grandmother',
    'grandfather',
  ],
  parent: ['родитель', 'родители', 'родитель (законный представитель)', 'parent'],
  teacher: ['учитель', 'учительница', 'педагог', 'преподаватель', 'сотрудник', 'работник', 'teacher', 'staff', 'employee'],
  classTeacher: [
    'классный руководитель',
    'кл. руководитель',
    'кл. рук.',
    'классный рук.',
    'классрук',
    'class teacher',
    'homeroom teacher',
    'form tutor',
    'form teacher',
  ],
};

const ROLE_TABLE = new Map<string, PersonRole>(
  (Object.entries(ROLE_SYNONYMS) as [PersonRole, readonly string[]][]).flatMap(([role, words]) =>
    words.map((w) => [headerKey(w), role] as const),
  ),
);

/** A role cell → role, or `null` when unknown. */
export function parseRole(value: string): PersonRole | null {
  return ROLE_TABLE.get(headerKey(value)) ?? null;
}

/** A relation cell (`Кем приходится`) → relation; `null` when empty or unknown. */
export function parseRelation(value: string): Relation | null {
  const role = parseRole(value);
  if (role === 'mother' || role === 'father') return role;
  if (role === 'guardian' || role === 'parent') return 'other';
  return null;
}
