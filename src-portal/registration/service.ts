// Registration by invitation code: the code step (whom the code is for), the account form, and adding
// children to a parent's account later. The password is hashed before the transaction, so no lock is
// held while argon2 works.
import type { Db } from '../db/connect.ts';
import type { Clock } from '../../src-node/clock.ts';
import type { PortalSecrets } from '../secrets.ts';
import { personByUid, type PersonRow } from '../roster/queries.ts';
import { loginCandidates } from '../../src-shared/auth/login.ts';
import type { PersonName } from '../../src-shared/roster/normalize.ts';
import { AppError } from '../../src-shared/result.ts';
import { FormRefusal, type Accounts } from '../accounts/service.ts';
import type { AccountRow } from '../accounts/sessions.ts';
import { queueConfirmation, type MailContext } from '../accounts/mail.ts';
import { shortName } from '../accounts/people.ts';
import { lookUpCode, type CodeDeps, type CodeFacts, type FoundCode } from './codes.ts';
import { checkAccountForm, checkLogin, type AccountForm, type AccountRules, type FieldErrors } from './validate.ts';
import { createAccount, lockCodes, redeemFor, type CodeClaim } from './redeem.ts';

export interface Applicant {
  facts: FoundCode;
  kind: 'student' | 'parent';
  /** A parent who already has an account: they sign in and the child is added there. */
  existing: AccountRow | null;
  rules: AccountRules;
}

export interface Registered {
  token: string;
  accountId: string;
  login: string;
  email: string | null;
  kind: 'student' | 'parent';
  children: number;
}

/** The field of the n-th extra code (`other_code`, repeated in the form). */
export const otherCodeField = (i: number): string => `other_code_${i + 1}`;

export class Registration {
  private readonly accounts: Accounts;
  private readonly deps: CodeDeps;

  constructor(accounts: Accounts, deps: { db: Db; clock: Clock; secrets: PortalSecrets }) {
    this.accounts = accounts;
    this.deps = { ...deps, limits: accounts.limits };
  }

  private get db(): Db {
    return this.deps.db;
  }

  /**
   * The code step: whom the code is for, or a refusal on the `code` field. `login`: the account form's
   * login (as typed), whose being taken is then read along with the code.
   */
  async applicant(schoolId: number, typed: string, network: string, login?: string): Promise<Applicant> {
    const facts = await lookUpCode(this.deps, schoolId, typed, network, 'code', login === undefined ? undefined : checkLogin(login).login);
    const student = facts.student!;
    if (facts.code.kind === 'student') {
      if (facts.accountId) throw new AppError('register.has_account', { field: 'code' });
      const rules = {
        emailRequired: false,
        needFullName: false,
        consentRequired: false,
        names: [student.surname, student.name],
        birthDates: [student.birth_date!],
      };
      return { facts, kind: 'student', existing: null, rules };
    }
    const guardian = facts.guardian ?? null;
    // The look-up said whether the guardian has an account; its row is read only then (a parent who signs in).
    const existing = facts.accountId
      ? ((await this.db.selectFrom('accounts').selectAll().where('id', '=', facts.accountId).executeTakeFirst()) ?? null)
      : null;
    const rules: AccountRules = {
      emailRequired: true,
      needFullName: !guardian,
      consentRequired: true,
      names: [...(guardian ? [guardian.surname, guardian.name] : []), student.name],
      birthDates: [student.birth_date!],
    };
    return { facts, kind: 'parent', existing, rules };
  }

  /** A free login to offer on the account form: from the person's name (null while a parent's name is unknown). */
  suggestion(a: Applicant, typedName: PersonName | null): Promise<string | null> {
    const s = a.facts.student!;
    if (a.kind === 'student') return this.freeLogin({ ...s, birthYear: Number(s.birth_date?.slice(0, 4)) || null });
    const person = a.facts.guardian ?? typedName;
    return person ? this.freeLogin(person) : Promise.resolve(null);
  }

  /** The first login suggested for the person that nobody has taken. */
  async freeLogin(person: Pick<PersonRow, 'surname' | 'name'> & { birthYear?: number | null }): Promise<string | null> {
    const candidates = loginCandidates(person);
    if (candidates.length === 0) return null;
    const taken = new Set(
      (await this.db.selectFrom('accounts').select('login').where('login', 'in', candidates).execute()).map((r) => r.login),
    );
    return candidates.find((c) => !taken.has(c)) ?? null;
  }

  /** The extra codes of a parent's form: each a parent code of this family, each child once. */
  private async otherCodes(schoolId: number, a: Applicant, typed: readonly string[], network: string, errors: FieldErrors) {
    const found: (CodeFacts & { field: string })[] = [];
    const seen = new Set([a.facts.code.student_uid]);
    for (const [i, text] of typed.entries()) {
      const field = otherCodeField(i);
      try {
        const f = await lookUpCode(this.deps, schoolId, text, network, field);
        if (f.code.kind !== 'parent') throw new AppError('register.code_student', { field });
        if (f.code.guardian_uid && f.code.guardian_uid !== a.facts.code.guardian_uid)
          throw new AppError('register.code_other_parent', { field });
        if (seen.has(f.code.student_uid)) throw new AppError('register.code_twice', { field });
        seen.add(f.code.student_uid);
        found.push({ ...f, field });
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        errors[field] = e;
      }
    }
    return found;
  }

  /** The account form: checks everything, then makes the account and redeems the codes in one transaction. */
  async register(a: Applicant, form: AccountForm, network: string, userAgent: string | undefined, mail: MailContext): Promise<Registered> {
    const schoolId = a.facts.code.school_id;
    if (a.existing) throw new AppError('register.parent_has_account', { field: 'code' });
    const errors: FieldErrors = {};
    const others = a.kind === 'parent' ? await this.otherCodes(schoolId, a, form.otherCodes, network, errors) : [];
    const rules = {
      ...a.rules,
      names: [...a.rules.names, ...others.map((o) => o.student!.name)],
      birthDates: [...a.rules.birthDates, ...others.map((o) => o.student!.birth_date!)],
    };
    const { errors: formErrors, value } = checkAccountForm(form, rules);
    Object.assign(errors, formErrors);
    // Read along with the code when the form's login was asked about then (the usual case).
    const taken = (login: string) =>
      a.facts.login?.name === login
        ? a.facts.login.taken
        : this.db.selectFrom('accounts').select('id').where('login', '=', login).executeTakeFirst();
    if (!errors.login && (await taken(value.login))) {
      errors.login = new AppError('register.login_taken', { field: 'login' });
    }
    if (Object.keys(errors).length) throw new FormRefusal(errors);
    const passwordHash = await this.accounts.hash(form.password);
    const guardian = a.facts.guardian ?? null;
    const person = a.kind === 'student' ? a.facts.student! : guardian;
    const claims: CodeClaim[] = [{ uid: a.facts.code.uid, field: 'code' }, ...others.map((o) => ({ uid: o.code.uid, field: o.field }))];
    const registered = await this.inTransaction(async (trx) => {
      const accountId = await createAccount(
        trx,
        this.deps.clock,
        {
          schoolId,
          kind: a.kind,
          personUid: person?.uid ?? null,
          personNames: person ? { surname: person.surname, name: person.name, patronymic: person.patronymic } : value.fullName!,
          login: value.login,
          passwordHash,
          email: value.email,
          phone: value.phone,
        },
        claims,
      );
      if (value.email) {
        await queueConfirmation(trx, this.accounts, { ...mail, accountId, login: value.login, email: value.email, changed: false });
      }
      const token = await this.accounts.sessions.start(trx, accountId, network, userAgent);
      return { token, accountId, login: value.login, email: value.email, kind: a.kind, children: a.kind === 'parent' ? claims.length : 0 };
    });
    this.accounts.outbox.kick();
    return registered;
  }

  /** A parent adds children by their codes (the «Дети» page, or signing in from the code step). */
  async addChildren(account: AccountRow, typed: readonly string[], network: string, field = 'code'): Promise<string[]> {
    if (account.kind !== 'parent') throw new AppError('account.not_parent', { field });
    const found: CodeFacts[] = [];
    const typer = { accountId: account.id, personUid: account.person_uid };
    for (const text of typed) found.push(await lookUpCode(this.deps, account.school_id, text, network, field, undefined, typer));
    const person = await personByUid(this.db, account.school_id, account.person_uid);
    if (!person) throw new AppError('account.not_parent', { field });
    const names = { surname: person.surname, name: person.name, patronymic: person.patronymic };
    const parent = { id: account.id, schoolId: account.school_id, login: account.login, personUid: account.person_uid, names };
    await this.inTransaction(async (trx) => {
      const locked = await lockCodes(
        trx,
        this.deps.clock,
        account.school_id,
        found.map((f) => ({ uid: f.code.uid, field })),
      );
      await redeemFor(
        trx,
        this.deps.clock,
        parent,
        'parent',
        locked.map((f) => ({ ...f, field })),
      );
    });
    return found.map((f) => `${shortName(f.student!)} (${f.className})`);
  }

  /** Runs a redemption; a refusal found inside the transaction comes out as a refusal of its field. */
  private async inTransaction<T>(fn: (trx: Db) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction().execute(fn);
    } catch (e) {
      if (e instanceof AppError && e.field) throw new FormRefusal({ [e.field]: e });
      throw e;
    }
  }
}
