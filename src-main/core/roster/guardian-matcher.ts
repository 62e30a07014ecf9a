// Who a file's parent is among the stored guardians (apply-phases.ts, the guardians' phase): the one
// with the same phone, else the same email, else — with neither to go by — a namesake already linked
// to one of the same children. The look-ups a large import needs only for a few parents are built
// when the first one asks.
import type * as dal from '../dal/roster.ts';
import type { ParsedGuardian, ParsedLink, Relation } from '../../../src-shared/roster/types.ts';
import { ContactIndex, IdSet, PairTable } from './apply-lookups.ts';

export interface GuardianMatch {
  rec: dal.PersonRecord | undefined;
  /** The file's phone and email belong to two different stored people (the phone's is `rec`). */
  split: boolean;
}

export class GuardianMatcher {
  /** The stored links, then (phase by phase) the file's: (guardian, student) → relation. */
  readonly links = new PairTable<Relation>();
  private readonly byPhone = new ContactIndex();
  private readonly byEmail = new ContactIndex();
  /**
   * A namesake is taken only when a stored link ties them to one of the file parent's children, so a
   * guardian without a stored link is never one (a new school's first import has none at all).
   */
  private readonly linked = new IdSet();
  /**
   * Guardians by name key, for those no contact matched: built when the first one comes, of the
   * linked guardians among the stored ones and those updated so far, in that order.
   */
  private byName: Map<string, dal.PersonRecord[]> | undefined;
  private readonly indexedSoFar: dal.PersonRecord[] = [];
  /** A file parent's children (student ids; empty when none of them is imported): built when first asked. */
  private childrenInFile: Map<string, number[]> | undefined;

  private readonly stored: dal.PersonRecord[];
  private readonly storedLinks: dal.LinkRecord[];
  private readonly fileLinks: ParsedLink[];
  private readonly studentIds: Map<string, number>;

  constructor(stored: dal.PersonRecord[], storedLinks: dal.LinkRecord[], fileLinks: ParsedLink[], studentIds: Map<string, number>) {
    this.stored = stored;
    this.storedLinks = storedLinks;
    this.fileLinks = fileLinks;
    this.studentIds = studentIds;
    for (const l of storedLinks) {
      this.links.set(l.guardianId, l.studentId, l.relation);
      this.linked.add(l.guardianId);
    }
    for (const g of stored) {
      if (g.phone) this.byPhone.set(g.phone, g);
      if (g.email) this.byEmail.set(g.email, g);
    }
  }

  /** The stored guardian the file's `g` (name key `key`) is, if any. */
  match(g: ParsedGuardian, key: string): GuardianMatch {
    const viaPhone = g.phone ? this.byPhone.get(g.phone, key) : undefined;
    const viaEmail = g.email ? this.byEmail.get(g.email, key) : undefined;
    const split = viaPhone !== undefined && viaEmail !== undefined && viaPhone.id !== viaEmail.id;
    const rec = viaPhone ?? viaEmail;
    if (rec) return { rec, split };
    // No contact to match by: the same name already linked to one of the same children is the same
    // person. Until the links are written, `links` holds the stored ones only. The contacts are
    // compared first: they rule out most namesakes without the children.
    const namesake = this.namesakesOf(key)?.find(
      (cand) =>
        (!g.phone || !cand.phone) &&
        (!g.email || !cand.email) &&
        (this.childrenListed(g.key) ?? []).some((sid) => this.links.get(cand.id, sid) !== undefined),
    );
    return { rec: namesake, split };
  }

  /** A guardian added or updated by this import: later parents of the file find them too. */
  index(g: dal.PersonRecord): void {
    if (g.phone) this.byPhone.set(g.phone, g);
    if (g.email) this.byEmail.set(g.email, g);
    if (this.byName) this.fileByName(g);
    else if (this.linked.has(g.id)) this.indexedSoFar.push(g);
  }

  /** The students the file gives `guardianKey` (ids; empty when none is imported), or undefined: none listed. */
  childrenListed(guardianKey: string): number[] | undefined {
    if (!this.childrenInFile) {
      const children = (this.childrenInFile = new Map<string, number[]>());
      for (const l of this.fileLinks) {
        const sid = this.studentIds.get(l.studentKey);
        const list = children.get(l.guardianKey);
        if (sid === undefined) {
          if (!list) children.set(l.guardianKey, []);
        } else if (list) list.push(sid);
        else children.set(l.guardianKey, [sid]);
      }
    }
    return this.childrenInFile.get(guardianKey);
  }

  private namesakesOf(key: string): dal.PersonRecord[] | undefined {
    if (this.storedLinks.length === 0) return undefined;
    if (!this.byName) {
      this.byName = new Map();
      for (const g of this.stored) this.fileByName(g);
      for (const g of this.indexedSoFar) this.fileByName(g);
    }
    return this.byName.get(key);
  }

  private fileByName(g: dal.PersonRecord): void {
    if (!this.linked.has(g.id)) return;
    const list = this.byName!.get(g.nameKey);
    if (list) list.push(g);
    else this.byName!.set(g.nameKey, [g]);
  }
}
