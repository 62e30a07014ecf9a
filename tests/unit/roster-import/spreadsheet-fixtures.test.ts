// The shared roster as LibreOffice saved it (.ods, .xls, .xlsx; byte copies of the shared fixtures):
// each reads and imports with the fixture's true counts, exactly like the CSV it was made from.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRoster } from '../../../src-main/core/roster/import/index.ts';
import type { ParsedRoster } from '../../../src-shared/roster/types.ts';
import { makeCore, type TestCore } from '../../support/core.ts';
import { importBytes } from '../roster/helpers.ts';
import { env, fixture } from './helpers.ts';

const csvParsed = parseRoster(fixture('roster-wide-cp1251.csv'), 'roster-wide-cp1251.csv', {}, env);
const keys = (list: readonly { key: string }[]) => list.map((x) => x.key).sort();

describe.each([
  ['roster-wide.ods', 'ods'],
  ['roster-wide.xls', 'xls'],
  ['roster-wide.xlsx', 'xlsx'],
] as const)('%s', (file, kind) => {
  let r: ParsedRoster;
  let csv: ParsedRoster;
  beforeAll(async () => {
    r = await parseRoster(fixture(file), file, {}, env);
    csv = await csvParsed;
  });

  it(`is read as ${kind} with its sheet and the wide layout detected`, () => {
    expect(r.format).toMatchObject({
      kind,
      encoding: null,
      separator: null,
      sheet: 'roster-wide',
      sheets: ['roster-wide'],
      layout: 'wide',
    });
    expect(r.format.header).toEqual(csv.format.header);
  });

  it('gives 22 classes, 550 students, 774 parents, 887 links; rejects lines 553 and 554', () => {
    expect(r.classes).toHaveLength(22);
    expect(r.students).toHaveLength(550);
    expect(r.guardians).toHaveLength(774);
    expect(r.links).toHaveLength(887);
    expect(r.duplicateRows).toEqual([{ line: 7, duplicateOf: 6 }]);
    expect(r.problems.filter((p) => p.severity === 'error').map((p) => [p.line, p.field])).toEqual([
      [553, 'Дата рождения'],
      [554, 'Фамилия'],
    ]);
  });

  it('finds the same people as the CSV (typed dates and phone numbers read as the text they show)', () => {
    expect(keys(r.students)).toEqual(keys(csv.students));
    expect(keys(r.guardians)).toEqual(keys(csv.guardians));
    expect(r.students.find((s) => s.line === 22)).toMatchObject({ name: '<img src=x onerror=alert(1)>' });
  });
});

describe('importing the spreadsheets into the database', () => {
  let t: TestCore;
  beforeAll(async () => {
    t = await makeCore();
  });
  afterAll(() => t.close());

  it('writes the true counts from each format, and a second format changes nothing', async () => {
    const first = await importBytes(t.core, fixture('roster-wide.ods'), { fileName: 'roster-wide.ods' });
    expect([first.classes.added, first.students.added, first.guardians.added, first.links.added]).toEqual([22, 550, 774, 887]);
    expect(first.errors.map((e) => e.line)).toEqual([553, 554]);
    for (const file of ['roster-wide.xls', 'roster-wide.xlsx']) {
      const again = await importBytes(t.core, fixture(file), { fileName: file });
      expect([again.students.unchanged, again.guardians.unchanged, again.links.unchanged]).toEqual([550, 774, 887]);
      expect([again.students.added, again.students.updated, again.guardians.added, again.guardians.updated]).toEqual([0, 0, 0, 0]);
    }
  });
});
