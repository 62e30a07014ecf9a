import type { Core } from '../core.ts';
import type { HandlerGroup, Handlers } from './types.ts';
import { completeSetup } from '../services/setup.ts';
import { APP_VERSION } from '../version.ts';
import { AppError } from '../../../src-shared/result.ts';
import { rosterHandlers } from './roster-handlers.ts';
import { codesHandlers } from './codes-handlers.ts';
import { syncHandlers } from './sync-handlers.ts';
import { deskHandlers } from './desk-handlers.ts';
import { deskAccountsHandlers } from './desk-accounts-handlers.ts';
import { verifyDetails } from '../sync/anchor.ts';

function sessionHandlers(
  core: Core,
): HandlerGroup<'getStatus' | 'completeSetup' | 'signIn' | 'signOut' | 'lock' | 'unlock' | 'keepAlive' | 'changeOwnPassword'> {
  return {
    getStatus: (ctx) => {
      const settings = core.settings.read();
      const session = core.auth.current(ctx.clientKey);
      return {
        setupDone: core.operators.count() > 0 && settings !== null,
        schoolName: settings?.schoolName ?? null,
        session: session ? core.auth.describe(session) : null,
        mode: core.mode === 'electron' ? 'electron' : 'browser',
        version: APP_VERSION,
      };
    },
    completeSetup: (_ctx, input) => completeSetup(core, input, 'app'),
    signIn: (ctx, input) => core.auth.signIn(ctx.clientKey, input.login, input.password),
    signOut: (ctx) => {
      core.auth.signOut(ctx.clientKey);
      return null;
    },
    lock: (ctx) => core.auth.lock(ctx.clientKey),
    unlock: (ctx, input) => core.auth.unlock(ctx.clientKey, input.password),
    keepAlive: (ctx) => core.auth.describe(ctx.session!),
    changeOwnPassword: async (ctx, input) => {
      await core.operators.changeOwn(ctx.actor(), input.current, input.next, ctx.clientKey);
      return null;
    },
  };
}

function adminHandlers(
  core: Core,
): HandlerGroup<'getSettings' | 'updateSettings' | 'listOperators' | 'createOperator' | 'updateOperator' | 'resetOperatorPassword'> {
  return {
    getSettings: () => core.settings.get(),
    updateSettings: (ctx, patch) => core.settings.update(ctx.actor(), patch),
    listOperators: () => core.operators.list(),
    createOperator: (ctx, input) => core.operators.create(ctx.actor(), input),
    updateOperator: (ctx, input) => core.operators.update(ctx.actor(), input),
    resetOperatorPassword: async (ctx, input) => {
      await core.operators.resetPassword(ctx.actor(), input.id, input.password, ctx.clientKey);
      return null;
    },
  };
}

function auditHandlers(core: Core): HandlerGroup<'listAudit' | 'auditFacets' | 'exportAudit' | 'verifyAudit'> {
  return {
    listAudit: (_ctx, input) => core.audit.page(input.filter, input.limit, input.offset),
    auditFacets: () => ({
      operators: core.operators.list().map((o) => ({ id: o.id, login: o.login, fullName: o.fullName })),
      actions: core.audit.actions(),
    }),
    exportAudit: (ctx, input) => {
      const names = new Map(core.operators.list().map((o) => [o.id, o.fullName]));
      const { content, rows } = core.audit.exportCsv(input.filter, { operatorName: (id) => names.get(id) });
      core.audit.append(ctx.actor(), { action: 'audit.export', details: { rows, filter: input.filter } });
      const day = core.clock.now().toISOString().slice(0, 10);
      return { fileName: `kurator-audit-${day}.csv`, mimeType: 'text/csv', content, encoding: 'utf8', rows };
    },
    verifyAudit: async (ctx) => {
      const result = await core.sync.verifyJournal();
      core.audit.append(ctx.actor(), { action: 'audit.verify', details: verifyDetails(result) });
      return result;
    },
  };
}

function backupHandlers(
  core: Core,
): HandlerGroup<'createBackup' | 'listBackups' | 'checkBackup' | 'restoreBackup' | 'exportBackup' | 'downloadBackup'> {
  const { backups } = core;
  return {
    // Followed on the bar; no cancel (a copy is made whole or not at all, in seconds).
    createBackup: (ctx) =>
      core.work.run(ctx.owner(), 'backup', false, (control) => backups.create(ctx.actor(), 'manual', undefined, control.progress)),
    listBackups: () => backups.list(),
    checkBackup: (ctx, { fileName }) => backups.check(backups.resolve(fileName), ctx.actor()),
    restoreBackup: (ctx, input) =>
      backups.restore(ctx.actor(), backups.resolve(input.fileName), { acceptUnanchored: input.acceptUnanchored ?? false }),
    exportBackup: (ctx, { fileName, folder }) => {
      // A browser tab must not make the core write where it likes: browser mode downloads instead.
      if (core.mode !== 'electron') throw new AppError('backup.folder_desktop_only');
      return { path: backups.exportTo(ctx.actor(), fileName, folder) };
    },
    downloadBackup: (ctx, { fileName }) => backups.download(ctx.actor(), fileName),
  };
}

/** The bar of the session's long work (one for the import, issuing, slips, backups and sync rounds). */
function workHandlers(core: Core): HandlerGroup<'workProgress' | 'workCancel'> {
  return {
    workProgress: (ctx) => core.work.current(ctx.owner()),
    workCancel: (ctx) => ({ cancelled: core.work.cancel(ctx.owner()) }),
  };
}

export function createHandlers(core: Core): Handlers {
  return {
    ...sessionHandlers(core),
    ...workHandlers(core),
    ...adminHandlers(core),
    ...auditHandlers(core),
    ...backupHandlers(core),
    ...rosterHandlers(core),
    ...codesHandlers(core),
    ...syncHandlers(core),
    ...deskAccountsHandlers(core),
    ...deskHandlers(core),
  } satisfies Handlers;
}
