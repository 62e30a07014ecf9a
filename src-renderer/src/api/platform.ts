// Platform functions: native dialogs in Electron, their browser equivalents in browser mode.
import type { FilePayload } from '@shared/rpc/types.ts';
import { api } from './client.ts';

function bytesOf(file: FilePayload): BlobPart {
  if (file.encoding === 'utf8') return file.content;
  const bin = atob(file.content);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/** Saves a file the core produced. Returns the path in Electron, the file name in the browser, null if cancelled. */
export async function saveFile(file: FilePayload): Promise<string | null> {
  const bridge = window.kurator;
  if (bridge) {
    const r = await bridge.platform.saveFile(file);
    if (!r.ok) throw new Error(r.error.message);
    return r.value?.path ?? null;
  }
  const url = URL.createObjectURL(new Blob([bytesOf(file)], { type: file.mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return file.fileName;
}

export const isDesktop = (): boolean => window.kurator !== undefined;

/**
 * Saves a copy of a backup elsewhere (a folder, a USB stick): the system's folder dialog in the
 * desktop app; a download in browser mode, which has no folder picker. Returns where, null if cancelled.
 */
export async function saveBackupCopy(fileName: string, title: string): Promise<string | null> {
  const bridge = window.kurator;
  if (bridge) {
    const folder = await bridge.platform.chooseFolder({ title });
    if (!folder.ok) throw new Error(folder.error.message);
    if (!folder.value) return null;
    const r = await api.exportBackup({ fileName, folder: folder.value.path });
    if (!r.ok) throw new Error(r.error.message);
    return r.value.path;
  }
  const r = await api.downloadBackup({ fileName });
  if (!r.ok) throw new Error(r.error.message);
  return saveFile(r.value);
}

/**
 * Prints a prepared printout: the system print dialog in the desktop app, the browser's print of
 * the preview frame in browser mode. Marks its codes printed. Returns false when cancelled.
 * `confirmPrinted` asks the operator in browser mode, where the browser cannot tell a cancel.
 */
export async function printPrepared(
  printId: string,
  frame: HTMLIFrameElement | null,
  confirmPrinted: () => Promise<boolean>,
  deviceName?: string,
): Promise<boolean> {
  const bridge = window.kurator;
  if (bridge) {
    const r = await bridge.platform.printDocument({ printId, ...(deviceName ? { deviceName } : {}) });
    if (!r.ok) throw new Error(r.error.message);
    if (!r.value.printed) return false;
  } else {
    const win = frame?.contentWindow;
    if (!win) return false;
    const current = await api.checkPrint({ printId });
    if (!current.ok) throw new Error(current.error.message);
    win.focus();
    win.print();
    // Back to the app: a focused preview frame would swallow Esc and Ctrl+L (it runs no scripts).
    window.focus();
    if (!(await confirmPrinted())) return false;
  }
  const marked = await api.markPrinted({ printId, via: 'printer' });
  if (!marked.ok) throw new Error(marked.error.message);
  return true;
}

/**
 * Saves a prepared printout as PDF; returns where (or the file name), null when cancelled. Marks
 * nothing: a saved file is not paper (the dialog asks, then `markSavedPdfPrinted`).
 */
export async function savePreparedPdf(printId: string, fileName: string): Promise<string | null> {
  const bridge = window.kurator;
  if (bridge) {
    const r = await bridge.platform.savePdf({ printId, fileName });
    if (!r.ok) throw new Error(r.error.message);
    return r.value ? r.value.path : null;
  }
  const r = await api.printPdf({ printId }); // rendered by Chromium in the core
  if (!r.ok) throw new Error(r.error.message);
  return saveFile(r.value);
}

/** The pages of a saved PDF are on paper: its codes are marked printed (count and time), audited. */
export async function markSavedPdfPrinted(printId: string): Promise<number> {
  const marked = await api.markPrinted({ printId, via: 'pdf' });
  if (!marked.ok) throw new Error(marked.error.message);
  return marked.value.codes;
}
