// The CLI's command table names each command's module without loading it (main.ts): the names
// there must be exactly what the modules define, in the same order, or a command would be missing
// from the command line or from the help.
import { describe, expect, it } from 'vitest';
import { COMMAND_MODULES, loadCommands } from '../../src-main/core/cli/cli.ts';

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
});
