// The office ↔ portal sync protocol, version 1: the one contract both sides parse with (zod at both
// ends). See DEVELOPERS.md («Sync») for the rules around it: per-device sequence numbers with a hash
// chain up, a commit-ordered cursor down, exactly-once effects on both sides.
import { z } from '../z.ts';

export const PROTOCOL_VERSION = 1;

/** Path of every sync call under the school's prefix: `PREFIX/sync/v1/push`. */
export const SYNC_PATH = `/sync/v${PROTOCOL_VERSION}`;

/** Entries in one push that every v1 portal takes: an office pushes no more until the portal says it takes more. */
export const MAX_PUSH_ENTRIES = 500;
/**
 * Most entries in one push a portal takes now. It says so in `PUSH_LIMIT_HEADER` of every sync
 * answer; a portal from before sends none. A push of this many is a few MB of JSON, at most
 * `MAX_PUSH_BYTES` (the portal's body limit for it).
 * Fewer, larger pushes make a first sync fewer round trips and fewer commits (each a disk flush on
 * both sides): 9 instead of 26 for a 2,000-student school.
 */
export const LARGEST_PUSH = 1500;
/**
 * The largest push body: `LARGEST_PUSH` entries of the largest kind (a person whose three names are
 * 200 characters that JSON escapes as `\u00XX`, 6 bytes each: under 4 KB with its number and chain).
 */
export const MAX_PUSH_BYTES = LARGEST_PUSH * 4096;
/** The answer header that carries the portal's push limit (a header: the answers' schemas are strict). */
export const PUSH_LIMIT_HEADER = 'kurator-push-limit';

/** The push limit a sync answer's header gives: between MAX_PUSH_ENTRIES and LARGEST_PUSH; MAX_PUSH_ENTRIES when absent or unreadable. */
export function pushLimitOf(header: string | null | undefined): number {
  const n = header && /^\d{1,7}$/.test(header.trim()) ? Number(header) : NaN;
  return Number.isSafeInteger(n) ? Math.min(LARGEST_PUSH, Math.max(MAX_PUSH_ENTRIES, n)) : MAX_PUSH_ENTRIES;
}
/** Most changes one pull returns. */
export const MAX_PULL_CHANGES = 1000;

/** Office-made identities (crypto.randomUUID), never SQLite row numbers. */
export const Uid = z.uuid();
const IsoDate = z.iso.date();
const IsoInstant = z.iso.datetime({ offset: true });
const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const Name = z.string().min(1).max(200);

// ---- up: office → portal ------------------------------------------------------------------------

/** What the portal shows of the school: its name and whom to ask for help. */
export const SchoolEntry = z
  .object({
    entity: z.literal('school'),
    name: Name,
    curatorContact: z.string().max(300),
    deputyContact: z.string().max(300).nullable(),
    supportHours: z.string().max(300).nullable(),
  })
  .strict();

export const ClassEntry = z
  .object({ entity: z.literal('class'), uid: Uid, name: z.string().min(1).max(20), removed: z.boolean() })
  .strict();

const PersonFields = z
  .object({
    entity: z.literal('person'),
    uid: Uid,
    kind: z.enum(['student', 'guardian']),
    surname: Name,
    name: Name,
    patronymic: Name.nullable(),
    birthDate: IsoDate.nullable(),
    classUid: Uid.nullable(),
    /** Archived (left the school): their access on the portal ends. */
    archived: z.boolean(),
  })
  .strict();
const studentHasClass = [
  (p: { kind: string; birthDate: string | null; classUid: string | null }) =>
    p.kind === 'guardian' || (p.birthDate !== null && p.classUid !== null),
  { message: 'a student has a birth date and a class' },
] as const;

/** A student (names, birth date, class) or a guardian (names only: phones and emails stay in the office). */
export const PersonEntry = PersonFields.refine(...studentHasClass);

/** A guardian–child link; `removed` when unlinked at the desk (the parent's access to that child ends). */
export const LinkEntry = z
  .object({
    entity: z.literal('link'),
    guardianUid: Uid,
    studentUid: Uid,
    relation: z.enum(['mother', 'father', 'other']),
    removed: z.boolean(),
  })
  .strict();

export const REVOKE_REASONS = ['reissued', 'revoked', 'archived', 'expired', 'parents_known'] as const;

/** An invitation code as a keyed hash (HMAC-SHA256 with the school's code key), never its text. */
export const CodeEntry = z
  .object({
    entity: z.literal('code'),
    uid: Uid,
    hash: Hex64,
    kind: z.enum(['student', 'parent']),
    studentUid: Uid,
    guardianUid: Uid.nullable(),
    validUntil: IsoDate,
    state: z.enum(['issued', 'revoked']),
    revokeReason: z.enum(REVOKE_REASONS).nullable(),
  })
  .strict();

/** A new device's first round: everything between `begin` and `end`; what it did not mention is archived. */
export const SnapshotEntry = z.object({ entity: z.literal('snapshot'), phase: z.enum(['begin', 'end']), generation: Uid }).strict();

/** What the desk asks the portal to do to an account (#9): the portal owns accounts and applies these in order. */
export const DESK_ACTIONS = ['reset', 'contacts', 'lock', 'unlock', 'sign_out_all'] as const;
export type DeskAction = (typeof DESK_ACTIONS)[number];

/**
 * A desk request, made once and never changed (applying it twice does nothing). `reset` carries the
 * slip's token as SHA-256 and its short code as a keyed hash (HMAC with the school's code key), never
 * either in clear, and the latest moment it may still be used (`notAfter`: printing + the school's
 * limit); `contacts` carries the new email and/or phone (`null`: unchanged).
 */
export const DeskEntry = z
  .object({
    entity: z.literal('desk'),
    uid: Uid,
    action: z.enum(DESK_ACTIONS),
    accountUid: Uid,
    personUid: Uid,
    tokenHash: Hex64.nullable(),
    codeHash: Hex64.nullable(),
    notAfter: IsoInstant.nullable(),
    email: z.string().max(254).nullable(),
    phone: z.string().max(20).nullable(),
    at: IsoInstant,
  })
  .strict();

export const EntryBody = z.discriminatedUnion('entity', [
  SchoolEntry,
  ClassEntry,
  PersonEntry,
  LinkEntry,
  CodeEntry,
  SnapshotEntry,
  DeskEntry,
]);
export type EntryBody = z.infer<typeof EntryBody>;

/**
 * The key an entry is known by in the hash chain and in the office's outbox: its uid; a link's
 * `guardianUid/studentUid`; `school`; a snapshot's `phase:generation`. Both sides chain with it, so it
 * is defined here once.
 */
export function entryKey(e: EntryBody): string {
  switch (e.entity) {
    case 'school':
      return 'school';
    case 'link':
      return `${e.guardianUid}/${e.studentUid}`;
    case 'snapshot':
      return `${e.phase}:${e.generation}`;
    default:
      return e.uid;
  }
}

/** `chain` = SHA-256 hex of (previous chain ‖ seq ‖ entity ‖ key): see `chainNext` in src-node. */
const Numbered = { seq: z.number().int().positive(), chain: Hex64 };
/**
 * An entry as pushed: its body with its number and chain. One flat union (not an intersection of the
 * two): a first sync parses thousands of entries, and the intersection took several times longer.
 */
export const Entry = z.discriminatedUnion('entity', [
  SchoolEntry.extend(Numbered),
  ClassEntry.extend(Numbered),
  PersonFields.extend(Numbered).refine(...studentHasClass),
  LinkEntry.extend(Numbered),
  CodeEntry.extend(Numbered),
  SnapshotEntry.extend(Numbered),
  DeskEntry.extend(Numbered),
]);
export type Entry = z.infer<typeof Entry>;

export const PairRequest = z
  .object({
    protocol: z.literal(PROTOCOL_VERSION),
    pairingKey: z.string().min(1).max(100),
    deviceId: Uid,
    /**
     * The registration address the office pairs with (and prints). The portal refuses one whose page is
     * not the school's: the request reaches the school by host and prefix, which leave the page unchecked,
     * and a paired office cannot change its address. Absent from offices made before it was checked.
     */
    address: z.string().max(2000).optional(),
  })
  .strict();
export const PairResponse = z
  .object({ schoolId: z.number().int(), schoolName: Name, syncSecret: z.string().min(32), codeKey: z.string().min(32) })
  .strict();

/** A device that found itself behind or forked, or a restored database: a fresh id, and a snapshot follows. */
export const NewDeviceRequest = z.object({ protocol: z.literal(PROTOCOL_VERSION), deviceId: Uid, replaces: Uid.nullable() }).strict();

/**
 * Where the school's current device stands on the portal. The office checks itself against it at the
 * start of each round, so a database restored from a backup (or a copy) learns it is behind or forked
 * even when it has nothing to send (added to v1 for that; the push refusals stay the second line).
 */
export const DeviceState = z.object({ deviceId: Uid, lastSeq: z.number().int().nonnegative(), lastChain: Hex64 }).strict();

export const PushRequest = z
  .object({ protocol: z.literal(PROTOCOL_VERSION), deviceId: Uid, entries: z.array(Entry).min(1).max(LARGEST_PUSH) })
  .strict();
export const PushResponse = z.object({ appliedThrough: z.number().int().nonnegative() }).strict();

// ---- the office journal's head (#11) --------------------------------------------------------------

/**
 * The newest row of the office's journal: its number and its keyed hash, never its contents; `mac`
 * (keyed with the journal key) lets the office tell later that a head the portal returns is one it
 * sent. Its own call (`POST anchor` with every round, `GET anchor` for `audit verify`), not an entry
 * of the chain: entries are roster state that a new device's snapshot replaces and that goes up only
 * when something changed, while the head must go up with every round and outlive device changes as
 * evidence; and `PushRequest` is strict, so a field there would be refused by a portal without it.
 */
export const AuditHead = z.object({ id: z.number().int().positive().max(2_147_483_647), hash: Hex64, mac: Hex64 }).strict();
export type AuditHead = z.infer<typeof AuditHead>;

/**
 * `previous`: the row at the number of the head the portal holds for this device (as `GET anchor`
 * said just before), as this journal has it now — null when it has no such row or the portal holds
 * none of this device. A head that moves on is taken only when `previous` is the held head itself:
 * a journal cut and written past its head before the next round is refused, not taken.
 */
export const AnchorRequest = z
  .object({
    protocol: z.literal(PROTOCOL_VERSION),
    deviceId: Uid,
    head: AuditHead,
    previous: z.object({ id: AuditHead.shape.id, hash: Hex64 }).strict().nullable(),
  })
  .strict();

/**
 * What the portal did with a head: `stored` (newer, or the first), `same` (already held), `replaced`
 * (the first of a new device: a restored or copied database; the old head is kept as evidence),
 * `refused` (behind what this device sent before, the same number with another hash, or a head that
 * does not stand on the one held: kept as evidence beside the head held, which stays).
 */
export const ANCHOR_OUTCOMES = ['stored', 'same', 'replaced', 'refused'] as const;
export const AnchorAnswer = z.object({ outcome: z.enum(ANCHOR_OUTCOMES) }).strict();

/** A head the portal holds for the school, with the device that sent it and when it was first received. */
export const HeldHead = AuditHead.extend({ deviceId: Uid, at: IsoInstant }).strict();
export type HeldHead = z.infer<typeof HeldHead>;

/**
 * `GET anchor[?earlier=N]`: the head held now, and (at most N, default 1000, newest first) earlier
 * heads of the same device the journal must still have — daily checkpoints and the head held when
 * a head was refused. A round asks with `earlier=0`: it needs the head only.
 */
export const PortalAnchor = z
  .object({
    head: HeldHead.nullable(),
    earlier: z.array(HeldHead.extend({ kind: z.enum(['checkpoint', 'refused']) }).strict()).max(1000),
  })
  .strict();
export type PortalAnchor = z.infer<typeof PortalAnchor>;

// ---- down: portal → office ----------------------------------------------------------------------

/** A portal account as the desk sees it; never a password hash or a token. */
export const AccountChange = z
  .object({
    type: z.literal('account'),
    uid: Uid,
    login: z.string(),
    kind: z.enum(['student', 'parent']),
    /** The roster person the account belongs to. */
    personUid: Uid,
    /** For a parent: the children linked to the account. */
    childUids: z.array(Uid),
    email: z.string().nullable(),
    emailConfirmed: z.boolean(),
    phone: z.string().nullable(),
    phoneConfirmed: z.boolean(),
    registeredAt: IsoInstant,
    lastSignInAt: IsoInstant.nullable(),
    disabled: z.boolean(),
  })
  .strict();

/** A code was used: by which account, when. */
export const RedemptionChange = z
  .object({ type: z.literal('redemption'), codeUid: Uid, accountUid: Uid, login: z.string(), at: IsoInstant })
  .strict();

/** A parent registered with a code issued while no parent was on file: the office adds them to the child. */
export const GuardianChange = z
  .object({
    type: z.literal('guardian'),
    personUid: Uid,
    surname: Name,
    name: Name,
    patronymic: Name.nullable(),
    studentUid: Uid,
    at: IsoInstant,
  })
  .strict();

export const RECOVERY_ACTIONS = ['login_reminder', 'reset_link', 'sms_digits', 'sms_code', 'password_reset'] as const;
export const RECOVERY_OUTCOMES = ['sent', 'limited', 'wrong', 'exhausted', 'done'] as const;

/**
 * A self-service recovery event on an account (#8), for the desk («восстановление пароля по SMS
 * 12.09 10:41»): a login reminder or reset link sent (or held back by the hourly cap), the phone's
 * hidden digits or an SMS code typed wrong, a code used up by wrong tries, a password set.
 */
export const RecoveryChange = z
  .object({
    type: z.literal('recovery'),
    uid: Uid,
    accountUid: Uid,
    login: z.string(),
    at: IsoInstant,
    action: z.enum(RECOVERY_ACTIONS),
    channel: z.enum(['email', 'sms']),
    outcome: z.enum(RECOVERY_OUTCOMES),
    /** `ip:203.0.113.7` or an IPv6 /64 (`ip6:2001:db8:0:1`). */
    network: z.string().max(100),
  })
  .strict();

export const DESK_REFUSALS = ['no_account', 'other_person', 'expired', 'locked', 'bad_contact'] as const;
export type DeskRefusal = (typeof DESK_REFUSALS)[number];

/**
 * What became of a desk request: `done` (applied; a reset's slip works until `expiresAt`), `refused`
 * (why), and later for a reset `used` (the new password was set with the slip).
 */
export const DeskChange = z
  .object({
    type: z.literal('desk'),
    uid: Uid,
    outcome: z.enum(['done', 'refused', 'used']),
    refusal: z.enum(DESK_REFUSALS).nullable(),
    expiresAt: IsoInstant.nullable(),
    at: IsoInstant,
  })
  .strict();

/**
 * A delivered reset slip stopped working before it was used: the account's password was changed
 * another way (the account page, a recovery by letter or SMS), and the portal refuses a slip older
 * than the password. A type of its own, not a `desk` outcome: an office that does not know it passes it
 * over (its slip then just reads as working until it expires), where an unknown outcome would stop its pull.
 */
export const DeskEndedChange = z
  .object({ type: z.literal('desk_ended'), uid: Uid, why: z.enum(['password_changed']), at: IsoInstant })
  .strict();

export const ChangeBody = z.discriminatedUnion('type', [
  AccountChange,
  RedemptionChange,
  GuardianChange,
  RecoveryChange,
  DeskChange,
  DeskEndedChange,
]);
export type ChangeBody = z.infer<typeof ChangeBody>;

export const Change = z.intersection(z.object({ cursor: z.number().int().positive() }), ChangeBody);
export type Change = z.infer<typeof Change>;

export const PullResponse = z.object({ changes: z.array(Change), next: z.number().int().nonnegative(), more: z.boolean() }).strict();

/**
 * A pull page as the office reads it: each change is then parsed by its type, and a type it does not
 * know yet (later portal features add some) is passed over, so an older office keeps syncing.
 */
export const PullPage = z
  .object({
    changes: z.array(z.object({ cursor: z.number().int().positive(), type: z.string() }).loose()),
    next: z.number().int().nonnegative(),
    more: z.boolean(),
  })
  .strict();
export const CHANGE_TYPES: readonly string[] = ChangeBody.options.map((o) => o.shape.type.value);

// ---- errors -------------------------------------------------------------------------------------

/** What a refused call says, besides its HTTP status: the reason the office branches on. */
export const SyncRefusal = z
  .object({
    reason: z.string(),
    message: z.string(),
    /** `sync.gap`: the sequence number the portal expects next. */
    expected: z.number().int().optional(),
    /** `sync.pair_wrong_address`: the school's registration address on the portal. */
    address: z.string().max(2000).optional(),
  })
  .strict();
export type SyncRefusal = z.infer<typeof SyncRefusal>;
