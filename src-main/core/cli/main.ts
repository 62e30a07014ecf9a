// `npm run kurator -- <command>`: the entry of the command line (the CLI itself is cli.ts). Node's
// compile cache is turned on before anything else is loaded (src-node/compile-cache.ts).
import { enableCompileCache } from '../../../src-node/compile-cache.ts';
import { endQuietlyOnClosedPipe } from '../../../src-node/closed-pipe.ts';

enableCompileCache();
endQuietlyOnClosedPipe();
const { runCli } = await import('./cli.ts');
process.exitCode = await runCli(process.argv.slice(2));
