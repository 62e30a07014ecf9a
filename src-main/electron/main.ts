// The Electron shell: one hardened window, the app:// protocol serving the built UI, IPC into the
// core, native dialogs. Everything else lives in src-main/core and runs under plain Node.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, session, shell } from 'electron';
import { startCoreHost, type CoreHost } from '../core/host/core-host.ts';
import { resolveDataDir } from '../core/paths.ts';
import { readStatic } from '../core/http/static.ts';
import { HTTP_CSP, PRINT_DOCUMENT_CSP } from '../core/security/csp.ts';
import { PLATFORM_CHANNELS } from '../../src-shared/rpc/bridge.ts';
import { ChooseFolderArgs, FilePayloadSchema, NoArgs, PrintDocumentArgs, SavePdfArgs } from '../../src-shared/schemas/files.ts';
import { errorMessage, t } from '../../src-shared/i18n/index.ts';
import { asAppError } from '../core/errors.ts';
import {
  APP_ENTRY,
  APP_ORIGIN,
  APP_SCHEME,
  denyAllPermissions,
  devServerUrl,
  hardenApp,
  isTrustedSender,
  printWindowOptions,
  windowOptions,
  type AppLike,
  type PermissionSession,
} from './security.ts';
import { platformHandler, registerRpc, type IpcEventLike } from './ipc.ts';
import { openPrefs } from './prefs.ts';
import { writePrivateFileAsync } from '../core/security/files.ts';
import { PRINT_DOCUMENT_PATH } from '../core/codes/print-jobs.ts';

const here = import.meta.dirname;
const RENDERER_DIR = path.join(here, '..', 'renderer');
const PRELOAD = path.join(here, '..', 'preload', 'index.cjs');
const DEV_URL = devServerUrl(process.env, app.isPackaged);

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
]);

const args = parseArgs({ args: process.argv.slice(1), options: { 'data-dir': { type: 'string' } }, strict: false });
const dataDirFlag = typeof args.values['data-dir'] === 'string' ? args.values['data-dir'] : undefined;
const dataDir = resolveDataDir(dataDirFlag);
app.setName('Kurator');
app.setPath('userData', dataDir);

let mainWindow: BrowserWindow | null = null;
/** The core runs in a worker thread (src-main/core/host): this process keeps the window and the IPC. */
let host: CoreHost | null = null;
/** The school's registration host, refreshed after calls: the link guard asks for it synchronously. */
let registrationHost: string | null = null;

const trusted = (event: IpcEventLike) =>
  !!mainWindow && event.sender.id === mainWindow.webContents.id && isTrustedSender(event.senderFrame, DEV_URL);

const allowedExternalHosts = (): string[] => (registrationHost ? [registrationHost] : []);

async function refreshRegistrationHost(): Promise<void> {
  const url = await host?.request('registrationUrl').catch(() => null);
  try {
    registrationHost = url ? new URL(url).hostname : null;
  } catch {
    registrationHost = null;
  }
}

function createWindow(prefs: ReturnType<typeof openPrefs>): BrowserWindow {
  const saved = prefs.get('window');
  const win = new BrowserWindow(windowOptions(PRELOAD, saved, !app.isPackaged));
  if (saved.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  const remember = () => {
    if (win.isDestroyed()) return;
    const b = win.getNormalBounds();
    prefs.set('window', { width: b.width, height: b.height, x: b.x, y: b.y, maximized: win.isMaximized() });
  };
  win.on('close', remember);
  void win.loadURL(DEV_URL ?? APP_ENTRY);
  return win;
}

function menu(): Menu {
  const m = t.desktop.menu;
  return Menu.buildFromTemplate([
    { label: m.file, submenu: [{ role: 'quit', label: m.quit }] },
    {
      label: m.edit,
      submenu: [
        { role: 'undo', label: m.undo },
        { role: 'redo', label: m.redo },
        { type: 'separator' },
        { role: 'cut', label: m.cut },
        { role: 'copy', label: m.copy },
        { role: 'paste', label: m.paste },
        { role: 'selectAll', label: m.selectAll },
      ],
    },
    {
      label: m.view,
      submenu: [
        { role: 'zoomIn', label: m.zoomIn },
        { role: 'zoomOut', label: m.zoomOut },
        { role: 'resetZoom', label: m.resetZoom },
        { role: 'togglefullscreen', label: m.fullScreen },
      ],
    },
  ]);
}

async function start(): Promise<void> {
  try {
    // The core's worker takes the data folder first (browser mode may have it open: the start fails
    // with app.folder_in_use). A second start of this app never gets here: the single-instance lock
    // above sends it to the first one's window.
    // The worker scripts are bundled beside this one (electron.vite.config.ts).
    host = await startCoreHost({
      dataDir,
      mode: 'electron',
      workerFile: path.join(here, 'core-worker.js'),
      importWorkerFile: path.join(here, 'import-worker.js'),
    });
  } catch (e) {
    const known = asAppError(e);
    dialog.showErrorBox(t.app.title, known ? errorMessage(known) : e instanceof Error ? e.message : String(e));
    app.exit(1);
    return;
  }
  const core = host;
  await refreshRegistrationHost();
  const dispatch: typeof core.dispatch = async (method, args, clientKey) => {
    const result = await core.dispatch(method, args, clientKey);
    void refreshRegistrationHost();
    return result;
  };
  const prefs = openPrefs(dataDir);

  protocol.handle(APP_SCHEME, async (request) => {
    const pathname = new URL(request.url).pathname;
    const print = PRINT_DOCUMENT_PATH.exec(pathname);
    if (print) {
      const html = await core.request('printDocument', print[1]!).catch(() => null);
      if (html === null) return new Response('Not found', { status: 404 });
      return new Response(html, {
        headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': PRINT_DOCUMENT_CSP },
      });
    }
    const file = readStatic(RENDERER_DIR, pathname);
    if (!file) return new Response('Not found', { status: 404 });
    return new Response(new Uint8Array(file.body), {
      headers: { 'Content-Type': file.type, 'Content-Security-Policy': HTTP_CSP, 'X-Content-Type-Options': 'nosniff' },
    });
  });

  denyAllPermissions(session.defaultSession as unknown as PermissionSession);

  registerRpc(ipcMain, dispatch, trusted);
  ipcMain.handle(
    PLATFORM_CHANNELS.saveFile,
    platformHandler(FilePayloadSchema, trusted, async (file) => {
      if (!mainWindow) return null;
      const choice = await dialog.showSaveDialog(mainWindow, {
        defaultPath: path.join(app.getPath('documents'), file.fileName),
      });
      if (choice.canceled || !choice.filePath) return null;
      const data = file.encoding === 'base64' ? Buffer.from(file.content, 'base64') : file.content;
      await writePrivateFileAsync(choice.filePath, data);
      return { path: choice.filePath };
    }),
  );

  /**
   * Loads a prepared printout in a hidden, script-less window and hands its contents to `use`: only
   * for the signed-in, unlocked session of the window that prepared it.
   */
  async function withPrintWindow<T>(event: IpcEventLike, printId: string, use: (contents: Electron.WebContents) => Promise<T>): Promise<T> {
    await core.request('checkPrint', `ipc:${event.sender.id}`, printId);
    const win = new BrowserWindow(printWindowOptions());
    try {
      await win.loadURL(`${APP_ORIGIN}/print/${printId}`);
      return await use(win.webContents);
    } finally {
      win.destroy();
    }
  }

  ipcMain.handle(
    PLATFORM_CHANNELS.printers,
    platformHandler(NoArgs, trusted, async () => {
      const printers = (await mainWindow!.webContents.getPrintersAsync()).map((p) => ({ name: p.name, displayName: p.displayName }));
      return { printers, last: prefs.get('lastPrinter') };
    }),
  );
  ipcMain.handle(
    PLATFORM_CHANNELS.printDocument,
    platformHandler(PrintDocumentArgs, trusted, ({ printId, deviceName }, event) =>
      withPrintWindow(event, printId, (contents) => {
        const device = deviceName ?? prefs.get('lastPrinter') ?? undefined;
        return new Promise<{ printed: boolean }>((resolve) => {
          contents.print({ silent: false, printBackground: true, ...(device ? { deviceName: device } : {}) }, (printed) => {
            if (printed && deviceName) prefs.set('lastPrinter', deviceName);
            resolve({ printed });
          });
        });
      }),
    ),
  );
  ipcMain.handle(
    PLATFORM_CHANNELS.savePdf,
    platformHandler(SavePdfArgs, trusted, async ({ printId, fileName }, event) => {
      if (!mainWindow) return null;
      const choice = await dialog.showSaveDialog(mainWindow, {
        defaultPath: path.join(app.getPath('documents'), fileName),
        filters: [{ name: 'PDF', extensions: ['pdf'] }],
      });
      if (choice.canceled || !choice.filePath) return null;
      const pdf = await withPrintWindow(event, printId, (contents) =>
        contents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true }),
      );
      await writePrivateFileAsync(choice.filePath, pdf);
      return { path: choice.filePath };
    }),
  );

  ipcMain.handle(
    PLATFORM_CHANNELS.chooseFolder,
    platformHandler(ChooseFolderArgs, trusted, async ({ title }) => {
      if (!mainWindow) return null;
      const choice = await dialog.showOpenDialog(mainWindow, { title, properties: ['openDirectory', 'createDirectory'] });
      return choice.canceled || !choice.filePaths[0] ? null : { path: choice.filePaths[0] };
    }),
  );

  Menu.setApplicationMenu(menu());
  mainWindow = createWindow(prefs);
  mainWindow.on('closed', () => (mainWindow = null));
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  hardenApp(app as unknown as AppLike, {
    devServerUrl: DEV_URL,
    allowedHosts: allowedExternalHosts,
    openExternal: (url) => void shell.openExternal(url),
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    // The worker closes the database (journal summaries flushed) before the app goes.
    const closing = host;
    if (!closing) return;
    host = null;
    event.preventDefault();
    void closing
      .close()
      .catch((e: unknown) => console.error(e))
      .finally(() => app.quit());
  });
  void app.whenReady().then(start);
}
