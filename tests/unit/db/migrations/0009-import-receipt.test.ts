import { describe, expect, it } from 'vitest';
import { assertHealthy, dbAtVersion, migrateTo, tableNames } from '../../../support/migrations.ts';

describe('migration 0009 (import receipt)', () => {
  it('adds the one-row receipt table and leaves the roster and its imports as they were', () => {
    const db = dbAtVersion(8);
    db.prepare("INSERT INTO classes (grade, letter, created_at) VALUES (6, 'А', 't')").run();
    db.prepare(
      `INSERT INTO people (kind, surname, name, name_key, birth_date, class_id, created_at, updated_at)
       VALUES ('student', 'Семёнов', 'Пётр', 'семенов петр', '2014-03-05', 1, 't', 't')`,
    ).run();
    db.prepare(`INSERT INTO imports (at, operator_id, file_name, sha256, summary) VALUES ('t', NULL, 'список.csv', 'ab', '{}')`).run();
    db.prepare('UPDATE roster_meta SET version = 3').run();
    const before = ['people', 'classes', 'imports', 'roster_meta'].map((t) => db.prepare(`SELECT * FROM ${t}`).all());

    migrateTo(db, 9);
    assertHealthy(db);
    expect(['people', 'classes', 'imports', 'roster_meta'].map((t) => db.prepare(`SELECT * FROM ${t}`).all())).toEqual(before);
    expect(tableNames(db)).toContain('import_receipt');
    expect(db.prepare('SELECT count(*) FROM import_receipt').pluck().get()).toBe(0);
    const put = db.prepare('INSERT OR REPLACE INTO import_receipt (id, key, roster_version, outcome) VALUES (?, ?, ?, ?)');
    put.run(1, 'k1', 3, Buffer.from([1, 2]));
    put.run(1, 'k2', 4, Buffer.from([3]));
    expect(db.prepare('SELECT key, roster_version AS v, outcome FROM import_receipt').all()).toEqual([
      { key: 'k2', v: 4, outcome: Buffer.from([3]) },
    ]);
    expect(() => put.run(2, 'k3', 4, Buffer.from([3]))).toThrow(/CHECK/);
  });
});
