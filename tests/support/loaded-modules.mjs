// Preloaded into a child process (`node --import`): at exit, writes the URL of every module the
// process loaded (its own, its packages', Node's builtins), one a line, to $KURATOR_LOADED_MODULES.
import fs from 'node:fs';
import { registerHooks } from 'node:module';

const loaded = [];
registerHooks({
  load(url, context, next) {
    loaded.push(url);
    return next(url, context);
  },
});
process.on('exit', () => fs.writeFileSync(process.env.KURATOR_LOADED_MODULES, `${loaded.join('\n')}\n`));
