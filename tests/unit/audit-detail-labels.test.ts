// Every detail key the office writes to its journal has a Russian label: the journal screen and its
// CSV show `ключ: значение`, and a key without a label shows in English (`action: сброс доступа`).
// The keys written as object literals (`details: { … }`) are read from the sources; details built
// from a computed object (an import's counts, the journal's check, the roster's statistics, an
// issue's report) are written by running them.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { t } from '../../src-shared/i18n/index.ts';
import { makeCore, type TestCore } from '../support/core.ts';
import { verifyDetails } from '../../src-main/core/sync/anchor.ts';
import { auditDetailsText } from '../../src-shared/audit/details.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const labelled = (key: string) => key === 'changed' || Object.hasOwn(t.auditDetails.labels, key);

/** `key → file:line` of each key of a `details: { … }` literal (spreads of literals and `a ? {…} : {…}` included). */
function literalDetailKeys(dir: string): Map<string, string> {
  const keys = new Map<string, string>();
  const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  for (const file of files) {
    const full = path.join(dir, file);
    const sf = ts.createSourceFile(full, fs.readFileSync(full, 'utf8'), ts.ScriptTarget.Latest, true);
    const where = (n: ts.Node) => `${path.relative(ROOT, full)}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}`;
    const collect = (e: ts.Expression): void => {
      if (ts.isParenthesizedExpression(e)) return collect(e.expression);
      if (ts.isConditionalExpression(e)) return (collect(e.whenTrue), collect(e.whenFalse));
      if (!ts.isObjectLiteralExpression(e)) return;
      for (const p of e.properties) {
        if (ts.isSpreadAssignment(p)) collect(p.expression);
        else if (p.name) keys.set(p.name.getText(sf), where(p));
      }
    };
    const visit = (n: ts.Node): void => {
      if (ts.isPropertyAssignment(n) && n.name.getText(sf) === 'details') collect(n.initializer);
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return keys;
}

describe('journal detail labels', () => {
  it('label every key the office writes in a details literal', () => {
    const keys = literalDetailKeys(path.join(ROOT, 'src-main'));
    expect(keys.size).toBeGreaterThan(50); // the scan found the journal's rows at all
    expect(keys.get('action')).toMatch(/^src-main\/core\/sync\/desk\.ts:/); // the desk's «Ответ портала на запрос»
    const missing = [...keys].filter(([k]) => !labelled(k)).map(([k, at]) => `${k} (${at})`);
    expect(missing).toEqual([]);
  });

  it('show the desk’s answer from the portal in words', () => {
    expect(auditDetailsText({ action: 'сброс доступа', outcome: 'использован', email: 'a@b.ru', phone: '+79161234567' })).toBe(
      'действие: сброс доступа; итог: использован; почта: a@b.ru; телефон: +79161234567',
    );
  });

  describe('details built at run time', () => {
    let c: TestCore;
    beforeEach(async () => {
      c = await makeCore();
    });
    afterEach(() => c.close());
    const actor = { operatorId: 1, login: 'curator', via: 'cli' as const };

    it('label the keys of an import, an issue, the roster statistics and the journal check', async () => {
      const csv = [
        'Класс;Фамилия;Имя;Отчество;Дата рождения;Мать (ФИО);Телефон матери',
        '6А;Иванов;Пётр;Сергеевич;05.03.2014;Иванова Мария Петровна;89021702876',
      ];
      await c.core.roster.importFile(actor, Buffer.from(csv.join('\n'), 'utf8'), 'list.csv', {}, true);
      await c.core.roster.importFile(actor, Buffer.from(csv.join('\n'), 'utf8'), 'list.csv');
      c.core.codes.issue(actor, { all: true }, { audience: 'all', onlyMissing: true });
      c.core.audit.append(actor, { action: 'roster.stats', details: { ...c.core.roster.stats() } });
      c.core.audit.append(actor, { action: 'audit.verify', details: verifyDetails(c.core.audit.verify()) });
      const written = c.core.audit.page({}, 100, 0).rows.flatMap((r) => Object.keys(r.details ?? {}));
      expect(written).toEqual(expect.arrayContaining(['students', 'checked', 'sha256']));
      expect([...new Set(written)].filter((k) => !labelled(k))).toEqual([]);
    });
  });
});
