// Where mail goes: an SMTP server (SMTP_URL, e.g. smtp://127.0.0.1:2525 or smtps://user:pass@host) through
// nodemailer, or — without one — `.eml` files in DATA_DIR/outbox/ that any mail program opens.
import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface MailTransport {
  /** Human words for the start line and `mail failed`: where messages go. */
  readonly describe: string;
  readonly kind: 'smtp' | 'files';
  send(id: string, mail: OutgoingMail): Promise<void>;
  close(): void;
}

export const outboxDir = (dataDir: string): string => path.join(dataDir, 'outbox');

export function createTransport(env: NodeJS.ProcessEnv, dataDir: string): MailTransport {
  const url = env.SMTP_URL?.trim();
  if (url) {
    const smtp = nodemailer.createTransport(url);
    const shown = new URL(url);
    return {
      kind: 'smtp',
      describe: `${shown.protocol}//${shown.host}`,
      send: async (id, mail) => {
        await smtp.sendMail({ ...mail, messageId: `<${id}@kurator-portal>` });
      },
      close: () => smtp.close(),
    };
  }
  const dir = outboxDir(dataDir);
  const files = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    kind: 'files',
    describe: dir,
    send: async (id, mail) => {
      const info = await files.sendMail({ ...mail, messageId: `<${id}@kurator-portal>` });
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      const file = path.join(dir, `${id}.eml`);
      fs.writeFileSync(`${file}.tmp`, info.message as Buffer, { mode: 0o600 });
      fs.renameSync(`${file}.tmp`, file);
    },
    close: () => files.close(),
  };
}
