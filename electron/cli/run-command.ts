// Owns running one CLI command: terminal-safe output around the caller's io, `--help` before the `--` that ends
// the options, and the process's own io. Shared by cli.ts (every command loaded, for help and tests) and bin.ts
// (the bundle's entry, which loads only the command it was asked for).
import { usageText } from './args';
import type { CliCommand, CliIo } from './command';
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
