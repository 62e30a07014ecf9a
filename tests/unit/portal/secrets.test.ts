import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadSecrets } from '../../../src-portal/secrets.ts';

describe('the portal secret', () => {
  it('derives each purpose its own key, HMAC-SHA256 of the purpose, the same each time, a copy to each caller', () => {
    const secret = randomBytes(32);
    const secrets = loadSecrets('/nonexistent', { PORTAL_SECRET: secret.toString('hex') });
    const expected = createHmac('sha256', secret).update('stash', 'utf8').digest();
    const first = secrets.derive('stash');
    expect(first.equals(expected)).toBe(true);
    first.fill(0);
    expect(secrets.derive('stash').equals(expected)).toBe(true);
    expect(secrets.derive('codes:1').equals(secrets.derive('codes:2'))).toBe(false);
  });
});
