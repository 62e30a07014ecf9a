// `npm run portal -- …`: the portal's entry (the server and its admin commands are cli.ts). Node's
// compile cache is turned on before anything else is loaded (src-node/compile-cache.ts).
import { enableCompileCache } from '../src-node/compile-cache.ts';
import { endQuietlyOnClosedPipe } from '../src-node/closed-pipe.ts';

enableCompileCache();
endQuietlyOnClosedPipe();
const { runPortalCli } = await import('./cli.ts');
process.exitCode = await runPortalCli(process.argv.slice(2));
