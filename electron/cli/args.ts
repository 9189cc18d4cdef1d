// One command-line convention for every CLI command: each command declares its options, arguments, input limits and
// exit codes once (CommandSpec); the parser refuses an unknown option naming the valid ones, a missing value and a
// value on a switch (exit 2, one message), and `--help` prints the same declaration. Node's util.parseArgs does the
// collecting (`--name value`, `--name=value`, repeats, `--` before a text that starts with a dash); the checks in
// front of it turn its cases into sentences an admin can act on.
import { parseArgs } from 'node:util';

export interface FlagSpec {
  /** '--preset'. */
  readonly name: string;
  /** Placeholder of its value ('<id>'); absent for a switch. */
  readonly value?: string;
  /** May be given more than once (values collected in order). */
  readonly multiple?: boolean;
  readonly help: string;
}

export interface CommandSpec {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** What follows the command name in the usage line, e.g. '<text | -> [options]'. */
  readonly synopsis: string;
  /** A few lines after the usage line. */
  readonly description?: string;
  /** How many plain arguments the command takes (words of a text are joined by the command itself). */
  readonly maxPositionals: number;
  readonly flags: readonly FlagSpec[];
  /** The input limits, one sentence each (how much is read, what happens beyond). */
  readonly limits: readonly string[];
  /** What each exit code means for this command. */
  readonly exitCodes: Readonly<Record<0 | 1 | 2, string>>;
}

export interface ParsedArgs {
  /** The last value of each value option given. */
  readonly values: Readonly<Record<string, string>>;
  /** Every value of the options marked multiple, in order. */
  readonly lists: Readonly<Record<string, readonly string[]>>;
  /** The switches given. */
  readonly switches: ReadonlySet<string>;
  readonly positionals: readonly string[];
}

/** Every command takes these two; `--help` is answered before a command runs. */
export const COMMON_FLAGS: readonly FlagSpec[] = [
  { name: '--json', help: 'machine-readable output' },
  { name: '--help', help: 'this text' },
];

const allFlags = (spec: CommandSpec): readonly FlagSpec[] => [...spec.flags, ...COMMON_FLAGS];

/** The valid option names, for the message about an unknown one. */
export const validFlagList = (spec: CommandSpec): string =>
  allFlags(spec)
    .map((f) => f.name)
    .join(', ');

/**
 * Parses argv against the spec, or returns the one sentence saying what is wrong. Options start with "--"; any other
 * word is an argument, so a text such as "-ERR Authentication failure" needs no quoting trick; after "--" every word
 * is an argument.
 */
export function parseCommandArgs(spec: CommandSpec, argv: readonly string[]): ParsedArgs | string {
  const byName = new Map(allFlags(spec).map((f) => [f.name, f]));
  const optionArgs: string[] = [];
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('--')) {
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    const flag = byName.get(name);
    if (flag === undefined) return `Unknown option ${name} for "${spec.name}". Valid options: ${validFlagList(spec)}.`;
    if (flag.value === undefined) {
      if (eq >= 0) return `${name} is a switch and takes no value.`;
      optionArgs.push(a);
      continue;
    }
    if (eq >= 0) {
      optionArgs.push(a);
      continue;
    }
    const next = argv[i + 1];
    if (next === undefined) return `${name} needs a value ${flag.value}.`;
    if (next.startsWith('--'))
      return `${name} needs a value ${flag.value}; to give one that starts with "--", write ${name}=${next}.`;
    optionArgs.push(`${name}=${next}`);
    i++;
  }
  const options = Object.fromEntries(
    allFlags(spec).map((f) => [
      f.name.slice(2),
      { type: f.value === undefined ? ('boolean' as const) : ('string' as const), multiple: f.multiple === true },
    ]),
  );
  // Every option was checked above, so util.parseArgs only collects: values, repeats, --name=value.
  const parsed = parseArgs({ args: optionArgs, options, strict: true, allowPositionals: false });
  const values: Record<string, string> = {};
  const lists: Record<string, string[]> = {};
  const switches = new Set<string>();
  for (const f of allFlags(spec)) {
    const v: unknown = parsed.values[f.name.slice(2)];
    if (v === undefined) continue;
    if (f.value === undefined) switches.add(f.name);
    else if (Array.isArray(v)) {
      lists[f.name] = v.map(String);
      const last = v.at(-1);
      if (last !== undefined) values[f.name] = String(last);
    } else values[f.name] = String(v);
  }
  if (positionals.length > spec.maxPositionals)
    return spec.maxPositionals === 0
      ? `"${spec.name}" takes no arguments besides its options (got "${positionals[0] ?? ''}").`
      : `"${spec.name}" takes at most ${spec.maxPositionals} argument${spec.maxPositionals === 1 ? '' : 's'}; quote a text that has spaces.`;
  return { values, lists, switches, positionals };
}

/** The `--help` text: usage, description, options, input limits and exit codes. */
export function usageText(spec: CommandSpec): string {
  const flags = allFlags(spec);
  const left = (f: FlagSpec) => (f.value === undefined ? f.name : `${f.name} ${f.value}`);
  const width = Math.min(28, Math.max(...flags.map((f) => left(f).length)) + 2);
  const lines = [`Usage: mailbox-auth-helper ${spec.name} ${spec.synopsis}`];
  if (spec.description) lines.push('', spec.description);
  lines.push('', 'Options:');
  for (const f of flags) lines.push(`  ${left(f).padEnd(width)}${f.help}${f.multiple === true ? ' (repeatable)' : ''}`);
  if (spec.limits.length > 0) lines.push('', 'Input limits:', ...spec.limits.map((l) => `  ${l}`));
  lines.push('', 'Exit codes:', ...([0, 1, 2] as const).map((c) => `  ${c}  ${spec.exitCodes[c]}`));
  return lines.join('\n');
}

/** How a usage error ends: where the full option list is. */
export const helpHint = (spec: CommandSpec): string => `Run "mailbox-auth-helper ${spec.name} --help" for the options.`;
