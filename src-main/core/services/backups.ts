// Backups that restore: every copy carries a manifest with its journal's signed head; a restore
// checks the file before touching anything (integrity, version, the journal against the manifest),
// saves the current state first, replaces the database in place and starts a new anchored head with
// a journal row saying so. Daily copies are made by the running app and pruned after N days.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { APPLICATION_ID, migrate, registerFunctions, type Db } from '../db/database.ts';
import { backupDatabase, backupFileName } from '../db/backup.ts';
import { LATEST_VERSION } from '../db/migrations/index.ts';
import * as operatorsDal from '../dal/operators.ts';
import { localDate, type Clock } from '../clock.ts';
import { AppError } from '../../../src-shared/result.ts';
import type { BackupCheck, BackupInfo, BackupKind, FilePayload, RestoreResult } from '../../../src-shared/rpc/types.ts';
import type { Actor, AuditLog } from './audit.ts';
import type { AnchorState } from './audit-chain.ts';
import type { RestoredHead } from './audit-anchor.ts';
import { MANIFEST_TABLE, copyRows, readManifest, writeManifest, type BackupLabel, type BackupManifest } from './backup-manifest.ts';

const DAY_MS = 24 * 60 * 60_000;
const NAME = /^kurator-(\d{4}-\d{2}-\d{2})_(\d{2})-(\d{2})-(\d{2})(?:-(.+))?\.sqlite$/;

/** What a file name says: when (UTC stamp) and which kind of copy. */
function parseName(fileName: string): { at: Date | null; kind: BackupKind } {
  const m = NAME.exec(fileName);
  if (!m) return { at: null, kind: 'other' };
  const at = new Date(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.000Z`);
  const label = m[5];
  const kind: BackupKind =
    label === undefined
      ? 'manual'
      : label === 'daily' || label === 'before-restore'
        ? label
        : /^before-v\d+$/.test(label)
          ? 'before-upgrade'
          : 'other';
  return { at, kind };
}

const fileLabel = (label: BackupLabel): string | undefined => (label === 'manual' ? undefined : label);

export interface BackupsDeps {
  db: Db;
  dbFile: string;
  dataDir: string;
  backupsDir: string;
  clock: Clock;
  audit: AuditLog;
  key: Buffer;
  keepDays: () => number;
  /** Ends every desk session (a restore replaces the operators they stand on). */
  endSessions: (operatorIds: number[]) => void;
}

/** A copy opened for checking: the staged file and what was found. */
interface Staged {
  file: string;
  check: BackupCheck;
  manifest: BackupManifest | null;
}

export class Backups {
  private readonly d: BackupsDeps;
  private readonly restoredListeners: ((r: RestoredHead) => void)[] = [];
  private readonly restoringListeners: (() => void)[] = [];

  constructor(deps: BackupsDeps) {
    this.d = deps;
  }

  /** The sync engine registers here: after a restore the office is a new device on the portal. */
  onRestored(listener: (r: RestoredHead) => void): void {
    this.restoredListeners.push(listener);
  }

  /** Called once a restore is certain, just before the database is replaced (what it was can still be read). */
  onRestoring(listener: () => void): void {
    this.restoringListeners.push(listener);
  }

  /** Makes a copy with its manifest (0600) in the backups folder, or at `target` (the CLI's `--out`). */
  async create(
    actor: Actor | null,
    label: BackupLabel,
    target?: string,
    /** The bar: pages copied of all. */
    progress?: (phase: 'copy', done: number, total: number) => void,
  ): Promise<BackupInfo> {
    const at = this.d.clock.now();
    const file = target ?? path.join(this.d.backupsDir, backupFileName(at, fileLabel(label)));
    let manifest: BackupManifest | undefined;
    const made = await backupDatabase(this.d.db, file, (copy) => (manifest = writeManifest(copy, this.d.key, label, at)), progress);
    if (actor) {
      this.d.audit.append(actor, {
        action: label === 'daily' ? 'backup.auto' : 'backup.create',
        details: { file: made.path, size: made.size, ...(label === 'manual' || label === 'daily' ? {} : { label }) },
      });
    }
    return { ...this.info(made.path), auditRows: manifest?.audit.id ?? null };
  }

  /** The copies in the backups folder, newest first, with what their manifests say. */
  list(): BackupInfo[] {
    if (!fs.existsSync(this.d.backupsDir)) return [];
    return fs
      .readdirSync(this.d.backupsDir)
      .filter((f) => f.endsWith('.sqlite'))
      .map((f) => this.info(path.join(this.d.backupsDir, f)))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.fileName.localeCompare(a.fileName));
  }

  private info(file: string, withManifest = true): BackupInfo {
    const st = fs.statSync(file);
    const fileName = path.basename(file);
    const named = parseName(fileName);
    let auditRows: number | null = null;
    if (withManifest) {
      try {
        const copy = new Database(file, { readonly: true, fileMustExist: true });
        try {
          const m = readManifest(copy);
          if (m && m !== 'invalid') auditRows = m.audit.id;
        } finally {
          copy.close();
        }
      } catch {
        // not a database we can read: listed without a journal count
      }
    }
    return { fileName, path: file, size: st.size, createdAt: (named.at ?? st.mtime).toISOString(), kind: named.kind, auditRows };
  }

  /** A copy in the backups folder by its name (never a path: the UI names files, the core finds them). */
  resolve(fileName: string): string {
    const file = path.join(this.d.backupsDir, path.basename(fileName));
    if (path.basename(fileName) !== fileName || !fileName.endsWith('.sqlite') || !fs.existsSync(file)) {
      throw new AppError('backup.not_found', { fileName });
    }
    return file;
  }

  // ---- daily copies ------------------------------------------------------------------------------

  /** Today's copy if there is none yet, then daily copies older than the setting are removed. */
  async runDaily(): Promise<{ made: BackupInfo | null; removed: string[] }> {
    const now = this.d.clock.now();
    const dailies = this.list().filter((b) => b.kind === 'daily');
    const today = localDate(now);
    const made = dailies.some((b) => localDate(new Date(b.createdAt)) === today)
      ? null
      : await this.create({ operatorId: null, login: null, via: 'app' }, 'daily');
    const keepDays = this.d.keepDays();
    const removed = dailies.filter((b) => now.getTime() - Date.parse(b.createdAt) >= keepDays * DAY_MS).map((b) => b.fileName);
    for (const f of removed) fs.rmSync(path.join(this.d.backupsDir, f), { force: true });
    if (removed.length > 0) {
      this.d.audit.append(
        { operatorId: null, login: null, via: 'app' },
        { action: 'backup.prune', details: { removed: removed.length, keepDays } },
      );
    }
    return { made, removed };
  }

  // ---- saving a copy elsewhere -------------------------------------------------------------------

  /** Copies a backup into a folder the user chose (a USB stick): the desktop app. */
  exportTo(actor: Actor, fileName: string, folder: string): string {
    const from = this.resolve(fileName);
    const target = path.join(folder, fileName);
    try {
      if (!fs.statSync(folder).isDirectory()) throw new Error('not a folder');
      fs.copyFileSync(from, target, fs.constants.COPYFILE_EXCL);
      fs.chmodSync(target, 0o600);
    } catch (e) {
      // The same copy saved to the same stick before: say so (it is never overwritten).
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new AppError('backup.exists', { path: target });
      throw new AppError('backup.no_folder', { folder });
    }
    this.d.audit.append(actor, { action: 'backup.export', details: { file: fileName, folder } });
    return target;
  }

  /** A backup as a download (browser mode). */
  download(actor: Actor, fileName: string): FilePayload {
    const content = fs.readFileSync(this.resolve(fileName)).toString('base64');
    this.d.audit.append(actor, { action: 'backup.download', details: { file: fileName } });
    return { fileName, mimeType: 'application/vnd.sqlite3', content, encoding: 'base64' };
  }

  // ---- checking and restoring ----------------------------------------------------------------------

  /**
   * Checks a copy without touching the database: what a restore would bring, or why it is refused.
   * With an actor (a restore being prepared) a refusal is journaled.
   */
  async check(source: string, actor?: Actor): Promise<BackupCheck> {
    const staged = await this.stageOrRefuse(source, actor);
    fs.rmSync(staged.file, { force: true });
    return staged.check;
  }

  private async stageOrRefuse(source: string, actor?: Actor): Promise<Staged> {
    try {
      return await this.stage(source);
    } catch (e) {
      if (actor && e instanceof AppError) {
        this.d.audit.append(actor, { action: 'backup.restore_refused', details: { from: path.basename(source), reason: e.reason } });
      }
      throw e;
    }
  }

  /**
   * Copies the file beside the database and checks the copy: a Kurator database, whole, not newer
   * than this version, its journal sound with this office's key and ending where its manifest says.
   */
  private async stage(source: string): Promise<Staged> {
    const file = `${this.d.dbFile}.restore`;
    fs.rmSync(file, { force: true });
    try {
      fs.copyFileSync(source, file);
      fs.chmodSync(file, 0o600);
    } catch {
      throw new AppError('restore.unreadable', { file: source });
    }
    try {
      const copy = openCopy(file);
      try {
        return { file, ...this.inspect(copy, path.basename(source)) };
      } finally {
        copy.close();
      }
    } catch (e) {
      fs.rmSync(file, { force: true });
      throw e;
    }
  }

  private inspect(copy: Db, fileName: string): { check: BackupCheck; manifest: BackupManifest | null } {
    const version = copy.pragma('user_version', { simple: true }) as number;
    if (version > LATEST_VERSION) throw new AppError('restore.too_new', { found: version, known: LATEST_VERSION });
    const manifest = readManifest(copy);
    if (manifest === 'invalid') throw new AppError('restore.manifest');
    if (manifest && manifest.audit.keyId !== this.d.audit.keyId()) throw new AppError('restore.other_key');
    const anchor: AnchorState = manifest ? { kind: 'head', head: manifest.audit } : { kind: 'none' };
    const audit = this.d.audit.verifyRows(() => copyRows(copy), anchor);
    if (!audit.ok && audit.reason === 'key') throw new AppError('restore.other_key');
    if (!audit.ok) throw new AppError('restore.journal', { reason: audit.reason ?? 'hash', id: audit.badId ?? null });
    const count = (q: string) => copy.prepare(q).pluck().get() as number;
    if (count("SELECT count(*) FROM operators WHERE role = 'curator' AND active = 1") === 0) throw new AppError('restore.no_curator');
    const people = (kind: string) =>
      version >= 2 ? count(`SELECT count(*) FROM people WHERE kind = '${kind}' AND archived_at IS NULL`) : 0;
    const named = parseName(fileName);
    return {
      manifest,
      check: {
        fileName,
        createdAt: manifest?.createdAt ?? named.at?.toISOString() ?? null,
        kind: manifest ? kindOf(manifest.label) : named.kind,
        school: manifest?.school ?? schoolOf(copy),
        schemaVersion: version,
        currentVersion: LATEST_VERSION,
        students: people('student'),
        guardians: people('guardian'),
        operators: count('SELECT count(*) FROM operators WHERE active = 1'),
        audit,
        anchored: manifest !== null,
      },
    };
  }

  /**
   * Restores from a copy: checked first (nothing is touched if it fails), the current state saved as
   * a copy, the database replaced in place (other processes see the new content), the journal going
   * on from the copy's head with a row that says so, and the anchor started there.
   */
  async restore(actor: Actor, source: string, options: { acceptUnanchored?: boolean } = {}): Promise<RestoreResult> {
    const staged = await this.stageOrRefuse(source, actor);
    try {
      if (!staged.check.anchored && !options.acceptUnanchored) throw new AppError('restore.unanchored');
      const from = path.basename(source);
      const replaced = this.d.audit.currentHead().id;
      this.d.audit.append(actor, { action: 'audit.restore_started', details: { from } });
      const saved = await this.create(actor, 'before-restore');
      const sessions = operatorsDal.listOperators(this.d.db).map((o) => o.id);
      const rosterVersion = this.d.db.prepare('SELECT version FROM roster_meta WHERE id = 1').pluck().get() as number;
      for (const listener of this.restoringListeners) listener();
      await this.replaceWith(staged.file);
      this.d.endSessions(sessions);
      // A new roster version: every process's search index is rebuilt from the restored roster.
      this.d.db.prepare('UPDATE roster_meta SET version = max(version, ?) + 1 WHERE id = 1').run(rosterVersion);
      this.d.audit.ensureKeyed(actor.via);
      // The restoring operator as the restored database knows them (or by login only: not in the copy).
      const same = operatorsDal.findOperatorById(this.d.db, actor.operatorId ?? -1)?.login === actor.login;
      const restoredActor = same ? actor : { ...actor, operatorId: null };
      this.d.audit.append(restoredActor, {
        action: 'audit.restored',
        details: {
          from,
          backupRows: staged.check.audit.checked,
          replacedRows: replaced,
          savedAs: saved.fileName,
          ...(staged.check.schemaVersion < LATEST_VERSION ? { upgradedFrom: staged.check.schemaVersion } : {}),
        },
      });
      const head = this.d.audit.resetAnchor() ?? this.d.audit.currentHead();
      const restored: RestoredHead = { head, from, backupHead: staged.check.audit.checked, replacedHead: replaced };
      this.d.audit.announceRestore(restored);
      for (const listener of this.restoredListeners) listener(restored);
      return { restoredFrom: from, savedAs: saved.path, auditRows: head.id };
    } finally {
      fs.rmSync(staged.file, { force: true });
    }
  }

  /** The staged copy, brought to this version, copied over the live database page by page. */
  private async replaceWith(stagedFile: string): Promise<void> {
    const copy = new Database(stagedFile);
    try {
      registerFunctions(copy);
      copy.exec(`DROP TABLE IF EXISTS ${MANIFEST_TABLE}`);
      migrate(copy);
      // The live database is in WAL mode: the backup API writes through it, so this connection
      // and any other process's see the restored content at their next read.
      await copy.backup(this.d.dbFile, { progress: () => 1_000_000_000 }); // the rest in one step: no writes in between
    } finally {
      copy.close();
    }
    const check = this.d.db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`Restored database failed its integrity check: ${String(check)}`);
  }
}

const kindOf = (label: BackupLabel): BackupKind => label;

function schoolOf(copy: Db): string | null {
  const v = copy.prepare("SELECT value FROM settings WHERE key = 'schoolName'").pluck().get() as string | undefined;
  return v === undefined ? null : (JSON.parse(v) as string);
}

/** Opens a staged copy after checking it is a whole Kurator database. */
function openCopy(file: string): Db {
  let copy: Db;
  try {
    copy = new Database(file, { fileMustExist: true });
    copy.pragma('journal_mode = DELETE');
  } catch {
    throw new AppError('restore.not_kurator');
  }
  try {
    if ((copy.pragma('application_id', { simple: true }) as number) !== APPLICATION_ID) throw new AppError('restore.not_kurator');
    if (copy.pragma('integrity_check', { simple: true }) !== 'ok') throw new AppError('restore.damaged');
    return copy;
  } catch (e) {
    copy.close();
    if (e instanceof AppError) throw e;
    throw new AppError('restore.damaged');
  }
}
