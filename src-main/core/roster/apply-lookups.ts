// Look-ups of the roster matching (apply-phases.ts), built for its hot loops: people by a contact
// value, sets of row ids, values of (guardian, student) pairs — no key strings made per person.
import type * as dal from '../dal/roster.ts';

/**
 * Stored people by one contact value (a phone or an email) and their name key: usually one person
 * per value, a list when namesakes share it. Keyed by the contact alone, so a look-up hashes the
 * file's value (hashed once already while parsing) instead of a string built for it.
 */
export class ContactIndex {
  private readonly byValue = new Map<string, dal.PersonRecord | dal.PersonRecord[]>();

  /** Files `rec` under `value`; a later person with the same name key takes the place of an earlier one. */
  set(value: string, rec: dal.PersonRecord): void {
    const seen = this.byValue.get(value);
    if (seen === undefined) this.byValue.set(value, rec);
    else if (!Array.isArray(seen)) this.byValue.set(value, seen.nameKey === rec.nameKey ? rec : [seen, rec]);
    else {
      const i = seen.findIndex((r) => r.nameKey === rec.nameKey);
      if (i < 0) seen.push(rec);
      else seen[i] = rec;
    }
  }

  get(value: string, nameKey: string): dal.PersonRecord | undefined {
    const seen = this.byValue.get(value);
    if (seen === undefined) return undefined;
    if (!Array.isArray(seen)) return seen.nameKey === nameKey ? seen : undefined;
    return seen.find((r) => r.nameKey === nameKey);
  }
}

/**
 * A set of row ids (small, dense integers): one byte per id up to the largest, no hashing. An id
 * past `IdSet.DENSE_LIMIT` (never, in a school) goes to a plain Set.
 */
export class IdSet {
  static readonly DENSE_LIMIT = 2 ** 26;
  private bits = new Uint8Array(1024);
  private sparse: Set<number> | null = null;

  add(id: number): void {
    if (!Number.isInteger(id) || id < 0 || id >= IdSet.DENSE_LIMIT) {
      (this.sparse ??= new Set()).add(id);
      return;
    }
    if (id >= this.bits.length) {
      let size = this.bits.length * 2;
      while (size <= id) size *= 2;
      const grown = new Uint8Array(size);
      grown.set(this.bits);
      this.bits = grown;
    }
    this.bits[id] = 1;
  }

  has(id: number): boolean {
    if (Number.isInteger(id) && id >= 0 && id < IdSet.DENSE_LIMIT) return id < this.bits.length && this.bits[id] === 1;
    return this.sparse?.has(id) ?? false;
  }
}

/**
 * Values of (guardian, student) pairs: each guardian's students in a short list (a parent has a
 * child or three), the lists found by the guardian's id in an array. Nothing is built or hashed
 * per pair (a Map keyed by the pair would hash a key made for each of tens of thousands of links).
 */
export class PairTable<T> {
  private byFirst: (Array<number | T> | undefined)[] = [];

  get(a: number, b: number): T | undefined {
    const list = this.byFirst[a];
    if (list) for (let i = 0; i < list.length; i += 2) if (list[i] === b) return list[i + 1] as T;
    return undefined;
  }

  set(a: number, b: number, value: T): void {
    const list = this.byFirst[a];
    if (!list) {
      if (a >= this.byFirst.length) this.grow(a);
      this.byFirst[a] = [b, value];
      return;
    }
    for (let i = 0; i < list.length; i += 2)
      if (list[i] === b) {
        list[i + 1] = value;
        return;
      }
    list.push(b, value);
  }

  /** Ids up to this are given room in the array (8 MB of slots at most); any other id is left to the array itself. */
  static readonly DENSE_LIMIT = 2 ** 20;

  /**
   * Makes room for index `a`, doubling: a first index far past the end (a new school's guardians are
   * numbered after its students) would turn the array into a hash table (V8's dictionary elements).
   */
  private grow(a: number): void {
    if (!Number.isInteger(a) || a < 0 || a >= PairTable.DENSE_LIMIT) return;
    let size = Math.max(1024, this.byFirst.length * 2);
    while (size <= a) size *= 2;
    const grown = new Array<Array<number | T> | undefined>(size).fill(undefined);
    for (let i = 0; i < this.byFirst.length; i++) grown[i] = this.byFirst[i];
    this.byFirst = grown;
  }
}
