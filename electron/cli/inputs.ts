// The input blocks every CLI command repeated: a command made from its spec (its options parsed, the usage exit
// on ones that do not parse), the usage exit (one message, then where --help is), a secret or token read from
// standard input (refused when empty or longer than such a value can be, never echoed), a CA file read whole as PEM,
// a whole number within a range, and a refused schema value worded as the option it came from. One module so that
// each refusal reads the same in audit, watch, probe and diagnose, and a new option (--app-only, --canary) gets the
// same words for free.
import { readFile } from 'node:fs/promises';
import { CLOUD_LIST, isCloudId, type CloudId } from '../../shared/cloud/clouds';
import { PRESETS, isPresetId, type PresetId } from '../../shared/presets';
import { ProtocolIdSchema } from '../../shared/presets/schema';
import { helpHint, parseCommandArgs, type CommandSpec, type FlagSpec, type ParsedArgs } from './args';
import { EXIT_USAGE, type CliCommand, type CliIo } from './command';
import { oneLine } from './terminal-safe';

/** The longest client secret any command reads from standard input (a secret Value has 40 characters). */
export const MAX_SECRET_CHARS = 4096;

/** The usage exit of a command: prints why and where the options are listed, returns exit code 2. */
export const usageExit =
  (spec: CommandSpec, io: CliIo) =>
  (why: string): number => {
    io.stderr(`${why}\n${helpHint(spec)}\n`);
    return EXIT_USAGE;
  };

/** What a command does once its options parsed; `usage` is its usage exit, for the values it refuses itself. */
export type CommandRun = (parsed: ParsedArgs, io: CliIo, usage: (why: string) => number) => Promise<number>;

/**
 * A command from its spec: its name, summary and --help come from the spec, and options that do not parse (an
 * unknown one, a missing value) end in the usage exit before `run` sees anything, the same in every command.
 */
export function defineCommand(spec: CommandSpec, run: CommandRun): CliCommand {
  return {
    name: spec.name,
    summary: spec.summary,
    spec,
    async run(argv, io) {
      const usage = usageExit(spec, io);
      const parsed = parseCommandArgs(spec, argv);
      if (typeof parsed === 'string') return usage(parsed);
      return run(parsed, io, usage);
    },
  };
}

/** A value read from an input, or the one sentence saying why it cannot be used. */
export type InputRead = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly why: string };

export interface StdinValueSpec {
  /** The option that asked for standard input, e.g. '--token-stdin'. */
  readonly option: string;
  /** What is read, in the admin's words: 'token', 'secret'. */
  readonly what: string;
  readonly maxChars: number;
  /**
   * 'all' drops surrounding white space (tokens); 'final-line-break' drops only the pipe's last line break, so a
   * trailing space in a pasted secret stays visible to the lint.
   */
  readonly trim: 'all' | 'final-line-break';
  /** The sentence after "standard input held no <what>." */
  readonly emptyHint: string;
  /** Appended to the too-long sentence, e.g. '; pipe the secret Value alone'. */
  readonly tooLongHint?: string;
  /** How the too-long sentence names the kind of value: 'more than a client secret'. Default: 'a <what>'. */
  readonly kindName?: string;
}

/** Reads one secret or token from standard input and checks it is there and no longer than such a value can be. */
export async function readStdinValue(io: CliIo, s: StdinValueSpec): Promise<InputRead> {
  const raw = await io.readStdin();
  const value = s.trim === 'all' ? raw.trim() : raw.replace(/\r?\n$/, '');
  if (value.trim() === '') return { ok: false, why: `${s.option}: standard input held no ${s.what}. ${s.emptyHint}` };
  if (value.length > s.maxChars)
    return {
      ok: false,
      why: `${s.option}: standard input holds ${value.length.toLocaleString('en-US')} characters, more than ${s.kindName ?? `a ${s.what}`} (at most ${s.maxChars.toLocaleString('en-US')})${s.tooLongHint ?? ''}.`,
    };
  return { ok: true, value };
}

/** Reads a CA file whole and checks it is PEM with at least one certificate, within the size limit. */
export async function readCaFile(option: string, path: string, maxChars: number): Promise<InputRead> {
  let pem: string;
  try {
    pem = await readFile(path, 'utf8');
  } catch (e) {
    return { ok: false, why: `${option} cannot be read: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (pem.length > maxChars || !pem.includes('-----BEGIN CERTIFICATE-----'))
    return {
      ok: false,
      why: `${option} must be a PEM file with at least one certificate, at most ${maxChars.toLocaleString('en-US')} characters.`,
    };
  return { ok: true, value: pem };
}

/** The sentence for a value that is not a whole number within the range, or undefined when it is one. */
export function checkWholeNumber(
  option: string,
  text: string,
  range: { readonly min: number; readonly max: number },
  unit: string,
): string | undefined {
  const n = Number(text);
  const digits = String(range.max).length;
  if (!new RegExp(`^\\d{1,${digits}}$`).test(text) || n < range.min || n > range.max)
    return `${option} "${oneLine(text)}" is not ${unit} from ${range.min} to ${range.max}.`;
  return undefined;
}

/** The part of a zod issue these messages use. */
export interface SchemaIssue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly maximum?: unknown;
}

/**
 * Refused schema values in the words of the command line: the option each came from (fieldOption maps a schema
 * field to it) and what is wrong, no validator path. One sentence per issue, joined.
 */
export function describeIssues(fieldOption: Readonly<Record<string, string>>, issues: readonly SchemaIssue[]): string {
  return issues
    .map((issue) => {
      const option = fieldOption[String(issue.path[0] ?? '')] ?? 'A value';
      if (issue.code === 'too_big' && typeof issue.maximum === 'number')
        return `${option} is too long: at most ${issue.maximum.toLocaleString('en-US')} characters.`;
      return `${option} is not a value this command can use.`;
    })
    .join(' ');
}

const PROTOCOL_IDS: readonly string[] = ProtocolIdSchema.options;

/**
 * The options audit, probe and diagnose each declare: the name, its value's placeholder and the help most of them
 * give, written once. A command that means something more by an option says so with `flagWith`; probe's app-only
 * options say they apply with --app-only (`appOnlyFlag`).
 */
export const SHARED_FLAGS = {
  preset: { name: '--preset', value: '<id>', help: PRESETS.map((p) => p.id).join(' | ') },
  cloud: { name: '--cloud', value: '<id>', help: `${CLOUD_LIST.map((c) => c.id).join(' | ')} (default global)` },
  protocols: {
    name: '--protocols',
    value: '<list>',
    help: `comma-separated: ${PROTOCOL_IDS.join(',')} (default imap)`,
  },
  tenant: { name: '--tenant', value: '<value>', help: 'Directory (tenant) ID or verified domain' },
  clientId: { name: '--client-id', value: '<guid>', help: 'Application (client) ID' },
  secretStdin: {
    name: '--secret-stdin',
    help: 'read the client secret from standard input (never pass it as an argument)',
  },
  authority: {
    name: '--authority',
    value: '<url>',
    help: 'a custom authority (e.g. the emulator, https://localhost:8443); implies --cloud custom',
  },
  caFile: { name: '--ca-file', value: '<path>', help: 'CA certificate (PEM) of a custom authority' },
  redirectUri: { name: '--redirect-uri', value: '<url>', help: "the product's redirect URL" },
  mailbox: { name: '--mailbox', value: '<address>', help: 'the mailbox the product opens' },
} as const satisfies Readonly<Record<string, FlagSpec>>;

/** A shared option with what it means for this command. */
export const flagWith = (flag: FlagSpec, help: string): FlagSpec => ({ ...flag, help });

/** A shared option that only counts with --app-only: its help says so first. */
export const appOnlyFlag = (flag: FlagSpec, help: string = flag.help): FlagSpec =>
  flagWith(flag, `with --app-only: ${help}`);

/** The product, cloud and protocols a command checks, read from --preset, --cloud and --protocols. */
export type ProductTarget =
  | { readonly ok: true; readonly preset: PresetId; readonly cloud: CloudId | undefined; readonly protocols: string[] }
  | { readonly ok: false; readonly why: string };

/**
 * Reads --preset (required), --cloud and --protocols (default imap) the same way for every command that checks a
 * registration for a product; `purpose` ends the "--preset is required" sentence ("the product to audit").
 */
export function readProductTarget(
  values: Readonly<Record<string, string | undefined>>,
  purpose: string,
): ProductTarget {
  const preset = values['--preset'];
  const known = PRESETS.map((p) => p.id).join(', ');
  if (preset === undefined) return { ok: false, why: `--preset is required: ${purpose} (${known}).` };
  if (!isPresetId(preset))
    return { ok: false, why: `--preset "${oneLine(preset)}" is not a product this app knows. Use one of: ${known}.` };
  const cloud = values['--cloud'];
  if (cloud !== undefined && !isCloudId(cloud))
    return {
      ok: false,
      why: `--cloud "${oneLine(cloud)}" is not a cloud this app knows. Use one of: ${CLOUD_LIST.map((c) => c.id).join(', ')}.`,
    };
  const protocols = (values['--protocols'] ?? 'imap').split(',').map((s) => s.trim());
  const bad = protocols.filter((p) => !PROTOCOL_IDS.includes(p));
  if (bad.length > 0)
    return {
      ok: false,
      why: `--protocols: ${bad.map((b) => `"${oneLine(b)}"`).join(', ')} ${bad.length === 1 ? 'is not a protocol' : 'are not protocols'} this app knows. Use a comma-separated list of: ${PROTOCOL_IDS.join(', ')}.`,
    };
  return { ok: true, preset, cloud, protocols };
}
