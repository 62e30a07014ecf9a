import { backupsDir, databaseFile } from './paths.ts';
import { openDatabase, type Db } from './db/database.ts';
import { clockFromEnvironment, type Clock } from './clock.ts';
import { AuditLog } from './services/audit.ts';
import { Auth } from './services/auth.ts';
import { Settings } from './services/settings.ts';
import { Operators } from './services/operators.ts';
import { belowOwasp, isTestRun, TEST_RUN_VARIABLE, type Argon2Cost } from '../../src-node/passwords.ts';
import { Roster } from './roster/service.ts';
import { createUploads, type Uploads } from './roster/uploads.ts';
import { Codes } from './codes/service.ts';
import { createPrintJobs, type PrintJobs } from './codes/print-jobs.ts';
import { securePrivateTree, touchPrivateFile } from './security/files.ts';

export type Mode = 'electron' | 'browser' | 'cli';

export interface CoreOptions {
  dataDir: string;
  mode: Mode;
  clock?: Clock;
  /** Only tests lower this (refused below the OWASP parameters outside a test run). */
  passwordCost?: Argon2Cost;
}

/** The platform-neutral application: database and services. Transports and the CLI sit on top. */
export interface Core {
  readonly mode: Mode;
  readonly dataDir: string;
  readonly dbFile: string;
  readonly backupsDir: string;
  readonly db: Db;
  readonly clock: Clock;
  readonly audit: AuditLog;
  readonly auth: Auth;
  readonly settings: Settings;
  readonly operators: Operators;
  readonly roster: Roster;
  /** Files the import wizard is working on. */
  readonly uploads: Uploads;
  readonly codes: Codes;
  /** Printouts being previewed, printed or saved. */
  readonly printJobs: PrintJobs;
  close(): void;
}

/** The journal is written once the school is set up; before that there is nothing to note in it. */
const operatorsExist = (db: Db): boolean => (db.prepare('SELECT count(*) FROM operators').pluck().get() as number) > 0;

export async function openCore(options: CoreOptions): Promise<Core> {
  const testRun = isTestRun(process.env);
  if (options.passwordCost && belowOwasp(options.passwordCost) && !testRun) {
    throw new Error(`passwordCost below the OWASP parameters outside a test run (${TEST_RUN_VARIABLE})`);
  }
  const clock = options.clock ?? clockFromEnvironment(process.env);
  const dbFile = databaseFile(options.dataDir);
  const backups = backupsDir(options.dataDir);
  // Before the database is opened: a folder other users could read is closed first.
  const tightened = securePrivateTree(options.dataDir);
  touchPrivateFile(dbFile);
  const db = await openDatabase(dbFile, { backupDir: backups, clock });
  const audit = new AuditLog(db, clock);
  if (tightened.length > 0 && operatorsExist(db)) {
    audit.append(
      { operatorId: null, login: null, via: options.mode === 'cli' ? 'cli' : 'app' },
      { action: 'security.permissions_tightened', details: { tightened: tightened.length, paths: tightened.slice(0, 20).join(', ') } },
    );
  }
  const settings = new Settings(db, audit, clock);
  const auth = new Auth({
    db,
    clock,
    audit,
    ...(options.passwordCost ? { cost: options.passwordCost } : {}),
    testRun,
    idleMinutes: () => settings.idleLockMinutes(),
  });
  const operators = new Operators({ db, clock, audit, auth });
  const roster = new Roster({ db, clock, audit });
  const codes = new Codes({ db, clock, audit, settings, roster });
  roster.onArchive((personId, at) => codes.revokeForArchived(personId, at));
  const now = () => clock.now().getTime();
  const uploads = createUploads(now);
  const printJobs = createPrintJobs(now);
  auth.onSessionEnd((s) => {
    uploads.dropOwner(s.id);
    printJobs.dropOwner(s.id);
  });
  return {
    mode: options.mode,
    dataDir: options.dataDir,
    dbFile,
    backupsDir: backups,
    db,
    clock,
    audit,
    auth,
    settings,
    operators,
    roster,
    uploads,
    codes,
    printJobs,
    close: () => db.close(),
  };
}
