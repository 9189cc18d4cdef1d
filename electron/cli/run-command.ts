// Owns running one CLI command: terminal-safe output around the caller's io, `--help` before the `--` that ends
// the options, and the process's own io. Shared by cli.ts (every command loaded, for help and tests) and bin.ts
// (the bundle's entry, which loads only the command it was asked for).
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { usageText } from './args';
import { EXIT_USAGE, type CliCommand, type CliIo } from './command';
import { terminalSafe } from './terminal-safe';

/** The io with everything printed passed through terminalSafe: no escape sequences or bidi controls reach the terminal. */
export function safeIo(rawIo: CliIo): CliIo {
  return {
    ...rawIo,
    stdout: (t) => rawIo.stdout(terminalSafe(t)),
    stderr: (t) => rawIo.stderr(terminalSafe(t)),
  };
}

/** The arguments before a `--` (after it, "--help" is text, not an option). */
const optionPart = (argv: readonly string[]): readonly string[] => {
  const end = argv.indexOf('--');
  return end < 0 ? argv : argv.slice(0, end);
};

/** Runs one command with its arguments (the command name already taken off); `--help` prints its usage. */
export async function runCommand(cmd: CliCommand, rest: readonly string[], io: CliIo): Promise<number> {
  const options = optionPart(rest);
  if (options.includes('--help') || options.includes('-h')) {
    io.stdout(`${usageText(cmd.spec)}\n`);
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

/**
 * Runs `run` as the program when the module at `moduleUrl` (its import.meta.url) is the one node was started with
 * (node out/cli/cli.mjs, the npm bin link to it, or tsx electron/cli/cli.ts), never when a test imports it. The
 * exit code is the command's; an unexpected throw is printed terminal-safe and exits with the usage code.
 */
export function runIfProgram(moduleUrl: string, run: (argv: readonly string[]) => Promise<number>): void {
  const entry = process.argv[1];
  if (entry === undefined) return;
  let invokedDirectly: boolean;
  try {
    invokedDirectly = realpathSync(entry) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    invokedDirectly = false;
  }
  if (!invokedDirectly) return;
  run(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(terminalSafe(`Internal error: ${e instanceof Error ? e.message : String(e)}\n`));
      process.exitCode = EXIT_USAGE;
    },
  );
}
