// The CLI's command table names each command's module without loading it (main.ts): the names
// there must be exactly what the modules define, in the same order, or a command would be missing
// from the command line or from the help.
import { describe, expect, it } from 'vitest';
import { COMMAND_MODULES, loadCommands, runCli } from '../../src-main/core/cli/cli.ts';

describe('the CLI command table', () => {
  it('names what each module defines, in order', async () => {
    for (const m of COMMAND_MODULES) {
      expect((await m.load()).map((c) => c.name)).toEqual(m.names);
    }
  });

  it('names each command once', async () => {
    const names = (await loadCommands()).map((c) => c.name);
    expect(names.length).toBeGreaterThan(20);
    expect(new Set(names).size).toBe(names.length);
    expect(COMMAND_MODULES.flatMap((m) => m.names)).toEqual(names);
  });

  // The help prints `name usage`: a usage that repeats the name printed «accounts show accounts show …».
  it('gives each usage without its command name (the help puts the name before it)', async () => {
    for (const c of await loadCommands()) {
      expect(c.usage.startsWith(c.name), c.name).toBe(false);
      expect(c.usage.startsWith(c.name.split(' ')[0]!), c.name).toBe(false);
    }
  });

  it('says what is wrong when accounts show gets neither --person nor --login, and its usage once', async () => {
    const err: string[] = [];
    const code = await runCli(['accounts', 'show', '--data-dir', '/nonexistent-kurator-folder'], {
      out: () => {},
      err: (s) => err.push(s),
    });
    expect(code).toBe(2);
    const text = err.join('\n');
    expect(text).toContain('--person');
    expect(text.match(/accounts show/g)?.length).toBe(1);
  });
});
