// argon2id runs on libuv's thread pool (4 threads unless UV_THREADPOOL_SIZE says otherwise), first come
// first served: fifty registrations hashing at once would make a sign-in wait behind all of them. So
// hashing goes through this queue, which keeps the pool just busy and lets sign-ins (someone waiting
// to get in) go before new passwords.
export type HashPriority = 'sign-in' | 'new-password';

export class HashQueue {
  private running = 0;
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
      // The slot passes straight to the next in line (sign-ins first), or is given back.
      const next = this.waiting['sign-in'].shift() ?? this.waiting['new-password'].shift();
      if (next) next();
      else this.running--;
    }
  }
}
