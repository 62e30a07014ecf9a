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
import { RosterDesk } from './roster/desk.ts';
import { YearEnd } from './roster/year-end.ts';

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
  /** Roster upkeep at the desk: a new student, parents' links, class teachers. */
  readonly desk: RosterDesk;
  readonly yearEnd: YearEnd;
  /** Files the import wizard is working on. */
  readonly uploads: Uploads;
  readonly codes: Codes;
  /** Printouts being previewed, printed or saved. */
  readonly printJobs: PrintJobs;
  close(): void;
}

export async function openCore(options: CoreOptions): Promise<Core> {
  const testRun = isTestRun(process.env);
  if (options.passwordCost && belowOwasp(options.passwordCost) && !testRun) {
    throw new Error(`passwordCost below the OWASP parameters outside a test run (${TEST_RUN_VARIABLE})`);
  }
  const clock = options.clock ?? clockFromEnvironment(process.env);
  const dbFile = databaseFile(options.dataDir);
  const backups = backupsDir(options.dataDir);
  const db = await openDatabase(dbFile, { backupDir: backups, clock });
  const audit = new AuditLog(db, clock);
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
  const desk = new RosterDesk({ db, clock, audit, roster });
  const yearEnd = new YearEnd({ db, clock, audit, roster, codes, backupsDir: backups });
  const now = () => clock.now().getTime();
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
    desk,
    yearEnd,
    uploads: createUploads(now),
    codes,
    printJobs: createPrintJobs(now),
    close: () => db.close(),
  };
}
