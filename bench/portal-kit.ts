// What the portal benches share: seeded families with parent codes (as sync leaves them), and a browser
// that registers by the QR link, the account form and the submit (bench/portal.ts, bench/portal-steps.ts).
import http from 'node:http';
import { randomInt, randomUUID } from 'node:crypto';
import type { Portal } from '../src-portal/portal.ts';
import { codeKeyOf } from '../src-portal/roster/queries.ts';
import { codeDigest } from '../src-node/code-hash.ts';
import { CODE_ALPHABET, formatCode, withCheckSymbol } from '../src-shared/codes/index.ts';

export const PASSWORD = 'тёплый вечер у реки';
export const HOST = 'bench.test';

function newCode(): string {
  let data = '';
  for (let i = 0; i < 9; i++) data += CODE_ALPHABET[randomInt(32)];
  return withCheckSymbol(data);
}

/** `n` families (a student of 6А, a mother on file, a parent code), as sync leaves them. */
export async function seed(portal: Portal, schoolId: number, n: number): Promise<string[]> {
  const key = codeKeyOf(portal.secrets, schoolId);
  const classUid = randomUUID();
  const at = new Date();
  await portal.db.insertInto('roster_classes').values({ school_id: schoolId, uid: classUid, name: '6А', removed_at: null }).execute();
  const codes: string[] = [];
  for (let start = 0; start < n; start += 500) {
    const batch = Array.from({ length: Math.min(500, n - start) }, (_, i) => ({
      student: randomUUID(),
      guardian: randomUUID(),
      i: start + i,
      code: newCode(),
    }));
    const person = (uid: string, kind: 'student' | 'guardian', name: string, i: number) => ({
      school_id: schoolId,
      uid,
      kind,
      surname: `Фамилия${i}`,
      name,
      patronymic: null,
      birth_date: kind === 'student' ? '2014-03-15' : null,
      class_uid: kind === 'student' ? classUid : null,
      archived_at: null,
      updated_at: at,
    });
    await portal.db
      .insertInto('roster_people')
      .values(batch.flatMap((b) => [person(b.student, 'student', 'Мария', b.i), person(b.guardian, 'guardian', 'Елена', b.i)]))
      .execute();
    await portal.db
      .insertInto('roster_links')
      .values(
        batch.map((b) => ({
          school_id: schoolId,
          guardian_uid: b.guardian,
          student_uid: b.student,
          relation: 'mother' as const,
          removed_at: null,
        })),
      )
      .execute();
    await portal.db
      .insertInto('invitation_codes')
      .values(
        batch.map((b) => ({
          school_id: schoolId,
          uid: randomUUID(),
          code_hash: codeDigest(key, b.code),
          kind: 'parent' as const,
          student_uid: b.student,
          guardian_uid: b.guardian,
          valid_until: '2099-08-31',
          state: 'issued' as const,
          revoke_reason: null,
          redeemed_at: null,
          redeemed_by: null,
        })),
      )
      .execute();
    codes.push(...batch.map((b) => formatCode(b.code)));
  }
  return codes;
}

/** A browser: cookies and the CSRF token of the last page, over one keep-alive agent. */
export class Browser {
  private cookies = new Map<string, string>();
  private csrf = '';
  private readonly port: number;
  private readonly agent: http.Agent;
  constructor(port: number, agent: http.Agent) {
    this.port = port;
    this.agent = agent;
  }

  request(
    method: 'GET' | 'POST',
    path: string,
    form?: Record<string, string>,
  ): Promise<{ status: number; location?: string; text: string }> {
    const body = form ? new URLSearchParams({ _csrf: this.csrf, ...form }).toString() : undefined;
    const headers: Record<string, string> = { host: HOST, cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    if (body) headers['content-type'] = 'application/x-www-form-urlencoded';
    return new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: this.port, method, path, headers, agent: this.agent }, (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (d: string) => (text += d));
        res.on('end', () => {
          for (const c of ([] as string[]).concat(res.headers['set-cookie'] ?? [])) {
            const [pair] = c.split(';');
            const eq = pair!.indexOf('=');
            this.cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
          }
          this.csrf = /name="_csrf" value="([^"]+)"/.exec(text)?.[1] ?? this.csrf;
          resolve({ status: res.statusCode ?? 0, text, ...(res.headers.location ? { location: res.headers.location } : {}) });
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  }
}

/** The QR link, the account form, the submit: one registration's requests, as a parent's phone makes them. */
export const registrationSteps = (b: Browser, code: string, n: number) => [
  () => b.request('GET', `/hello?code=${code}`),
  () => b.request('GET', '/hello'),
  () =>
    b.request('POST', '/register', {
      code,
      login: `bench.${n}`,
      password: PASSWORD,
      password2: PASSWORD,
      email: `bench${n}@mail.ru`,
      consent: 'yes',
    }),
];

/** One registration, its steps in turn; the submit must answer with the redirect to «what next». */
export async function register(b: Browser, code: string, n: number): Promise<void> {
  let last: { status: number } | undefined;
  for (const step of registrationSteps(b, code, n)) last = await step();
  if (last?.status !== 303) throw new Error(`registration ${n}: HTTP ${last?.status}`);
}
