// argon2id runs on libuv's thread pool (4 threads unless UV_THREADPOOL_SIZE says otherwise), first come
// first served: fifty registrations hashing at once would make a sign-in wait behind all of them. So
// hashing goes through this queue, which keeps the pool just busy and lets sign-ins (someone waiting
// to get in) go before new passwords — but not always: a steady stream of sign-ins (a parent meeting;
// the portal bench's five signing-in clients on a 2-thread pool) would keep every slot, and new
// passwords would wait for ever (300 registrations took 87 minutes there). So after a few slots in a
// row given to sign-ins while a new password waits, the next one is the new password's.
export type HashPriority = 'sign-in' | 'new-password';

/** Slots in a row sign-ins may take while a new password waits. */
export const SIGN_INS_FIRST = 3;

export class HashQueue {
  private running = 0;
  /** Slots given to sign-ins in a row while a new password was waiting. */
  private signInsInARow = 0;
  private readonly waiting: Record<HashPriority, (() => void)[]> = { 'sign-in': [], 'new-password': [] };
  readonly limit: number;

  /** One more than the pool's threads: the pool never idles between two hashes. */
  constructor(limit = (Number(process.env.UV_THREADPOOL_SIZE) || 4) + 1) {
    this.limit = limit;
  }

  async run<T>(priority: HashPriority, work: () => Promise<T>): Promise<T> {
    if (this.running < this.limit) this.running++;
    else await new Promise<void>((resolve) => this.waiting[priority].push(resolve));
    try {
      return await work();
    } finally {
      // The slot passes straight to the next in line, or is given back.
      const next = this.next();
      if (next) next();
      else this.running--;
    }
  }

  /** Sign-ins first, unless new passwords have waited SIGN_INS_FIRST slots in a row. */
  private next(): (() => void) | undefined {
    const newPasswordWaits = this.waiting['new-password'].length > 0;
    if (this.waiting['sign-in'].length > 0 && !(newPasswordWaits && this.signInsInARow >= SIGN_INS_FIRST)) {
      this.signInsInARow = newPasswordWaits ? this.signInsInARow + 1 : 0;
      return this.waiting['sign-in'].shift();
    }
    this.signInsInARow = 0;
    return this.waiting['new-password'].shift();
  }
}
