import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { backupDatabase, listBackups } from '../../../src-main/core/db/backup.ts';
import { openDatabase } from '../../../src-main/core/db/database.ts';
import { tempDir } from '../../support/tmp.ts';

describe('online backup', () => {
  it('copies a database that another connection keeps writing, into one self-contained file', async () => {
    const tmp = tempDir();
    const file = path.join(tmp.dir, 'kurator.sqlite');
    const db = await openDatabase(file);
    const writer = await openDatabase(file);
    const insert = writer.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    for (let i = 0; i < 2000; i++) insert.run(`k${i}`, JSON.stringify('x'.repeat(200)));
    let writes = 0;
    const timer = setInterval(() => {
      insert.run(`late${writes++}`, '1');
    }, 1);
    const out = path.join(tmp.dir, 'backups', 'copy.sqlite');
    const made = await backupDatabase(db, out);
    clearInterval(timer);
    expect(made.path).toBe(out);
    expect(fs.readdirSync(path.dirname(out))).toEqual(['copy.sqlite']);
    const copy = new Database(out, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    const n = (copy.prepare("SELECT count(*) AS n FROM settings WHERE key LIKE 'k%'").get() as { n: number }).n;
    expect(n).toBe(2000);
    copy.close();
    await expect(backupDatabase(db, out)).rejects.toThrow('already exists');
    expect(listBackups(path.dirname(out)).map((b) => b.fileName)).toEqual(['copy.sqlite']);
    db.close();
    writer.close();
    tmp.remove();
  });
});
