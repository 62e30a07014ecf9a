// Preloaded into a child process (`node --import`): at exit, prints the process's peak resident
// memory as the kernel counted it (getrusage ru_maxrss, in KiB) on its last stderr line.
import fs from 'node:fs';

process.on('exit', () => fs.writeSync(2, `\npeak-rss-kib=${process.resourceUsage().maxRSS}\n`));
