import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertNoSecrets, type AuditLog } from '../../src-main/core/services/audit.ts';
import { csvCell, toCsv } from '../../src-node/csv.ts';
import { makeCore, type TestCore } from '../support/core.ts';

const actor = { operatorId: 1, login: 'curator', via: 'app' as const };

describe('audit log', () => {
  let t: TestCore;
  let audit: AuditLog;
  beforeEach(async () => {
    t = await makeCore();
    audit = t.core.audit;
    for (let i = 0; i < 5; i++) {
      t.clock.advance(1000);
      audit.append(actor, {
        action: 'test.action',
        person: { kind: 'student', id: 100 + i, label: `Семёнов Пётр ${i} (6А)` },
        details: { n: i },
      });
    }
  });
  afterEach(() => t.close());

  it('chains every row to the one before and verifies clean', () => {
    expect(audit.verify()).toMatchObject({ ok: true, checked: 6, anchorId: 6 }); // setup row + 5
  });

  it('refuses UPDATE and DELETE through the database', () => {
    expect(() => t.core.db.prepare("UPDATE audit_log SET details = '{}' WHERE id = 3").run()).toThrow('append-only');
    expect(() => t.core.db.prepare('DELETE FROM audit_log WHERE id = 3').run()).toThrow('append-only');
  });

  it('detects a row edited behind the app’s back', () => {
    t.core.db.exec('DROP TRIGGER audit_log_no_update');
    t.core.db.prepare(`UPDATE audit_log SET details = '{"n":42}' WHERE id = 4`).run();
    expect(audit.verify()).toMatchObject({ ok: false, badId: 4, reason: 'hash' });
  });

  it('detects an edit whose author also recomputed that row’s hash (without the key: a forgery)', async () => {
    const { legacyHash: rowHash } = await import('../../src-main/core/services/audit-chain.ts');
    t.core.db.exec('DROP TRIGGER audit_log_no_update');
    const row = t.core.db
      .prepare(
        `SELECT id, at, operator_id AS operatorId, operator_login AS operatorLogin, action, person_kind AS personKind,
           person_id AS personId, person_label AS personLabel, details, prev_hash AS prevHash FROM audit_log WHERE id = 3`,
      )
      .get() as Parameters<typeof rowHash>[0];
    const forged = { ...row, operatorLogin: 'someone-else' };
    t.core.db.prepare('UPDATE audit_log SET operator_login = ?, hash = ? WHERE id = 3').run(forged.operatorLogin, rowHash(forged));
    expect(audit.verify()).toMatchObject({ ok: false, badId: 3, reason: 'forged' });
  });

  it('detects deleted rows', () => {
    t.core.db.exec('DROP TRIGGER audit_log_no_delete');
    t.core.db.prepare('DELETE FROM audit_log WHERE id = 2').run();
    expect(audit.verify()).toMatchObject({ ok: false, badId: 2, reason: 'gap' });
  });

  it('filters by operator, action, time range and person (case and ё/е ignored)', () => {
    expect(audit.page({ action: 'test.action' }, 100, 0).total).toBe(5);
    expect(audit.page({ person: 'семенов петр 3' }, 100, 0).rows.map((r) => r.personId)).toEqual([103]);
    expect(audit.page({ person: '102' }, 100, 0).rows.map((r) => r.personId)).toEqual([102]);
    const all = audit.page({}, 100, 0).rows;
    const from = all.find((r) => r.personId === 101)!.at;
    const to = all.find((r) => r.personId === 103)!.at;
    expect(audit.page({ from, to }, 100, 0).rows.map((r) => r.personId)).toEqual([102, 101]);
    expect(audit.page({ operatorId: 999 }, 100, 0).total).toBe(0);
  });

  it('never stores secrets in details', () => {
    expect(() => audit.append(actor, { action: 'x', details: { password: 'Kurator2026' } })).toThrow('secret');
    expect(() => assertNoSecrets({ nested: { apiToken: 'x' } })).toThrow('details.nested.apiToken');
    expect(() => assertNoSecrets({ mapping: 1, passwordChangedAt: undefined })).toThrow();
    expect(() => assertNoSecrets({ mapping: 1, spinner: 2, shipping: 3 })).not.toThrow();
  });

  it('exports CSV that opens in Excel and cannot run formulas', () => {
    audit.append(actor, { action: 'test.formula', person: { kind: 'student', id: 9, label: '=HYPERLINK("http://evil","x")' } });
    const { content, rows } = audit.exportCsv({ action: 'test.formula' });
    expect(rows).toBe(1);
    expect(content.startsWith('\uFEFF')).toBe(true);
    expect(content).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(content).not.toMatch(/;=HYPERLINK/);
  });
});

describe('csv cells', () => {
  it.each([
    ['=1+2', "'=1+2"],
    ['+7 902 170 28 76', "'+7 902 170 28 76"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['Иванов; Пётр', '"Иванов; Пётр"'],
    ['обычный текст', 'обычный текст'],
  ])('%j → %j', (input, expected) => expect(csvCell(input)).toBe(expected));

  it('keeps numbers as numbers and writes CRLF rows', () => {
    expect(toCsv(['a', 'b'], [[1, null]])).toBe('\uFEFFa;b\r\n1;\r\n');
  });
});
