// The bundled CLI's entry (out/cli/cli.mjs, the package's `bin`): loads only the command it is asked for, so
// `inspect` of one token does not parse the Graph, MSAL, IMAP and SMTP code the other commands need (issue 22:
// start-up within 3× a bare `node -e` jose decode). Help, an unknown name or no name falls back to cli.ts.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CliCommand } from './command';
import { EXIT_USAGE } from './command';
import { processIo, runCommand, safeIo } from './run-command';
import { terminalSafe } from './terminal-safe';

/** One loader per registered command; tests/unit/electron/cli keeps this list equal to cli.ts's COMMANDS. */
export const COMMAND_LOADERS: Readonly<Record<string, () => Promise<CliCommand>>> = {
  diagnose: () => import('./commands/diagnose').then((m) => m.diagnoseCommand),
  explain: () => import('./commands/explain').then((m) => m.explainCommand),
  probe: () => import('./commands/probe').then((m) => m.probeCommand),
  inspect: () => import('./commands/inspect').then((m) => m.inspectCommand),
  audit: () => import('./commands/audit').then((m) => m.auditCommand),
  watch: () => import('./commands/watch').then((m) => m.watchCommand),
};

export async function binMain(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  const load =
    name === undefined ? undefined : Object.hasOwn(COMMAND_LOADERS, name) ? COMMAND_LOADERS[name] : undefined;
  if (load) return runCommand(await load(), rest, safeIo(processIo));
  const { main } = await import('./cli');
  return main(argv, processIo);
}

/** Run as a program (node out/cli/cli.mjs, or the npm bin link to it), not imported by a test. */
const invokedDirectly = (() => {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
})();

if (invokedDirectly)
  binMain(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(terminalSafe(`Internal error: ${e instanceof Error ? e.message : String(e)}\n`));
      process.exitCode = EXIT_USAGE;
    },
  );
