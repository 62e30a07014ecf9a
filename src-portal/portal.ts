// The portal's application, without HTTP: database, secrets, services. The web server, the admin
// channel and the command line sit on top; tests open it in-process.
import { checkSecret } from './db/secret-check.ts';
import { AppError } from '../src-shared/result.ts';
import { clockFromEnvironment, type Clock } from '../src-node/clock.ts';
import { belowOwasp, isTestRun, TEST_RUN_VARIABLE, type Argon2Cost } from '../src-node/passwords.ts';
import { openDb, targetFrom, type Db, type DbTarget } from './db/connect.ts';
import { migrate } from './db/migrate.ts';
import { loadSecrets, type PortalSecrets } from './secrets.ts';
import { Schools } from './schools/service.ts';
import { Outbox } from './mail/outbox.ts';
import { createTransport, type MailTransport } from './mail/transport.ts';
import { AdminLog } from './admin/log.ts';
import { PortalSync } from './sync/service.ts';
import { Accounts } from './accounts/service.ts';
import { Registration } from './registration/service.ts';
import { PortalDesk } from './desk/service.ts';
import { Recovery } from './recovery/service.ts';
import { recoveryPolicy, type RecoveryPolicy } from './recovery/limits.ts';
import { createSmsSender, type SmsSender } from './sms/sender.ts';

/** The sender without MAIL_FROM: a placeholder (`.invalid` is never a real domain), fine for `.eml` files only. */
export const DEFAULT_MAIL_FROM = 'Электронный журнал <noreply@kurator.invalid>';
export interface PortalOptions {
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  clock?: Clock;
  /** Only tests lower it; production always hashes at the OWASP parameters. */
  passwordCost?: Argon2Cost;
  /** Defaults to DATABASE_URL, or PGlite in the data folder. */
  target?: DbTarget;
  /** `--no-captcha`: recovery forms without the digits picture (the rate limits stay). */
  captcha?: boolean;
  /** `--adopt-secret`: this secret becomes the database's own (the one it was set up with is lost for good). */
  adoptSecret?: boolean;
  /** `--time-zone` (or PORTAL_TIME_ZONE): the zone times are shown in to parents; Europe/Moscow by default. */
  timeZone?: string;
  /** Only tests set other recovery limits (src-portal/recovery/limits.ts). */
  recoveryPolicy?: Partial<RecoveryPolicy>;
}

export interface Portal {
  readonly dataDir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly clock: Clock;
  readonly db: Db;
  readonly target: DbTarget;
  readonly secrets: PortalSecrets;
  readonly passwordCost: Argon2Cost | undefined;
  /** The IANA zone the pages show times in (`Europe/Moscow`): a server often runs on UTC. */
  readonly timeZone: string;
  readonly schools: Schools;
  readonly outbox: Outbox;
  readonly mailTransport: MailTransport;
  /** MAIL_FROM was not set: mail goes out from DEFAULT_MAIL_FROM, which real mail servers refuse. */
  readonly placeholderSender: string | null;
  readonly adminLog: AdminLog;
  readonly sync: PortalSync;
  readonly accounts: Accounts;
  readonly registration: Registration;
  readonly desk: PortalDesk;
  readonly recovery: Recovery;
  readonly smsSender: SmsSender;
  /** The embedded database as one gzipped tarball (PGlite only; a PostgreSQL server has pg_dump). */
  dump: (() => Promise<Buffer>) | null;
  close(): Promise<void>;
}

export async function openPortal(options: PortalOptions): Promise<Portal> {
  const env = options.env ?? process.env;
  if (options.passwordCost && belowOwasp(options.passwordCost) && !isTestRun(process.env)) {
    throw new Error(`passwordCost below the OWASP parameters outside a test run (${TEST_RUN_VARIABLE})`);
  }
  const clock = options.clock ?? clockFromEnvironment(env);
  const timeZone = checkTimeZone(options.timeZone ?? (env.PORTAL_TIME_ZONE?.trim() || DEFAULT_TIME_ZONE));
  const policy = recoveryPolicy(options.recoveryPolicy, env);
  const secrets = loadSecrets(options.dataDir, env);
  const target = options.target ?? targetFrom(env, options.dataDir);
  const opened = await openDb(target);
  try {
    await migrate(opened.db, clock);
    await checkSecret(opened.db, secrets, clock, options.adoptSecret === true);
  } catch (e) {
    await opened.close();
    throw e;
  }
  const { db } = opened;
  const mailTransport = createTransport(env, options.dataDir);
  const from = env.MAIL_FROM?.trim() || DEFAULT_MAIL_FROM;
  const schools = new Schools({ db, clock });
  const outbox = new Outbox({ db, clock, key: secrets.derive('mail-outbox'), from });
  const accounts = new Accounts({ db, clock, secrets, outbox, passwordCost: options.passwordCost });
  const desk = new PortalDesk({ db, clock, secrets, outbox, accounts });
  const sync = new PortalSync({ db, clock, secrets, schools });
  sync.desk = desk;
  return {
    dataDir: options.dataDir,
    env,
    clock,
    db,
    target,
    secrets,
    passwordCost: options.passwordCost,
    timeZone,
    schools,
    outbox,
    mailTransport,
    placeholderSender: env.MAIL_FROM?.trim() ? null : DEFAULT_MAIL_FROM,
    adminLog: new AdminLog(db, clock),
    accounts,
    registration: new Registration(accounts, { db, clock, secrets }),
    sync,
    desk,
    recovery: new Recovery({ db, clock, secrets, outbox, accounts, policy, captcha: options.captcha ?? true }),
    smsSender: createSmsSender(env, options.dataDir),
    dump: opened.dump ?? null,
    close: async () => {
      mailTransport.close();
      await opened.close();
    },
  };
}

/** Most schools a portal serves keep Moscow time; a district elsewhere says its own (--time-zone). */
export const DEFAULT_TIME_ZONE = 'Europe/Moscow';

/** An IANA time zone Node knows, or a clear refusal (before anything is opened). */
function checkTimeZone(zone: string): string {
  try {
    return new Intl.DateTimeFormat('ru-RU', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    throw new AppError('portal.time_zone', { zone });
  }
}
