// The --help text of every command, word for word, against the files beside this test: options shared by several
// commands are declared once (inputs.ts), and moving a declaration must not change what an admin reads. The default
// data folder in audit's and watch's help depends on the machine, so it is replaced by a placeholder.
import { describe, expect, it } from 'vitest';
import { usageText } from '../../../../electron/cli/args';
import { COMMANDS } from '../../../../electron/cli/cli';
import { defaultDataDir } from '../../../../electron/cli/data-dir';

describe('CLI --help text', () => {
  it.each(COMMANDS.map((c) => [c.name, c] as const))('%s --help is unchanged', async (name, cmd) => {
    const text = usageText(cmd.spec).replaceAll(defaultDataDir({}), '<data folder>');
    await expect(`${text}\n`).toMatchFileSnapshot(`./help-text/${name}.txt`);
  });
});
