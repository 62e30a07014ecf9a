// `npm run kurator -- <command>`: the entry of the command line (the CLI itself is cli.ts).
//
// Node's compile cache is turned on before anything else is loaded: a start after the first then
// takes the ~120 TypeScript modules already stripped and the modules of them and of their packages
// already compiled, instead of loading the type stripper and doing it all again — over half of a
// command's start-up CPU, paid by IT staff's scripts and by each of the suite's hundreds of runs.
// The cache sits in the project's node_modules (as trusted as the code itself: never a shared
// temporary folder), and Node checks each entry against the file's content, so an edited file is
// stripped and compiled afresh. Where it cannot be written the CLI runs as before, uncached.
import module from 'node:module';
import { fileURLToPath } from 'node:url';

module.enableCompileCache(fileURLToPath(new URL('../../../node_modules/.cache/kurator-cli', import.meta.url)));
const { runCli } = await import('./cli.ts');
process.exitCode = await runCli(process.argv.slice(2));
