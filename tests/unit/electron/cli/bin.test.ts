// The bundle's entry (electron/cli/bin.ts) loads one command on demand: its loaders must name exactly the
// commands cli.ts registers and hand back the very same command objects, or `mailbox-auth-helper <name>` from
// the bundle and `npm run cli -- <name>` would differ.
import { describe, expect, it } from 'vitest';
import { COMMAND_LOADERS } from '../../../../electron/cli/bin';
import { COMMANDS } from '../../../../electron/cli/cli';

describe('bin.ts: lazy command loaders', () => {
  it('cover every registered command, and only those', () => {
    expect(Object.keys(COMMAND_LOADERS).sort()).toEqual(COMMANDS.map((c) => c.name).sort());
  });

  it.each(COMMANDS.map((c) => [c.name, c] as const))('%s loads the registered command object', async (name, cmd) => {
    const load = COMMAND_LOADERS[name];
    expect(load).toBeDefined();
    expect(await load?.()).toBe(cmd);
  });
});
