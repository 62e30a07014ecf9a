// Sends what the outbox holds (mail, and SMS through the SMS sender): woken when this process queues a message, and every few seconds for
// messages other processes queued or that wait for a retry.
import type { Outbox } from './outbox.ts';
import type { MailTransport } from './transport.ts';
import type { SmsSender } from '../sms/sender.ts';

export interface MailWorker {
  /** Sends everything due now; resolves when done (tests and shutdown use it). */
  drain(): Promise<number>;
  stop(): Promise<void>;
}

const LEASE_MS = 120_000;
const BATCH = 10;

export function startMailWorker(
  outbox: Outbox,
  transport: MailTransport,
  options: { pollMs?: number; log?: (msg: string) => void; sms?: SmsSender } = {},
): MailWorker {
  let running: Promise<number> | null = null;
  let again = false;
  let stopped = false;
  const log = options.log ?? (() => undefined);

  const round = async (): Promise<number> => {
    let sent = 0;
    for (;;) {
      const batch = await outbox.claim(BATCH, LEASE_MS);
      if (batch.length === 0) return sent;
      for (const item of batch) {
        try {
          if (item.channel === 'mail') await transport.send(item.id, item.mail);
          else if (options.sms) await options.sms.send(item.id, item.sms);
          else throw new Error('no SMS sender in this worker');
          await outbox.sent(item.id);
          sent++;
        } catch (e) {
          const message = e instanceof Error ? e.message : String(e);
          log(`mail ${item.id} attempt ${item.attempts} failed: ${message}`);
          await outbox.failed(item.id, item.attempts, message);
        }
      }
    }
  };

  const drain = (): Promise<number> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      do {
        again = false;
        total += await round();
      } while (again && !stopped);
      return total;
    })().finally(() => {
      running = null;
    });
    return running;
  };

  const kick = () => {
    if (!stopped) drain().catch((e: unknown) => log(`mail worker: ${e instanceof Error ? e.message : String(e)}`));
  };
  outbox.kick = kick;
  const timer = setInterval(kick, options.pollMs ?? 5_000);
  timer.unref();
  kick();

  return {
    drain,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      outbox.kick = () => undefined;
      await running?.catch(() => undefined);
      transport.close();
    },
  };
}
