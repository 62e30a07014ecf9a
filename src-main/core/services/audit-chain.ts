// The journal's hash chain: each row's hash is an HMAC-SHA-256 of its canonical JSON (which holds the
// previous row's hash) under the office's journal key (kurator.key, never in the database). Rows
// written before the chain was keyed keep their unkeyed SHA-256 and are checked as they were written.
// The head of the chain is remembered outside the database (the anchor file, every backup's manifest,
// later the portal) as a signed head: it finds the last rows cut off and the whole chain rewritten.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { AuditRecord } from '../dal/audit.ts';
import type { AuditVerifyResult } from '../../../src-shared/rpc/types.ts';

export const GENESIS_HASH = '0'.repeat(64);

type Unhashed = Omit<AuditRecord, 'hash'>;

function canonical(r: Unhashed): string {
  return JSON.stringify([
    r.id,
    r.at,
    r.operatorId,
    r.operatorLogin,
    r.action,
    r.personKind,
    r.personId,
    r.personLabel,
    r.details,
    r.prevHash,
  ]);
}

/** The hash of a row written before the journal was keyed: anyone can compute it. */
export const legacyHash = (r: Unhashed): string => createHash('sha256').update(canonical(r), 'utf8').digest('hex');

/** The hash of a row: only the holder of the journal key can compute it. */
export const keyedHash = (key: Buffer, r: Unhashed): string => createHmac('sha256', key).update(canonical(r), 'utf8').digest('hex');

/** A keyed digest for other purposes (`purpose` keeps them apart from each other and from row hashes). */
export const keyedDigest = (key: Buffer, purpose: string, text: string): string =>
  createHmac('sha256', key).update(`kurator:${purpose}\0${text}`, 'utf8').digest('hex');

/** Names a key without revealing it: tells «another key» from «edited rows». */
export const keyIdOf = (key: Buffer): string => keyedDigest(key, 'key-id', '').slice(0, 16);

/** The newest row of the chain as remembered outside the database, signed with the journal key. */
export interface SignedHead {
  v: 1;
  /** 0 with the genesis hash: nothing written yet. */
  id: number;
  hash: string;
  /** The row's time (for people reading a manifest; the hash covers it). */
  at: string;
  /** The first row that must carry a keyed hash (rows before it were written before keying). */
  keyedFrom: number;
  keyId: string;
  mac: string;
}

const headMac = (key: Buffer, h: Omit<SignedHead, 'mac' | 'keyId' | 'v'>): string =>
  keyedDigest(key, 'head', JSON.stringify([h.id, h.hash, h.at, h.keyedFrom]));

export function signHead(key: Buffer, head: { id: number; hash: string; at: string; keyedFrom: number }): SignedHead {
  return { v: 1, id: head.id, hash: head.hash, at: head.at, keyedFrom: head.keyedFrom, keyId: keyIdOf(key), mac: headMac(key, head) };
}

const sameHex = (a: string, b: string): boolean => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export const headSignedBy = (key: Buffer, h: SignedHead): boolean => h.keyId === keyIdOf(key) && sameHex(h.mac, headMac(key, h));

/** What remembers the head outside the database, as read for a check. */
export type AnchorState =
  | { kind: 'head'; head: SignedHead }
  /** There should be one and there is none (the file was deleted). */
  | { kind: 'missing' }
  /** There is one, but it does not read as a signed head. */
  | { kind: 'invalid' }
  /** None is expected: a backup made before manifests existed. */
  | { kind: 'none' };

interface Walk {
  checked: number;
  legacy: number;
  head: { id: number; hash: string } | null;
  bad: { id: number; reason: 'hash' | 'link' | 'gap' | 'forged' } | null;
  /** Every row from the first bad one on carries a hash anyone could compute. */
  tailForged: boolean;
  /** Every row from the first bad one on matches neither hash: another key signed them. */
  tailForeign: boolean;
  /** The first row that had to be keyed (from the anchor, else the first keyed row found). */
  keyedFrom: number | null;
  anchoredHash: string | undefined;
}

function walk(rows: Iterable<AuditRecord>, key: Buffer, keyedFrom: number | null, anchorId: number | null): Walk {
  const w: Walk = {
    checked: 0,
    legacy: 0,
    head: null,
    bad: null,
    tailForged: false,
    tailForeign: false,
    keyedFrom,
    anchoredHash: undefined,
  };
  let prev = GENESIS_HASH;
  for (const r of rows) {
    if (r.id === anchorId) w.anchoredHash = r.hash;
    w.head = { id: r.id, hash: r.hash };
    const keyed = keyedHash(key, r) === r.hash;
    const unkeyed = !keyed && legacyHash(r) === r.hash;
    if (w.bad) {
      w.tailForged &&= unkeyed;
      w.tailForeign &&= !keyed && !unkeyed;
      continue;
    }
    const mustBeKeyed = w.keyedFrom !== null && r.id >= w.keyedFrom;
    if (r.id !== w.checked + 1) w.bad = { id: w.checked + 1, reason: 'gap' };
    else if (r.prevHash !== prev) w.bad = { id: r.id, reason: 'link' };
    else if (unkeyed && mustBeKeyed) w.bad = { id: r.id, reason: 'forged' };
    else if (!keyed && !unkeyed) w.bad = { id: r.id, reason: 'hash' };
    if (w.bad) {
      w.tailForged = w.bad.reason === 'forged';
      w.tailForeign = w.bad.reason === 'hash' && !mustBeKeyed;
      continue;
    }
    if (keyed) w.keyedFrom ??= r.id;
    else w.legacy += 1;
    prev = r.hash;
    w.checked += 1;
  }
  return w;
}

/**
 * Walks the chain oldest first and checks it against the anchor. Row faults come first (the first
 * one found, named), then what only the anchor can tell: rows cut off the end, a chain that is
 * sound but not the one anchored. `rows` is called only when the rows are needed (a statement left
 * half-read stays busy).
 */
export function verifyChain(rows: () => Iterable<AuditRecord>, key: Buffer, anchor: AnchorState): AuditVerifyResult {
  const head = anchor.kind === 'head' ? anchor.head : null;
  if (head && head.keyId !== keyIdOf(key)) return { ok: false, checked: 0, reason: 'key', anchorId: head.id };
  const signed = head !== null && headSignedBy(key, head);
  const trusted = signed ? head : null;
  const w = walk(rows(), key, trusted && trusted.keyedFrom > 0 ? trusted.keyedFrom : null, trusted?.id ?? null);
  const base = { checked: w.checked, ...(w.legacy ? { legacy: w.legacy } : {}), ...(trusted ? { anchorId: trusted.id } : {}) };
  if (w.bad) {
    const keyedFrom = w.keyedFrom ?? 1;
    if (w.bad.reason === 'forged' && w.tailForged && w.bad.id <= keyedFrom)
      return { ok: false, ...base, badId: w.bad.id, reason: 'rewritten' };
    if (w.bad.reason === 'hash' && w.tailForeign && w.keyedFrom === null) return { ok: false, ...base, badId: w.bad.id, reason: 'key' };
    return { ok: false, ...base, badId: w.bad.id, reason: w.bad.reason };
  }
  if (anchor.kind === 'missing') return { ok: false, ...base, reason: 'anchor_missing' };
  if (anchor.kind === 'invalid' || (head && !signed)) return { ok: false, ...base, reason: 'anchor_invalid' };
  if (trusted && trusted.id > 0) {
    const last = w.head?.id ?? 0;
    if (last < trusted.id) return { ok: false, ...base, badId: last + 1, reason: 'truncated' };
    if (w.anchoredHash !== trusted.hash) return { ok: false, ...base, badId: trusted.id, reason: 'rewritten' };
  }
  return { ok: true, ...base };
}
