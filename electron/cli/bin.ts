// The bundled CLI's entry (out/cli/cli.mjs, the package's `bin`): loads only the command it is asked for, so
// `inspect` of one token does not parse the Graph, MSAL, IMAP and SMTP code the other commands need (issue 22:
// start-up within 3× a bare `node -e` jose decode). Help, an unknown name or no name falls back to cli.ts.
import type { CliCommand } from './command';
import { processIo, runCommand, runIfProgram, safeIo } from './run-command';

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

runIfProgram(import.meta.url, binMain);
