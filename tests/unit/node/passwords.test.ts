import { scryptSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { burnVerification, hashPassword, needsRehash, OWASP_ARGON2, verifyPassword } from '../../../src-node/passwords.ts';

const CHEAP = { memory: 64, passes: 1, parallelism: 1 };

/** A hash exactly as the office's first version stored it (scrypt, N=2^17, r=8, p=1). */
function legacyScrypt(password: string, logN = 17): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFC'), salt, 32, { N: 2 ** logN, r: 8, p: 1, maxmem: 256 * 2 ** logN * 8 });
  return ['scrypt', logN, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
}

describe('password hashing', () => {
  it('hashes with argon2id at OWASP parameters, self-describing and salted', async () => {
    const a = await hashPassword('Kurator2026');
    const b = await hashPassword('Kurator2026');
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('Kurator2026', a)).toBe(true);
    expect(await verifyPassword('kurator2026', a)).toBe(false);
    expect(needsRehash(a)).toBe(false);
  });

  it('verifies with the parameters stored in the hash, and asks to rehash weaker ones', async () => {
    const cheap = await hashPassword('пароль-родителя', CHEAP);
    expect(cheap).toContain('$m=64,t=1,p=1$');
    expect(await verifyPassword('пароль-родителя', cheap)).toBe(true);
    expect(needsRehash(cheap, OWASP_ARGON2)).toBe(true);
    expect(needsRehash(cheap, CHEAP)).toBe(false);
  });

  it('treats the same text in another Unicode form as the same password', async () => {
    const composed = 'Ёлка-2026-й';
    const h = await hashPassword(composed, CHEAP);
    expect(await verifyPassword(composed.normalize('NFD'), h)).toBe(true);
  });

  it('still verifies the office scrypt hashes, which must then be replaced by argon2id', async () => {
    const old = legacyScrypt('Kurator2026', 10);
    expect(await verifyPassword('Kurator2026', old)).toBe(true);
    expect(await verifyPassword('Kurator2027', old)).toBe(false);
    expect(needsRehash(old)).toBe(true);
  });

  it('refuses malformed or hostile stored values without throwing', async () => {
    for (const bad of [
      '',
      'x',
      '$argon2id$v=19$m=1,t=1,p=1$$',
      'scrypt$40$8$1$AAAA$AAAA',
      '$argon2i$v=19$m=64,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAA',
    ]) {
      expect(await verifyPassword('x', bad)).toBe(false);
    }
  });

  it('burns the same work for unknown logins', async () => {
    await expect(burnVerification('anything', CHEAP)).resolves.toBeUndefined();
  });
});
