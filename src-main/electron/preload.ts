// Sandboxed preload: exposes one narrow function per RPC method (no generic invoke) and the platform
// functions. Nothing from Node reaches the page.
import { contextBridge, ipcRenderer } from 'electron';
import { METHOD_NAMES, ipcChannel } from '../../src-shared/rpc/methods.ts';
import { PLATFORM_CHANNELS, type KuratorBridge, type RpcBridge } from '../../src-shared/rpc/bridge.ts';

const rpc = Object.fromEntries(
  METHOD_NAMES.map((method) => [method, (args: unknown) => ipcRenderer.invoke(ipcChannel(method), args)]),
) as RpcBridge;

const bridge: KuratorBridge = {
  rpc,
  platform: {
    saveFile: (file) => ipcRenderer.invoke(PLATFORM_CHANNELS.saveFile, file),
    printers: () => ipcRenderer.invoke(PLATFORM_CHANNELS.printers),
    printDocument: (args) => ipcRenderer.invoke(PLATFORM_CHANNELS.printDocument, args),
    savePdf: (args) => ipcRenderer.invoke(PLATFORM_CHANNELS.savePdf, args),
    chooseFolder: (args) => ipcRenderer.invoke(PLATFORM_CHANNELS.chooseFolder, args),
  },
};

contextBridge.exposeInMainWorld('kurator', bridge);
