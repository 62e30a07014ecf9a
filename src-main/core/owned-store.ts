// Short-lived things a client works on across several calls (an uploaded roster file, a prepared
// printout): kept in memory, per client, for a limited time and in a limited number.
import { randomUUID } from 'node:crypto';
import { AppError } from '../../src-shared/result.ts';
import type { PlainReason } from '../../src-shared/errors.ts';

export type Owned<T> = T & { id: string; owner: string; at: number };

export class OwnedStore<T extends object> {
  private readonly items = new Map<string, Owned<T>>();
  private readonly now: () => number;
  private readonly ttlMs: number;
  private readonly perOwner: number;
  private readonly expired: PlainReason;

  constructor(options: {
    now: () => number;
    ttlMs: number;
    perOwner: number;
    /** What `get` throws for a missing item. */
    expired: PlainReason;
  }) {
    this.now = options.now;
    this.ttlMs = options.ttlMs;
    this.perOwner = options.perOwner;
    this.expired = options.expired;
  }

  private expire(): void {
    const limit = this.now() - this.ttlMs;
    for (const [id, item] of this.items) if (item.at < limit) this.items.delete(id);
  }

  put(owner: string, value: T): Owned<T> {
    this.expire();
    const mine = [...this.items.values()].filter((u) => u.owner === owner).sort((a, b) => a.at - b.at);
    while (mine.length >= this.perOwner) this.items.delete(mine.shift()!.id);
    const item: Owned<T> = { ...value, id: randomUUID(), owner, at: this.now() };
    this.items.set(item.id, item);
    return item;
  }

  /** The item, if this client owns it and it has not expired. */
  get(owner: string, id: string): Owned<T> {
    const item = this.find(id);
    if (!item || item.owner !== owner) throw new AppError(this.expired);
    return item;
  }

  /** Forgets everything an owner has (its session ended). */
  dropOwner(owner: string): void {
    for (const [id, item] of this.items) if (item.owner === owner) this.items.delete(id);
  }

  /** The item by its unguessable id alone (for a document a page loads in a frame). */
  find(id: string): Owned<T> | undefined {
    this.expire();
    return this.items.get(id);
  }
}
