// `settings`: the school's contacts as printed on the slips and shown on the portal — read, or set by a curator
// (as «Настройки школы» does). Setup takes the curator's contact only; a school without a window still needs a
// way to give the deputy's contact and the hours, or to correct the contact later.
import { AppError } from '../../../src-shared/result.ts';
import { t } from '../../../src-shared/i18n/index.ts';
import { SettingsPatch, type SchoolSettings } from '../../../src-shared/schemas/settings.ts';
import { invalidInput } from '../errors.ts';
import { command, optionalString, requireCurator } from './command.ts';

const SHOWN = ['schoolName', 'registrationUrl', 'curatorContact', 'deputyContact', 'supportHours'] as const;

/** The option that sets each contact (`--contact ""` clears one). */
const OPTIONS = { contact: 'curatorContact', deputy: 'deputyContact', hours: 'supportHours' } as const;

function settingsText(s: SchoolSettings): string {
  return SHOWN.map((k) => `${t.fields[k]}: ${s[k] === '' ? t.cli.notSet : s[k]}`).join('\n');
}

const settings = command({
  name: 'settings',
  usage: t.cli.usage.settings,
  summary: t.cli.summary.settings,
  options: { contact: { type: 'string' }, deputy: { type: 'string' }, hours: { type: 'string' }, json: { type: 'boolean' } },
  positionals: { min: 0, max: 0 },
  signIn: true,
  parse: (values) => ({
    patch: Object.fromEntries(
      Object.entries(OPTIONS).flatMap(([option, field]) => {
        const value = optionalString(values, option);
        return value === undefined ? [] : [[field, value]];
      }),
    ),
    json: values.json === true,
  }),
  async run({ core, actor, out }, a) {
    if (Object.keys(a.patch).length > 0) {
      requireCurator(core, actor!);
      const patch = SettingsPatch.safeParse(a.patch);
      if (!patch.success) throw invalidInput(patch.error);
      core.settings.update(actor!, patch.data);
    }
    const now = core.settings.read();
    if (!now) throw new AppError('setup.required');
    const shown = Object.fromEntries(SHOWN.map((k) => [k, now[k]]));
    out(a.json ? JSON.stringify(shown) : settingsText(now));
    return 0;
  },
});

export const settingsCommands = [settings];
