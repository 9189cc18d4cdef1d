// The CLI's command shape. Each command lives in commands/<name>.ts, declares its options, input limits and exit
// codes in a CommandSpec (args.ts: one convention for all) and is registered in cli.ts.
// Exit codes, every command: 0 = done, nothing wrong found; 1 = done, something wrong found (an error-level finding,
// a failed check, an error this app cannot explain); 2 = not done: usage error or unusable input.
import type { CommandSpec } from './args';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Reads all of standard input (for `-` and --*-stdin flags). */
  readonly readStdin: () => Promise<string>;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface CliCommand {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Options, arguments, input limits and exit codes; `--help` prints them. */
  readonly spec: CommandSpec;
  readonly run: (argv: readonly string[], io: CliIo) => Promise<number>;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
