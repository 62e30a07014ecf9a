// `npm start`: the entry (the launcher is launch.ts). Node's compile cache is turned on before
// anything else is loaded (src-node/compile-cache.ts).
import { enableCompileCache } from '../src-node/compile-cache.ts';

enableCompileCache();
await import('./launch.ts');
