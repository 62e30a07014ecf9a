// The class page's «уч. ✓ · род. 1/1»: a parent who registered with their code is counted (the used
// code is not valid any more, and the page read «род. 0/1» beside the green «на портале»).
import { describe, expect, it } from 'vitest';
import { familyCodeCount } from '../../../src-shared/codes/views.ts';

const code = (kind: 'student' | 'parent', guardianId: number | null, state: 'active' | 'printed' | 'expired' = 'printed') => ({
  studentId: 10,
  kind,
  guardianId,
  state,
});

describe('familyCodeCount', () => {
  it('counts a registered parent whose code was used', () => {
    expect(familyCodeCount({ id: 10, guardianIds: [21] }, [code('student', null)], new Set([21]))).toEqual({
      student: true,
      parents: 1,
      expected: 1,
    });
  });

  it('counts valid codes and registered people once each; expired codes not at all', () => {
    const codes = [code('parent', 21), code('parent', 22, 'expired')];
    expect(familyCodeCount({ id: 10, guardianIds: [21, 22] }, codes, new Set([21]))).toEqual({ student: false, parents: 1, expected: 2 });
    expect(familyCodeCount({ id: 10, guardianIds: [21, 22] }, codes, new Set([10, 21, 22]))).toEqual({
      student: true,
      parents: 2,
      expected: 2,
    });
  });

  it('a stand-in parent code covers the one expected parent when none is on file', () => {
    expect(familyCodeCount({ id: 10, guardianIds: [] }, [code('parent', null)], new Set())).toEqual({
      student: false,
      parents: 1,
      expected: 1,
    });
  });
});
