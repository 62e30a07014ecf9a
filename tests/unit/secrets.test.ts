import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { OfficeSecrets } from '../../src-main/core/secrets/key-file.ts';
import { tempDir } from '../support/tmp.ts';

describe('the office key file', () => {
  let tmp: ReturnType<typeof tempDir>;
  afterEach(() => tmp.remove());

  it('keeps the journal key, the portal pairing and the mail password together, readable by the user only', () => {
    tmp = tempDir();
    const a = new OfficeSecrets(tmp.dir);
    const key = a.auditKey();
    expect(key).toHaveLength(32);
    const b = new OfficeSecrets(tmp.dir); // another process (the CLI) opening the same folder
    expect(b.auditKey().equals(key)).toBe(true);
    b.setPortal({ address: 'https://1399.ejgur.ru/hello', schoolId: 3, syncSecret: 's', codeKey: 'k' });
    a.setSmtpPassword('smtp-secret');
    expect(a.portal()).toMatchObject({ schoolId: 3 });
    expect(b.smtpPassword()).toBe('smtp-secret');
    expect(a.auditKey().equals(key)).toBe(true);
    expect(fs.statSync(a.file).mode & 0o777).toBe(0o600);
    a.setPortal(null);
    expect(b.portal()).toBeNull();
  });

  it('refuses a damaged file instead of making new secrets', () => {
    tmp = tempDir();
    const s = new OfficeSecrets(tmp.dir);
    fs.writeFileSync(s.file, JSON.stringify({ auditKey: 5 }));
    expect(() => s.auditKey()).toThrow();
    expect(fs.readFileSync(s.file, 'utf8')).toBe('{"auditKey":5}');
  });
});
