// Node's compile cache, turned on first by each entry (`npm run kurator`, `npm start`, `npm run
// portal`): a start after the first takes the TypeScript modules already stripped and every module
// already compiled, instead of loading the type stripper and doing it all again — over half of a
// start's CPU, paid by IT staff's scripts, by each portal admin command, and by the suite's hundreds
// of runs. An entry turns it on and then loads the rest with `import()`: what a module imports
// statically is parsed before its body runs. The cache sits in the project's node_modules (as trusted
// as the code itself: never a shared temporary folder), and Node checks each entry against the file's
// content, so an edited file is stripped and compiled afresh. Where it cannot be written the program
// runs as before, uncached. Worker threads (the office's core and imports) do not inherit the switch,
// only the environment: `NODE_COMPILE_CACHE` is set for them, and for the processes an entry starts.
import module from 'node:module';
import { fileURLToPath } from 'node:url';

export const COMPILE_CACHE_DIR = fileURLToPath(new URL('../node_modules/.cache/kurator', import.meta.url));

export function enableCompileCache(): void {
  const { status, directory } = module.enableCompileCache(COMPILE_CACHE_DIR);
  if (status === module.constants.compileCacheStatus.ENABLED && directory) process.env.NODE_COMPILE_CACHE ??= directory;
}
