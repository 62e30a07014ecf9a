import { describe, expect, it } from 'vitest';
import { databaseProblem } from '../../../src-portal/db/problems.ts';
import { PortalDbTooNewError } from '../../../src-portal/db/migrate.ts';

describe('the database problems an IT admin reads', () => {
  const url = 'postgres://portal:sekret@db.example.ru:6432/kurator';

  it('names the server and database from DATABASE_URL, never the user or password', () => {
    const refused = databaseProblem(Object.assign(new Error('password authentication failed'), { code: '28P01' }), url)!;
    expect(refused).toContain('db.example.ru:6432');
    expect(refused).not.toMatch(/sekret|portal:/);
    expect(databaseProblem(Object.assign(new Error('x'), { code: '3D000' }), url)).toContain('нет базы «kurator»');
    expect(databaseProblem(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), 'postgres://u:p@localhost/k')).toContain(
      'localhost:5432',
    );
  });

  it('says a database a newer portal made is left untouched, with either engine', () => {
    const words = databaseProblem(new PortalDbTooNewError(9, 8), undefined)!;
    expect(words).toContain('схема 9');
    expect(words).toContain('до 8');
    expect(words).toContain('не тронута');
  });

  it('leaves other errors alone', () => {
    expect(databaseProblem(new Error('something else'), url)).toBeNull();
    expect(databaseProblem(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), undefined)).toBeNull();
  });
});
