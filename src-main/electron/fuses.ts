// Electron's fuses for the packaged app: switches compiled into the Electron binary that no
// command-line flag or environment variable can turn back on. electron-builder flips them when it
// packages (electron-builder.yml `electronFuses`, which must equal this object: a unit test checks).
//
// - runAsNode off: ELECTRON_RUN_AS_NODE cannot turn Kurator.exe into a plain Node that runs any script
//   with the app's identity (and its access to the data folder);
// - cookie encryption on: Chromium's cookie store is encrypted with the OS's keys;
// - NODE_OPTIONS and --inspect/--inspect-brk off: nobody attaches a debugger or preloads code;
// - ASAR integrity on, and only load from ASAR: the app's code is the signed app.asar, not a folder
//   someone placed beside it.
export const ELECTRON_FUSES = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: false,
} as const;
