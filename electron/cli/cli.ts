// Node CLI over the same services as the app: `mailbox-auth-helper <command> [...]`, human output by
// default, `--json` for scripts. Runs without Electron. Everything printed passes terminalSafe, so a claim or a
// server answer cannot send escape sequences or bidi controls to the terminal.
import { EXIT_USAGE, type CliCommand, type CliIo } from './command';
import { auditCommand } from './commands/audit';
import { diagnoseCommand } from './commands/diagnose';
import { explainCommand } from './commands/explain';
import { inspectCommand } from './commands/inspect';
import { probeCommand } from './commands/probe';
import { processIo, runCommand, runIfProgram, safeIo } from './run-command';
import { watchCommand } from './commands/watch';

/** Registered commands; each feature adds its own file under commands/ and one line here. */
export const COMMANDS: readonly CliCommand[] = [
  diagnoseCommand,
  explainCommand,
  probeCommand,
  inspectCommand,
  auditCommand,
  watchCommand,
  // --- commands are registered above this line ---
];

function help(): string {
  const rows = COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n');
  return `Mailbox Auth Helper CLI

Usage: mailbox-auth-helper <command> [options]

Commands:
${rows || '  (none)'}

Exit codes (every command): 0 done, nothing wrong found; 1 done, something wrong found; 2 usage error or
unusable input. Run "mailbox-auth-helper <command> --help" for a command's options, limits and exit codes.
`;
}

export async function main(argv: readonly string[], rawIo: CliIo): Promise<number> {
  const io = safeIo(rawIo);
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(help());
    return name === undefined ? EXIT_USAGE : 0;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    io.stderr(`Unknown command "${name}".\n\n${help()}`);
    return EXIT_USAGE;
  }
  return runCommand(cmd, rest, io);
}

export { processIo };

runIfProgram(import.meta.url, (argv) => main(argv, processIo));
