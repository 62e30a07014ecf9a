// `portal pair`, `portal unpair`, `sync`, `accounts list`: each one core operation.
import { command, optionalClass, requireString } from './command.ts';
import { errorMessage, t } from '../../../src-shared/i18n/index.ts';
import { asAppError } from '../errors.ts';
import { localDateTime } from '../../../src-shared/dates.ts';

const s = t.sync.cli;

const pair = command({
  name: 'portal pair',
  usage: s.usage.pair,
  summary: s.summary.pair,
  options: { url: { type: 'string' }, key: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  signIn: true,
  parse: (values) => ({ url: requireString(values, 'url'), key: requireString(values, 'key') }),
  async run({ core, actor, out, err }, a) {
    // Already paired with this address: the new key is taken in place, as the settings screen does.
    const paired = await core.sync.pair(actor!, a.url, a.key);
    out((paired.again ? t.pairing.cli.pairedAgain : s.paired)(paired.address, paired.schoolName));
    // The first round sends everything the office holds; pairing stands whether it gets through or not.
    try {
      const r = await core.sync.round();
      out(s.synced(r.pushed, r.pulled, r.pending));
    } catch (e) {
      const known = asAppError(e);
      if (!known) throw e;
      err(s.pairedButNotSynced(errorMessage(known)));
    }
    return 0;
  },
});

const unpair = command({
  name: 'portal unpair',
  usage: s.usage.unpair,
  summary: s.summary.unpair,
  options: {},
  positionals: { min: 0, max: 0 },
  signIn: true,
  parse: () => null,
  async run({ core, actor, out }) {
    await core.sync.unpair(actor!);
    out(s.unpaired);
    return 0;
  },
});

const sync = command({
  name: 'sync',
  usage: s.usage.sync,
  summary: s.summary.sync,
  options: { json: { type: 'boolean' } },
  positionals: { min: 0, max: 0 },
  signIn: true,
  parse: (values) => ({ json: values.json === true }),
  async run({ core, out }, a) {
    const r = await core.sync.round();
    out(a.json ? JSON.stringify({ pushed: r.pushed, pulled: r.pulled, pending: r.pending }) : s.synced(r.pushed, r.pulled, r.pending));
    return 0;
  },
});

const accounts = command({
  name: 'accounts list',
  usage: s.usage.accounts,
  summary: s.summary.accounts,
  options: { class: { type: 'string' }, json: { type: 'boolean' } },
  positionals: { min: 0, max: 0 },
  signIn: true,
  parse(values) {
    const className = optionalClass(values);
    return { className, json: values.json === true };
  },
  async run({ core, actor, out }, a) {
    const scope = a.className ? { classId: core.codes.classIdByName(a.className), className: a.className } : null;
    const rows = core.accounts.list(actor!, scope);
    if (a.json) out(JSON.stringify(rows));
    else if (!rows.length) out(s.noAccounts);
    else
      for (const r of rows)
        out(
          s.accountLine(r.personId, r.login, r.kind, localDateTime(r.registeredAt, { seconds: false }), r.emailConfirmed, r.phoneConfirmed),
        );
    return 0;
  },
});

export const syncCommands = [pair, unpair, sync, accounts];
