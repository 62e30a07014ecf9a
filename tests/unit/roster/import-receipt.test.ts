// The import's receipt (src-main/core/roster/receipt.ts): a re-import of the same file on a roster
// unchanged since answers from it. Every test runs twins — two data folders given the same files,
// edits and clock — where `fast` keeps its receipts and `slow` loses its receipt before every import,
// so it always reads and matches the file: their reports and their databases must be the same.
import { afterEach, describe, expect, it } from 'vitest';
import { makeCore, type TestCore } from '../../support/core.ts';
import { localDate } from '../../../src-main/core/clock.ts';
import { readReceipt, receiptKey } from '../../../src-main/core/roster/receipt.ts';
import { applyAndForesee } from '../../../src-main/core/roster/apply.ts';
import { parseRoster } from '../../../src-main/core/roster/import/index.ts';
import { sha256 } from '../../../src-main/core/roster/service.ts';
import type { Core } from '../../../src-main/core/core.ts';
import type { ImportOptions } from '../../../src-shared/roster/types.ts';
import type { ImportReport } from '../../../src-shared/roster/report.ts';
import { AppError } from '../../../src-shared/result.ts';
import { DESK, counts, csv, person, wide } from './helpers.ts';
import { mulberry32 } from '../../../bench/generate.ts';

interface Twins {
  fast: TestCore;
  slow: TestCore;
  /** Imports through the receipt so far (the fast twin). */
  hits: number;
}

let twins: Twins | undefined;
afterEach(() => {
  twins?.fast.close();
  twins?.slow.close();
  twins = undefined;
});

async function makeTwins(): Promise<Twins> {
  twins = { fast: await makeCore(), slow: await makeCore(), hits: 0 };
  return twins;
}

/** Every row an import can write or read, without the random uids and the journal's keyed hashes. */
function contents(core: Core): Record<string, unknown> {
  const all = (q: string) => core.db.prepare(q).all();
  return {
    version: core.db.prepare('SELECT version FROM roster_meta').pluck().get(),
    people: all(`SELECT id, kind, surname, name, patronymic, name_key, birth_date, sex, class_id, external_id, phone, email,
                   archived_at, created_at, updated_at FROM people ORDER BY id`),
    classes: all('SELECT id, grade, letter, teacher_id, created_at FROM classes ORDER BY id'),
    links: all('SELECT * FROM guardianships ORDER BY guardian_id, student_id'),
    imports: all('SELECT * FROM imports ORDER BY id'),
    audit: all(`SELECT id, at, operator_id, operator_login, action, person_kind, person_id, person_label, details
                FROM audit_log ORDER BY id`),
  };
}

interface Call {
  fileName?: string;
  options?: ImportOptions;
  dryRun?: boolean;
  /** Whether the fast twin must answer from its receipt (asserted before the import). */
  fast?: boolean;
}

const receiptFor = (t: TestCore, bytes: Uint8Array, fileName: string, options: ImportOptions) =>
  readReceipt(t.core.db, receiptKey({ sha256: sha256(bytes), fileName, options, today: localDate(t.clock.now()) }));

const outcome = async <T>(f: () => Promise<T>): Promise<{ ok: T } | { reason: string }> => {
  try {
    return { ok: await f() };
  } catch (e) {
    if (e instanceof AppError) return { reason: e.reason };
    throw e;
  }
};

/** Imports `bytes` into both twins; their outcomes (a refusal too) and databases must be the same. */
async function importBothOrRefuse(tw: Twins, bytes: Uint8Array, call: Call = {}): Promise<ImportReport | string> {
  const fileName = call.fileName ?? 'список.csv';
  const options = call.options ?? {};
  const held = receiptFor(tw.fast, bytes, fileName, options) !== null;
  if (call.fast !== undefined) expect(held, 'the fast twin answers from its receipt').toBe(call.fast);
  if (held) tw.hits++;
  tw.slow.core.db.prepare('DELETE FROM import_receipt').run();
  const run = (t: TestCore) => outcome(() => t.core.roster.importFile(DESK, bytes, fileName, options, call.dryRun ?? false));
  const fast = await run(tw.fast);
  const slow = await run(tw.slow);
  expect(fast).toStrictEqual(slow);
  expect(contents(tw.fast.core)).toStrictEqual(contents(tw.slow.core));
  return 'ok' in fast ? fast.ok.report : fast.reason;
}

/** `importBothOrRefuse` of a file that imports: the report. */
async function importBoth(tw: Twins, bytes: Uint8Array, call: Call = {}): Promise<ImportReport> {
  const r = await importBothOrRefuse(tw, bytes, call);
  if (typeof r === 'string') throw new Error(`the import was refused: ${r}`);
  return r;
}

/** The wizard's preview in both twins. */
async function analyzeBoth(tw: Twins, bytes: Uint8Array, call: Call = {}): Promise<void> {
  const fileName = call.fileName ?? 'список.csv';
  const options = call.options ?? {};
  if (call.fast !== undefined) expect(receiptFor(tw.fast, bytes, fileName, options) !== null).toBe(call.fast);
  tw.slow.core.db.prepare('DELETE FROM import_receipt').run();
  const run = (t: TestCore) => outcome(() => t.core.roster.analyze(bytes, fileName, options));
  expect(await run(tw.fast)).toStrictEqual(await run(tw.slow));
  expect(contents(tw.fast.core)).toStrictEqual(contents(tw.slow.core));
}

/** The same hand edit (or clock move) in both twins. */
function both(tw: Twins, edit: (t: TestCore) => void): void {
  edit(tw.fast);
  edit(tw.slow);
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const IVANOVA = '6А;Иванова;Мария;Петровна;05.03.2012;Ж;Иванова Анна Сергеевна;8 (902) 170-28-76;;Иванов Пётр Олегович;+7 903 111 22 33;';
const SEMYONOV = '6А;Семёнов;Лев;Игоревич;01.02.2012;;Семёнова Ольга Викторовна;89004445566;olga.sem@yandex.ru;;;';
const SEMYONOVA = '6Б;Семёнова;Дарья;Игоревна;11.11.2012;Ж;СЕМЕНОВА ОЛЬГА ВИКТОРОВНА;+7 900 444-55-66;;;;';
const ORLOV = '7А;Орлов;Никита;;15.07.2011;М;Орлова Елена;;;;;';
const BASE = wide(IVANOVA, SEMYONOV, SEMYONOVA, ORLOV);

describe('a re-import answered from the receipt', () => {
  it('an unchanged file: the same report and rows as the long way, again and again', async () => {
    const tw = await makeTwins();
    const first = await importBoth(tw, BASE, { fast: false });
    expect(first).toMatchObject({ students: counts(4, 0, 0), changed: true });
    for (let i = 0; i < 3; i++) {
      both(tw, (t) => t.clock.advance(MINUTE));
      const again = await importBoth(tw, BASE, { fast: true });
      expect(again).toMatchObject({ students: counts(0, 0, 4), guardians: counts(0, 0, 4), links: counts(0, 0, 5), changed: false });
    }
    // The preview and a dry run answer from it too.
    await analyzeBoth(tw, BASE, { fast: true });
    expect(await importBoth(tw, BASE, { fast: true, dryRun: true })).toMatchObject({ dryRun: true, changed: false });
    expect(tw.hits).toBe(4);
  });

  it('one row changed, a row removed, a row added: the long way, then the receipt of the new file', async () => {
    const tw = await makeTwins();
    await importBoth(tw, BASE);
    const moved = wide(IVANOVA.replace('6А;', '7А;'), SEMYONOV, SEMYONOVA, ORLOV);
    expect(await importBoth(tw, moved, { fast: false })).toMatchObject({ students: counts(0, 1, 3), changed: true });
    expect(await importBoth(tw, moved, { fast: true })).toMatchObject({ students: counts(0, 0, 4), changed: false });
    const removed = wide(IVANOVA.replace('6А;', '7А;'), SEMYONOV, ORLOV);
    const r = await importBoth(tw, removed, { fast: false });
    expect(r.missing.map((m) => m.fullName)).toEqual([]); // 6Б is no longer in the file
    expect(await importBoth(tw, removed, { fast: true })).toMatchObject({ changed: false });
    const added = wide(IVANOVA, SEMYONOV, ORLOV, '7А;Орлова;Вера;;02.02.2011;Ж;Орлова Елена;;;;;');
    expect(await importBoth(tw, added, { fast: false })).toMatchObject({ students: counts(1, 1, 2), changed: true });
    const again = await importBoth(tw, added, { fast: true });
    expect(again).toMatchObject({ students: counts(0, 0, 4), changed: false });
  });

  it('the roster changed in the office between imports: the long way, and what it reports', async () => {
    const tw = await makeTwins();
    await importBoth(tw, BASE);
    await importBoth(tw, BASE, { fast: true });
    // A parent's phone corrected by hand: she is still found by her email, and the file's phone is a conflict.
    both(tw, (t) => {
      t.clock.advance(MINUTE);
      t.core.roster.updatePerson(DESK, { id: person(t.core, 'Семёнова', 'Ольга').id, phone: '+79025551122' });
    });
    const conflict = await importBoth(tw, BASE, { fast: false });
    expect(conflict.conflicts).toHaveLength(1);
    expect(await importBoth(tw, BASE, { fast: true })).toMatchObject({ conflicts: conflict.conflicts, changed: false });
    // A student archived by hand: named as archived, left there; then brought back when asked.
    both(tw, (t) => t.core.roster.setArchived(DESK, [person(t.core, 'Орлов', 'Никита').id], true));
    const kept = await importBoth(tw, BASE, { fast: false });
    expect(kept.archived).toHaveLength(1);
    expect(await importBoth(tw, BASE, { fast: true })).toMatchObject({ archived: kept.archived, changed: false });
    const restore = { restoreArchived: true };
    expect(await importBoth(tw, BASE, { options: restore, fast: false })).toMatchObject({ changed: true });
    expect(await importBoth(tw, BASE, { options: restore, fast: true })).toMatchObject({ archived: [], changed: false });
    // Another option is another key: the long way.
    await importBoth(tw, BASE, { fast: false });
  });

  it('the same rows in another order, another file name, another day: the long way', async () => {
    const tw = await makeTwins();
    await importBoth(tw, BASE);
    const reordered = wide(ORLOV, SEMYONOVA, SEMYONOV, IVANOVA);
    const r = await importBoth(tw, reordered, { fast: false });
    expect(r).toMatchObject({ students: counts(0, 0, 4), changed: false });
    await importBoth(tw, reordered, { fast: true });
    await importBoth(tw, reordered, { fileName: 'другой.csv', fast: false });
    both(tw, (t) => t.clock.advance(DAY));
    await importBoth(tw, reordered, { fileName: 'другой.csv', fast: false });
    await importBoth(tw, reordered, { fileName: 'другой.csv', fast: true });
  });

  it('warnings, rejected rows, duplicates and missing students are reported the same from the receipt', async () => {
    const tw = await makeTwins();
    await importBoth(tw, BASE);
    const messy = wide(
      IVANOVA,
      IVANOVA, // an exact duplicate
      '6А;Семёнов;Лев;Игоревич;01.02.2012;;Семёнова Ольга Викторовна;12345;не почта;;;', // phone and email dropped
      '6Б;Петров;Олег;;31.02.2012;М;;;;;;', // no such date: rejected
      '6Б;Кузнецов;Иван;;01.01.1990;М;;;;;;', // not a student's birth date
      '6Б;Кузнецов;Пётр;;01.01.2012;М;;;;;;',
    );
    const first = await importBoth(tw, messy, { fast: false });
    expect(first.duplicateRows).toBe(1);
    expect(first.warnings.length).toBeGreaterThan(0);
    expect(first.errors.length).toBeGreaterThan(0);
    expect(first.missing.map((m) => m.fullName)).toContain('Семёнова Дарья Игоревна');
    const again = await importBoth(tw, messy, { fast: true });
    expect(again).toMatchObject({ warnings: first.warnings, errors: first.errors, duplicates: first.duplicates, missing: first.missing });
  });

  it('staff and class teachers (the long layout)', async () => {
    const tw = await makeTwins();
    const long = csv(
      'Роль;Фамилия;Имя;Отчество;Класс;Дата рождения;Телефон;Эл. почта;Ребёнок;Дата рождения ребёнка',
      'Мама;Белова;Ирина;Сергеевна;;;8 (926) 111-22-33;;Белов Максим Андреевич;',
      'Ученик;Белов;Максим;Андреевич;4Б;12.12.2016;;;;',
      'Классный руководитель;Смирнова;Елена;Викторовна;4 "Б";;8 (495) 123-45-67;e.smirnova@school.ru;;',
      'Учитель;Козлов;Дмитрий;Олегович;;;;;;',
    );
    await importBoth(tw, long, { fast: false });
    expect(await importBoth(tw, long, { fast: true })).toMatchObject({ staff: counts(0, 0, 2), classes: counts(0, 0, 1) });
  });

  it('a parent who comes only with a student left in the archive: not added, so the receipt holds', async () => {
    const tw = await makeTwins();
    await importBoth(tw, BASE);
    both(tw, (t) => t.core.roster.setArchived(DESK, [person(t.core, 'Орлов', 'Никита').id], true));
    // Orlov stays archived and his new father (no phone, no email) could only be found again by a
    // link to him: he is not added, and the same file again changes nothing (it once added him each time).
    const withFather = wide(IVANOVA, SEMYONOV, SEMYONOVA, '7А;Орлов;Никита;;15.07.2011;М;Орлова Елена;;;Орлов Павел;;');
    for (let i = 0; i < 3; i++) {
      both(tw, (t) => t.clock.advance(MINUTE));
      const r = await importBoth(tw, withFather, { fast: i > 0 });
      expect(r).toMatchObject({ guardians: counts(0, 0, 4), changed: false });
    }
    // Returned: the father comes with him once; then the receipt answers.
    const restore = { restoreArchived: true };
    expect(await importBoth(tw, withFather, { options: restore, fast: false })).toMatchObject({ guardians: counts(1, 0, 4) });
    expect(await importBoth(tw, withFather, { options: restore, fast: true })).toMatchObject({ guardians: counts(0, 0, 5) });
    expect(await importBoth(tw, withFather, { fast: false })).toMatchObject({ guardians: counts(0, 0, 5), changed: false });
    expect(tw.fast.core.db.prepare("SELECT count(*) FROM people WHERE kind = 'guardian'").pluck().get()).toBe(5);
  });

  it('the roster changed after the receipt was read, before the import writes: the long way', async () => {
    const tw = await makeTwins();
    await importBoth(tw, BASE);
    tw.slow.core.db.prepare('DELETE FROM import_receipt').run();
    expect(receiptFor(tw.fast, BASE, 'список.csv', {})).not.toBeNull();
    // The caller's last word comes after the receipt is read; an archiving there moves the roster on.
    const archive = (t: TestCore) => () => void t.core.roster.setArchived(DESK, [person(t.core, 'Орлов', 'Никита').id], true);
    const fast = await tw.fast.core.roster.importFile(DESK, BASE, 'список.csv', {}, false, archive(tw.fast));
    const slow = await tw.slow.core.roster.importFile(DESK, BASE, 'список.csv', {}, false, archive(tw.slow));
    expect(fast).toStrictEqual(slow);
    expect(fast.report.archived).toHaveLength(1);
    expect(contents(tw.fast.core)).toStrictEqual(contents(tw.slow.core));
  });
});

describe('foreseeing the same file again (applyAndForesee)', () => {
  it('rows that would write again foresee nothing, so no receipt is kept; rows that would not, their report', async () => {
    const { fast: t } = await makeTwins();
    const at = () => new Date(t.clock.now()).toISOString();
    const parsed = await parseRoster(BASE, 'список.csv', {}, { clock: t.clock });
    // The parser gives every parent a child; a parent without one, phone or email (crafted here)
    // could not be found again, so the same rows would add them again.
    const orlova = parsed.guardians.find((g) => g.surname === 'Орлова')!;
    const lonely = { ...parsed, links: parsed.links.filter((l) => l.guardianKey !== orlova.key) };
    const once = t.core.db.transaction(() => applyAndForesee(t.core.db, lonely, { at: at() }))();
    expect(once.report.guardians).toEqual(counts(4, 0, 0));
    expect(once.next).toBeNull();
    const twice = t.core.db.transaction(() => applyAndForesee(t.core.db, parsed, { at: at() }))();
    expect(twice.report.guardians).toEqual(counts(1, 0, 3)); // the unlinked Orlova is not taken for her
    expect(twice.next).toMatchObject({ guardians: counts(0, 0, 4), links: counts(0, 0, 5), changed: false });
    const same = t.core.db.transaction(() => applyAndForesee(t.core.db, parsed, { at: at() }))();
    expect(same.next).toBe(same.report);
    expect(same.report).toStrictEqual(twice.next);
  });
});

// ---- many random files and edits ----

/** Rows drawn from small pools, so that namesakes, shared contacts, repeats and bad values are common. */
function rowMaker(rnd: () => number): () => string {
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  const classes = ['5А', '5 б', '6А', '6а', '7В'];
  const surnames = ['Иванов', 'Петров', 'Сидоров'];
  const names = ['Иван', 'Олег', 'Лев'];
  const dates = ['01.02.2013', '03.04.2013', '05.06.2012', '31.02.2012', '01.01.1990'];
  const phones = ['', '', '8 (902) 170-28-76', '+7 903 111 22 33', '89004445566', '12345'];
  const emails = ['', '', 'a@mail.ru', 'b@yandex.ru', 'не почта'];
  const parents = ['', 'Иванова Анна', 'Петрова Анна', 'Иванова Анна Сергеевна', 'Сидорова Вера'];
  const fathers = ['', '', 'Иванов Пётр', 'Петров Пётр'];
  return () =>
    [
      pick(classes),
      pick(surnames),
      pick(names),
      pick(['', 'Петрович']),
      pick(dates),
      pick(['', 'М', 'Ж']),
      pick(parents),
      pick(phones),
      pick(emails),
      pick(fathers),
      pick(phones),
      pick(emails),
    ].join(';');
}

describe('random files and edits: the receipt and the long way agree', () => {
  it.each([1, 2, 3, 4])('seed %i', async (seed) => {
    const tw = await makeTwins();
    const rnd = mulberry32(seed);
    const row = rowMaker(rnd);
    let rows = Array.from({ length: 8 }, row);
    let restoreArchived = false;
    for (let step = 0; step < 40; step++) {
      const roll = rnd();
      if (roll < 0.1) rows.push(row());
      else if (roll < 0.17 && rows.length > 1) rows.splice(Math.floor(rnd() * rows.length), 1);
      else if (roll < 0.25) rows[Math.floor(rnd() * rows.length)] = row();
      else if (roll < 0.3) rows = [...rows].reverse();
      else if (roll < 0.35) restoreArchived = !restoreArchived;
      else if (roll < 0.42) {
        const at = rnd();
        const archive = rnd() < 0.7;
        both(tw, (t) => {
          const ids = t.core.db.prepare('SELECT id FROM people ORDER BY id').pluck().all() as number[];
          if (ids.length) t.core.roster.setArchived(DESK, [ids[Math.floor(at * ids.length)]!], archive);
        });
      } else if (roll < 0.47) {
        const phone = `+7902${String(step).padStart(7, '0')}`;
        const edits: unknown[] = [];
        both(tw, (t) => {
          const g = t.core.db.prepare("SELECT id FROM people WHERE kind = 'guardian' AND archived_at IS NULL ORDER BY id").pluck().get();
          if (typeof g !== 'number') return;
          try {
            t.core.roster.updatePerson(DESK, { id: g, phone });
            edits.push('ok');
          } catch (e) {
            if (!(e instanceof AppError)) throw e;
            edits.push(e.reason);
          }
        });
        expect(edits[0]).toEqual(edits[1]);
      } else if (roll < 0.5) both(tw, (t) => t.clock.advance(DAY));
      both(tw, (t) => t.clock.advance(MINUTE));
      await importBothOrRefuse(tw, wide(...rows), { options: restoreArchived ? { restoreArchived } : {} });
    }
    // The case this is about came up, and the long way's answers were compared with it.
    expect(tw.hits).toBeGreaterThan(5);
  });
});
