// «Сохранить копию…»: a backup copied into a folder the curator chose (a USB stick) in the desktop
// app, or downloaded in browser mode; readable by the user only, audited.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CURATOR, makeCore, type TestCore } from '../support/core.ts';
import { tempDir } from '../support/tmp.ts';
import type { BackupInfo, FilePayload } from '../../src-shared/rpc/types.ts';

describe('saving a copy of a backup elsewhere', () => {
  let t: TestCore;
  const usb = tempDir('kurator-usb-');
  afterEach(() => {
    t.close();
    fs.rmSync(usb.dir, { recursive: true, force: true });
    fs.mkdirSync(usb.dir);
  });

  const backup = async (): Promise<BackupInfo> => {
    await t.core.auth.signIn('desk', CURATOR.login, CURATOR.password);
    const made = await t.dispatch('createBackup', {}, 'desk');
    if (!made.ok) throw new Error(made.error.message);
    return made.value as BackupInfo;
  };
  const actions = () => t.core.audit.page({}, 50, 0).rows.map((r) => r.action);

  it('the desktop app copies it into the chosen folder, 0600, and refuses to overwrite a copy already there', async () => {
    t = await makeCore({ mode: 'electron' });
    const { fileName, path: source } = await backup();
    const saved = await t.dispatch('exportBackup', { fileName, folder: usb.dir }, 'desk');
    expect(saved).toMatchObject({ ok: true, value: { path: path.join(usb.dir, fileName) } });
    const target = path.join(usb.dir, fileName);
    expect(fs.readFileSync(target).equals(fs.readFileSync(source))).toBe(true);
    expect(fs.statSync(target).mode & 0o777).toBe(0o600);
    expect(actions()).toContain('backup.export');
    // The same copy saved again to the same stick: said so, not «this folder cannot be used».
    fs.writeFileSync(target, 'an older copy');
    const again = await t.dispatch('exportBackup', { fileName, folder: usb.dir }, 'desk');
    expect(again).toMatchObject({ ok: false, error: { reason: 'backup.exists' } });
    expect(fs.readFileSync(target, 'utf8')).toBe('an older copy');
    const nowhere = await t.dispatch('exportBackup', { fileName, folder: path.join(usb.dir, 'missing') }, 'desk');
    expect(nowhere).toMatchObject({ ok: false, error: { reason: 'backup.no_folder' } });
    // Only backups of the backups folder, by name.
    const outside = await t.dispatch('exportBackup', { fileName: '../kurator.sqlite', folder: usb.dir }, 'desk');
    expect(outside).toMatchObject({ ok: false });
    expect(fs.readdirSync(usb.dir)).toEqual([fileName]);
  });

  it('browser mode downloads it instead: a tab never makes the core write where it likes', async () => {
    t = await makeCore({ mode: 'browser' });
    const { fileName, path: source } = await backup();
    const refused = await t.dispatch('exportBackup', { fileName, folder: usb.dir }, 'desk');
    expect(refused).toMatchObject({ ok: false, error: { reason: 'backup.folder_desktop_only' } });
    expect(fs.readdirSync(usb.dir)).toEqual([]);
    const download = await t.dispatch('downloadBackup', { fileName }, 'desk');
    expect(download.ok).toBe(true);
    const file = (download as { value: FilePayload }).value;
    expect(file).toMatchObject({ fileName, encoding: 'base64' });
    expect(Buffer.from(file.content, 'base64').equals(fs.readFileSync(source))).toBe(true);
    expect(actions()).toContain('backup.download');
  });
});
