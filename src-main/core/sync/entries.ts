// What a push carries for each outbox row: the named row as it is now (or as it was, when deleted),
// in the protocol's shape, numbered and chained. Only what the portal needs leaves the office: names,
// birth dates and classes of students, names of guardians (never phones or emails), codes as keyed hashes.
import type { Db } from '../db/database.ts';
import { chainNext } from '../../../src-node/sync-chain.ts';
import { codeDigest } from '../../../src-node/code-hash.ts';
import { className } from '../../../src-shared/roster/keys.ts';
import { t } from '../../../src-shared/i18n/index.ts';
import type { Entry, EntryBody, REVOKE_REASONS } from '../../../src-shared/sync/protocol.ts';
import * as store from './store.ts';
import { deskBody } from './desk.ts';

type RevokeReason = (typeof REVOKE_REASONS)[number];
type Relation = 'mother' | 'father' | 'other';

/** The office writes revoke reasons in words (its own, or the operator's): the portal gets their kind. */
function revokeReason(c: store.CodeNow): RevokeReason {
  if (c.replaced) return 'reissued';
  switch (c.revokeReason) {
    case t.codes.reasons.bulkReissue:
      return 'reissued';
    case t.codes.reasons.expired:
      return 'expired';
    case t.codes.reasons.archived:
      return 'archived';
    case t.codes.reasons.parentsKnown:
      return 'parents_known';
    default:
      return 'revoked';
  }
}

function schoolBody(db: Db): EntryBody {
  const s = store.schoolNow(db);
  return {
    entity: 'school',
    name: s.schoolName ?? '—',
    curatorContact: s.curatorContact ?? '',
    // Not set (an empty setting, or a school set up before there were such settings): the portal shows nothing.
    deputyContact: s.deputyContact || null,
    supportHours: s.supportHours || null,
  };
}

function personBody(uid: string, p: store.PersonNow | Record<string, unknown>, gone: boolean): EntryBody {
  const now = p as store.PersonNow;
  const student = now.kind === 'student';
  return {
    entity: 'person',
    uid,
    kind: student ? 'student' : 'guardian',
    surname: now.surname,
    name: now.name,
    patronymic: now.patronymic ?? null,
    birthDate: student ? now.birthDate : null,
    classUid: student ? now.classUid : null,
    // Someone who is gone from the office, or now staff, has no access on the portal any more.
    archived: gone || now.kind === 'staff' || !!now.archived,
  };
}

function codeBody(uid: string, c: store.CodeNow, codeKey: Buffer, gone: boolean): EntryBody {
  const revoked = gone || c.state === 'revoked';
  return {
    entity: 'code',
    uid,
    hash: codeDigest(codeKey, c.code),
    kind: c.kind,
    studentUid: c.studentUid,
    guardianUid: c.guardianUid ?? null,
    validUntil: c.validUntil,
    state: revoked ? 'revoked' : 'issued',
    revokeReason: revoked ? (gone ? 'revoked' : revokeReason(c)) : null,
  };
}

/** The body of one outbox row, from what it names now (`now`), or what it was when deleted. */
export function bodyOf(db: Db, row: store.OutboxRow, now: store.Now, codeKey: Buffer): EntryBody {
  const gone = row.gone ? (JSON.parse(row.gone) as Record<string, unknown>) : null;
  switch (row.entity) {
    case 'school':
      return schoolBody(db);
    case 'snapshot': {
      const [phase, generation] = row.key.split(':') as ['begin' | 'end', string];
      return { entity: 'snapshot', phase, generation };
    }
    case 'class': {
      const c = now.classes.get(row.key) ?? (gone as unknown as store.ClassNow | null);
      return { entity: 'class', uid: row.key, name: c ? className(c.grade, c.letter) : '—', removed: !now.classes.has(row.key) };
    }
    case 'person': {
      const p = now.people.get(row.key);
      if (p) return personBody(row.key, p, false);
      return personBody(row.key, gone ?? { kind: 'guardian', surname: '—', name: '—' }, true);
    }
    case 'link': {
      const [guardianUid, studentUid] = row.key.split('/') as [string, string];
      const link = now.links.get(row.key);
      const relation = (link?.relation ?? (gone?.relation as string | undefined) ?? 'other') as Relation;
      return { entity: 'link', guardianUid, studentUid, relation, removed: !link };
    }
    case 'code': {
      const c = now.codes.get(row.key);
      if (c) return codeBody(row.key, c, codeKey, false);
      return codeBody(row.key, gone as unknown as store.CodeNow, codeKey, true);
    }
    case 'desk': {
      const d = deskBody(db, row.key);
      if (!d) throw new Error(`Desk request ${row.key} is gone`);
      return d;
    }
    default:
      throw new Error(`Unknown outbox entity ${row.entity}`);
  }
}

/** The push's entries: each row's body, numbered as staged, chained on from what the portal acknowledged. */
export function entriesOf(db: Db, rows: readonly store.OutboxRow[], ackedChain: string, codeKey: Buffer): Entry[] {
  const now = store.readNow(db, rows);
  let chain = ackedChain;
  return rows.map((row) => {
    chain = chainNext(chain, row.seq, row.entity, row.key);
    return { seq: row.seq, chain, ...bodyOf(db, row, now, codeKey) } as Entry;
  });
}
