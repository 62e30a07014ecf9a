// Where SMS go: SMS.ru's HTTP API (SMS_URL, e.g. `https://sms.ru/sms/send?api_id=…`, or a fake of it on
// loopback in tests), or — without one — text files in DATA_DIR/outbox/ beside the mail. The worker
// sends them from the outbox like mail (src-portal/mail/worker.ts), so a slow or failing provider
// never holds up a page, and a failed message is retried with back-off.
import fs from 'node:fs';
import path from 'node:path';
import { outboxDir } from '../mail/transport.ts';

export interface OutgoingSms {
  /** `+79…` */
  to: string;
  text: string;
}

export interface SmsSender {
  /** Human words for the start line: where messages go (never the api_id). */
  readonly describe: string;
  readonly kind: 'smsru' | 'files';
  send(id: string, sms: OutgoingSms): Promise<void>;
}

const TIMEOUT_MS = 15_000;

interface SmsRuAnswer {
  status?: string;
  status_code?: number;
  status_text?: string;
  sms?: Record<string, { status?: string; status_code?: number; status_text?: string; sms_id?: string }>;
}

/**
 * One message through SMS.ru's `sms/send` (json=1): the request as a POST form (the api_id stays out of
 * any proxy's request log), accepted only when both the request and the number's own status are OK.
 */
export function smsRuSender(url: string): SmsSender {
  const base = new URL(url);
  const endpoint = `${base.origin}${base.pathname}`;
  return {
    kind: 'smsru',
    describe: endpoint,
    send: async (_id, sms) => {
      const form = new URLSearchParams(base.searchParams);
      const to = sms.to.replace(/^\+/, '');
      form.set('to', to);
      form.set('msg', sms.text);
      form.set('json', '1');
      const res = await fetch(endpoint, {
        method: 'POST',
        body: form,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (!res.ok) throw new Error(`SMS.ru answered HTTP ${res.status}`);
      const answer = (await res.json()) as SmsRuAnswer;
      if (answer.status !== 'OK') throw new Error(`SMS.ru refused: ${answer.status_code} ${answer.status_text ?? ''}`.trim());
      const one = answer.sms?.[to];
      if (!one || one.status !== 'OK') throw new Error(`SMS.ru refused ${to}: ${one?.status_code} ${one?.status_text ?? ''}`.trim());
    },
  };
}

/** Without SMS_URL: `DATA_DIR/outbox/<id>.sms`, a text file with the number and the message. */
export function fileSmsSender(dataDir: string): SmsSender {
  const dir = outboxDir(dataDir);
  return {
    kind: 'files',
    describe: dir,
    send: async (id, sms) => {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      const file = path.join(dir, `${id}.sms`);
      fs.writeFileSync(`${file}.tmp`, `To: ${sms.to}\n\n${sms.text}\n`, { mode: 0o600 });
      fs.renameSync(`${file}.tmp`, file);
    },
  };
}

export function createSmsSender(env: NodeJS.ProcessEnv, dataDir: string): SmsSender {
  const url = env.SMS_URL?.trim();
  return url ? smsRuSender(url) : fileSmsSender(dataDir);
}
