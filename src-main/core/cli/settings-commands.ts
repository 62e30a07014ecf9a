// `settings`: the school's contacts and registration address as printed on the slips and shown on the portal — read, or set by a curator
// (as «Настройки школы» does). Setup takes the curator's contact only; a school without a window still needs a
// way to give the deputy's contact and the hours, or to correct the contact later.
import { AppError } from '../../../src-shared/result.ts';
import { t } from '../../../src-shared/i18n/index.ts';
import { MailServer, SettingsPatch, type SchoolSettings } from '../../../src-shared/schemas/settings.ts';
import { invalidInput } from '../errors.ts';
import { OfficeSecrets } from '../secrets/key-file.ts';
import { UsageError, command, optionalString, requireCurator } from './command.ts';

const m = t.cli.mailServer;

/** The school's SMTP server as one address: `smtp://user@host:587` (STARTTLS) or `smtps://user@host:465`. */
export function mailServerUrl(m: MailServer): string {
  const user = m.user ? `${encodeURIComponent(m.user)}@` : '';
  return `${m.secure ? 'smtps' : 'smtp'}://${user}${m.host}:${m.port}`;
}

/**
 * `--mail-server URL` read into the settings' shape (null: `""` turns mail off). The password never
 * rides in the address (a command line shows in the process list): KURATOR_SMTP_PASSWORD carries it.
 */
function parseMailServer(url: string, from: string | undefined, before: MailServer | null): MailServer | null {
  if (url === '') return null;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new UsageError(m.badUrl(url));
  }
  if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') throw new UsageError(m.badUrl(url));
  if (u.password) throw new UsageError(m.passwordInUrl);
  const secure = u.protocol === 'smtps:';
  const sender = from ?? before?.from;
  if (!sender) throw new UsageError(m.fromRequired);
  const parsed = MailServer.safeParse({
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 465 : 587,
    secure,
    user: u.username ? decodeURIComponent(u.username) : null,
    from: sender,
  });
  if (!parsed.success) throw invalidInput(parsed.error);
  return parsed.data;
}

const SHOWN = ['schoolName', 'registrationUrl', 'curatorContact', 'deputyContact', 'supportHours'] as const;

/** The option that sets each contact (`--contact ""` clears one). */
const OPTIONS = {
  contact: 'curatorContact',
  deputy: 'deputyContact',
  hours: 'supportHours',
  'registration-url': 'registrationUrl',
} as const;

function settingsText(s: SchoolSettings): string {
  const mail = s.mailServer ? m.shown(mailServerUrl(s.mailServer), s.mailServer.from) : m.none;
  return [...SHOWN.map((k) => `${t.fields[k]}: ${s[k] === '' ? t.cli.notSet : s[k]}`), `${m.label}: ${mail}`].join('\n');
}

const settings = command({
  name: 'settings',
  usage: t.cli.usage.settings,
  summary: t.cli.summary.settings,
  options: {
    contact: { type: 'string' },
    deputy: { type: 'string' },
    hours: { type: 'string' },
    'registration-url': { type: 'string' },
    'mail-server': { type: 'string' },
    'mail-from': { type: 'string' },
    json: { type: 'boolean' },
  },
  positionals: { min: 0, max: 0 },
  signIn: true,
  parse: (values) => ({
    patch: Object.fromEntries(
      Object.entries(OPTIONS).flatMap(([option, field]) => {
        const value = optionalString(values, option);
        return value === undefined ? [] : [[field, value]];
      }),
    ),
    mailServer: optionalString(values, 'mail-server')?.trim(),
    mailFrom: optionalString(values, 'mail-from')?.trim(),
    json: values.json === true,
  }),
  async run({ core, actor, out }, a) {
    const patch: Record<string, unknown> = { ...a.patch };
    // The password is read with --mail-server or --mail-from only: a variable left in a script's
    // environment does not rewrite the mail settings of every `settings` call.
    const mailGiven = a.mailServer !== undefined || a.mailFrom !== undefined;
    const password = mailGiven ? process.env.KURATOR_SMTP_PASSWORD : undefined;
    if (mailGiven) {
      const before = core.settings.read()?.mailServer ?? null;
      if (a.mailServer === undefined && !before) throw new UsageError(m.serverRequired);
      patch.mailServer = parseMailServer(a.mailServer ?? mailServerUrl(before!), a.mailFrom, before);
    }
    if (Object.keys(patch).length > 0) {
      requireCurator(core, actor!);
      const checked = SettingsPatch.safeParse(patch);
      if (!checked.success) throw invalidInput(checked.error);
      if (password) new OfficeSecrets(core.dataDir).setSmtpPassword(password);
      core.settings.update(actor!, checked.data);
    }
    const now = core.settings.read();
    if (!now) throw new AppError('setup.required');
    const shown = {
      ...Object.fromEntries(SHOWN.map((k) => [k, now[k]])),
      mailServer: now.mailServer ? { url: mailServerUrl(now.mailServer), from: now.mailServer.from } : null,
    };
    out(a.json ? JSON.stringify(shown) : settingsText(now));
    return 0;
  },
});

export const settingsCommands = [settings];
