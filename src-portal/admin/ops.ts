// The portal's admin operations: each one core call, recorded in the admin log. The command line runs
// them on the database directly, or — when a server holds the embedded database — through that
// server's admin channel on loopback (channel.ts); either way the same function runs.
import fs from 'node:fs';
import path from 'node:path';
import { z } from '../../src-shared/z.ts';
import { AppError } from '../../src-shared/result.ts';
import { t } from '../../src-shared/i18n/index.ts';
import type { Portal } from '../portal.ts';

export interface AdminOp<A = unknown, R = unknown> {
  /** `school add`, `mail failed` … */
  name: string;
  args: z.ZodType<A>;
  run(portal: Portal, args: A, via: 'cli' | 'server'): Promise<R>;
  /** What a person reads (with the arguments it was given); `--json` prints the result itself. */
  text(result: R, args: A): string;
}

const op = <A, R>(o: AdminOp<A, R>): AdminOp => o as unknown as AdminOp;

const SchoolId = z.coerce.number().int().positive();
const c = t.portal.cli;

export const ADMIN_OPS: readonly AdminOp[] = [
  op({
    name: 'school add',
    args: z.object({ name: z.string(), address: z.string() }),
    async run(portal, args, via) {
      const made = await portal.schools.add(args);
      await portal.adminLog.record({
        command: 'school add',
        schoolId: made.school,
        details: { name: args.name, address: args.address },
        via,
      });
      return made;
    },
    // As the portal stores them (service.ts): the pairing command is copied as printed.
    text: (r, args) => c.schoolAdded(r.school, args.name.replace(/\s+/g, ' ').trim(), args.address.trim(), r.pairingKey),
  }),
  op({
    name: 'school list',
    args: z.object({}),
    run: (portal) => portal.schools.list(),
    text: (rows) => (rows.length === 0 ? c.noSchools : rows.map((s) => c.schoolLine(s.id, s.name, s.address, s.paired)).join('\n')),
  }),
  op({
    name: 'school key',
    args: z.object({ school: SchoolId }),
    async run(portal, args, via) {
      const made = await portal.schools.newKey(args.school);
      await portal.adminLog.record({ command: 'school key', schoolId: args.school, via });
      return made;
    },
    text: (r) => c.newKey(r.school, r.pairingKey),
  }),
  op({
    name: 'school remove',
    args: z.object({ school: SchoolId }),
    async run(portal, args, via) {
      const removed = await portal.schools.remove(args.school);
      await portal.adminLog.record({ command: 'school remove', schoolId: args.school, details: { name: removed.name }, via });
      return removed;
    },
    text: (r) => c.schoolRemoved(r.school, r.name),
  }),
  op({
    name: 'mail failed',
    args: z.object({}),
    // Each letter names its school (a district's portal serves many): the admin knows whom to call.
    async run(portal) {
      const names = new Map((await portal.schools.list()).map((s) => [s.id, s.name]));
      return (await portal.outbox.problems()).map((m) => ({
        ...m,
        schoolName: m.schoolId === null ? null : (names.get(m.schoolId) ?? null),
      }));
    },
    text: (rows) =>
      rows.length === 0
        ? c.noFailedMail
        : rows
            .map((m) =>
              c.failedMailLine({
                at: localTime(m.createdAt),
                kind: m.kind,
                school: m.schoolId === null ? null : { id: m.schoolId, name: m.schoolName },
                to: m.to,
                id: m.id,
                attempts: m.attempts,
                error: m.lastError ?? '',
                gaveUp: m.failedAt !== null,
              }),
            )
            .join('\n'),
  }),
  op({
    name: 'mail retry',
    args: z.object({}),
    async run(portal, _args, via) {
      const n = await portal.outbox.retryFailed();
      await portal.adminLog.record({ command: 'mail retry', details: { messages: n }, via });
      portal.outbox.kick();
      return { retried: n };
    },
    text: (r) => c.mailRetried(r.retried),
  }),
  op({
    name: 'backup',
    args: z.object({ out: z.string().min(1) }),
    async run(portal, args, via) {
      if (!portal.dump) throw new AppError('portal.use_pg_dump');
      const file = path.resolve(args.out);
      checkBackupTarget(file);
      const data = await portal.dump();
      writeBackup(file, data);
      await portal.adminLog.record({ command: 'backup', details: { file, size: data.length }, via });
      return { file, size: data.length };
    },
    text: (r) => c.backupDone(r.file, r.size),
  }),
];

/** `04.12.2026, 17:20:45 GMT+3`: this computer's clock, its zone named (a server often keeps UTC). */
export const localTime = (iso: string): string => new Date(iso).toLocaleString('ru-RU', { dateStyle: 'short', timeStyle: 'long' });

/** A folder, or a file in a folder that does not exist, is refused before the database is read. */
function checkBackupTarget(file: string): void {
  if (fs.statSync(file, { throwIfNoEntry: false })?.isDirectory()) throw new AppError('portal.backup_is_folder', { path: file });
  const dir = path.dirname(file);
  if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new AppError('portal.backup_no_folder', { path: dir });
}

/** Whole or not at all: through a temporary file beside it, removed when writing fails. */
function writeBackup(file: string, data: Uint8Array): void {
  const tmp = `${file}.tmp`;
  try {
    fs.writeFileSync(tmp, data, { mode: 0o600 });
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    const code = (e as { code?: unknown }).code;
    if (code === 'EISDIR') throw new AppError('portal.backup_is_folder', { path: file });
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new AppError('portal.backup_no_folder', { path: path.dirname(file) });
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOSPC') {
      throw new AppError('portal.backup_unwritable', { path: file });
    }
    throw e;
  }
}

export const findOp = (name: string): AdminOp | undefined => ADMIN_OPS.find((o) => o.name === name);
