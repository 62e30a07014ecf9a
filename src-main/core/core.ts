import { backupsDir, databaseFile } from './paths.ts';
import { openDatabase, type Db } from './db/database.ts';
import { clockFromEnvironment, isoNow, type Clock } from './clock.ts';
import { OfficeSecrets } from './secrets/key-file.ts';
import { FileAnchor } from './services/audit-anchor.ts';
import { ReadJournal } from './services/reads.ts';
import { Backups } from './services/backups.ts';
import { writeManifest } from './services/backup-manifest.ts';
import { BACKUP_KEEP_DAYS_DEFAULT } from '../../src-shared/schemas/settings.ts';
import { AuditLog } from './services/audit.ts';
import { Auth } from './services/auth.ts';
import { Settings } from './services/settings.ts';
import { Operators } from './services/operators.ts';
import { belowOwasp, isTestRun, TEST_RUN_VARIABLE, type Argon2Cost } from '../../src-node/passwords.ts';
import { Roster } from './roster/service.ts';
import { createUploads, type Uploads } from './roster/uploads.ts';
import { inProcessJobs, type JobRunner } from './roster/import-runner.ts';
import { Work } from './work.ts';
import { Codes } from './codes/service.ts';
import { createPrintJobs, type PrintJobs } from './codes/print-jobs.ts';
import { PortalAccounts, Sync } from './sync/service.ts';
import { DeskRequests } from './sync/desk.ts';
import { RosterDesk } from './roster/desk.ts';
import { YearEnd } from './roster/year-end.ts';
import { securePrivateTree, touchPrivateFile } from './security/files.ts';

export type Mode = 'electron' | 'browser' | 'cli';

export interface CoreOptions {
  dataDir: string;
  mode: Mode;
  clock?: Clock;
  /** Only tests lower this (refused below the OWASP parameters outside a test run). */
  passwordCost?: Argon2Cost;
  /** Where imports and whole-school issuing run; in this thread by default (the hosted app runs them in a worker of their own). */
  jobs?: JobRunner;
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
  /** Bulk reads of personal data (classes, codes, searches), journaled compactly. */
  readonly reads: ReadJournal;
  readonly auth: Auth;
  readonly settings: Settings;
  readonly operators: Operators;
  readonly roster: Roster;
  /** Roster upkeep at the desk: a new student, parents' links, class teachers. */
  readonly desk: RosterDesk;
  readonly yearEnd: YearEnd;
  /** Files the import wizard is working on. */
  readonly uploads: Uploads;
  /** The import wizard's analyze and apply, issuing for the whole school (in this thread, or in a worker with its own connection). */
  readonly jobs: JobRunner;
  /** Each session's long work, for the bar (progress, cancel). */
  readonly work: Work;
  readonly codes: Codes;
  /** Copies with manifests, restore, daily copies. */
  readonly backups: Backups;
  /** Printouts being previewed, printed or saved. */
  readonly printJobs: PrintJobs;
  /** Sync with the registration portal, and the portal accounts it brought. */
  readonly sync: Sync;
  readonly accounts: PortalAccounts;
  readonly deskRequests: DeskRequests;
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
  const secrets = new OfficeSecrets(options.dataDir);
  const key = secrets.auditKey();
  const db = await openDatabase(dbFile, {
    backupDir: backups,
    clock,
    finishBackup: (copy) => writeManifest(copy, key, 'before-upgrade', clock.now()),
  });
  const audit = openJournal(db, clock, options.dataDir, options.mode === 'cli' ? 'cli' : 'app');
  const reads = new ReadJournal(audit, clock);
  if (tightened.length > 0 && operatorsExist(db)) {
    audit.append(
      { operatorId: null, login: null, via: options.mode === 'cli' ? 'cli' : 'app' },
      { action: 'security.permissions_tightened', details: { tightened: tightened.length, paths: tightened.slice(0, 20).join(', ') } },
    );
  }
  const settings = new Settings(db, audit, clock, () => secrets.portal()?.address ?? null);
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
  const backupService = new Backups({
    db,
    dbFile,
    dataDir: options.dataDir,
    backupsDir: backups,
    clock,
    audit,
    key,
    keepDays: () => settings.read()?.backupKeepDays ?? BACKUP_KEEP_DAYS_DEFAULT,
    endSessions: (ids) => ids.forEach((id) => auth.endSessionsOf(id)),
  });
  const now = () => clock.now().getTime();
  const personRef = (id: number) => roster.personRef(id);
  const sync = new Sync({ db, clock, audit, settings, secrets, personRef });
  codes.seePortal((ids) => sync.pendingCodeIds(ids));
  backupService.onRestoring(() => sync.restoring());
  backupService.onRestored(() => sync.restored());
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
    reads,
    auth,
    settings,
    operators,
    roster,
    desk,
    yearEnd,
    uploads,
    jobs: options.jobs ?? inProcessJobs(roster, codes),
    work: new Work(),
    codes,
    backups: backupService,
    printJobs,
    sync,
    accounts: new PortalAccounts({ db, audit }),
    deskRequests: new DeskRequests({ db, clock, audit, settings, secrets, personRef }),
    close: () => {
      if (!db.open) return;
      try {
        reads.flushAll();
        audit.flush();
      } finally {
        db.close();
      }
    },
  };
}

/**
 * The journal, keyed with the office key; an unkeyed journal of an older version goes on keyed. The
 * anchor file is started once per data folder (the key file notes when): a missing one later is
 * evidence, and one signed with another key stays as it is (verify names the key as the problem).
 */
export function openJournal(db: Db, clock: Clock, dataDir: string, via: 'app' | 'cli'): AuditLog {
  const secrets = new OfficeSecrets(dataDir);
  const key = secrets.auditKey();
  const anchor = new FileAnchor(dataDir, key);
  const audit = new AuditLog(db, clock, { key, anchor });
  audit.ensureKeyed(via);
  if (!secrets.auditAnchored()) {
    if (!anchor.exists()) audit.resetAnchor();
    secrets.markAuditAnchored(isoNow(clock));
  }
  return audit;
}
