// Node CLI over the same services as the app: `mailbox-auth-helper <command> [...]`, human output by
// default, `--json` for scripts. Runs without Electron.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EXIT_USAGE, type CliCommand, type CliIo } from './command';
import { diagnoseCommand } from './commands/diagnose';
import { explainCommand } from './commands/explain';
import { inspectCommand } from './commands/inspect';
import { probeCommand } from './commands/probe';

/** Registered commands; each feature adds its own file under commands/ and one line here. */
export const COMMANDS: readonly CliCommand[] = [
  diagnoseCommand,
  explainCommand,
  probeCommand,
  inspectCommand,
  // --- commands are registered above this line ---
];

function help(): string {
  const rows = COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n');
  return `Mailbox Auth Helper CLI\n\nUsage: mailbox-auth-helper <command> [options]\n\nCommands:\n${rows || '  (none)'}\n\nRun "mailbox-auth-helper <command> --help" for a command's options.\n`;
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
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
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${cmd.usage}\n`);
    return 0;
  }
  return cmd.run(rest, io);
}

export const processIo: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  env: process.env,
};

const invokedDirectly = (() => {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
})();

if (invokedDirectly) {
  main(process.argv.slice(2), processIo).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`Internal error: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = EXIT_USAGE;
    },
  );
}
