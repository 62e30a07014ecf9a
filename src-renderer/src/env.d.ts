/// <reference types="vite/client" />
import type { KuratorBridge } from '@shared/rpc/bridge.ts';

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

declare global {
  interface Window {
    /** Present in the Electron app (set by the preload), absent in browser mode. */
    kurator?: KuratorBridge;
  }
}
