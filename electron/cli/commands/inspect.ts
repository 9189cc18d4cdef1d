// `inspect <token|->`: extract, decode, explain and check every token in the argument or standard input
// (raw JWT, Bearer header, token response JSON, XOAUTH2 blob, log line). --verify also checks signatures of
// verifiable tokens against the issuer's keys (network). Tokens themselves are never printed, only previews.
// Exit 0 = no error-level finding, 1 = error-level findings, 2 = unusable input or usage.
import {
  MAX_SCAN_CHARS,
  MAX_TOKENS,
  claimRows,
  extractTokens,
  inspectInput,
  requirementFor,
  type ClaimRow,
  type Expectations,
  type Inspection,
  type Protocol,
  type TokenInspection,
} from '../../../shared/tokens';
import { ProtocolSchema } from '../../../shared/tokens/schema';
import { createTokenVerifier, type VerifyResult } from '../../services/tokens/token-verifier';
import type { CommandSpec, ParsedArgs } from '../args';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CliCommand } from '../command';
import { defineCommand } from '../inputs';
import { oneLine } from '../terminal-safe';

const SPEC: CommandSpec = {
  name: 'inspect',
  summary: 'Decode, explain and check a token, token response, XOAUTH2 blob or log line.',
  synopsis: '<token | -> [options]',
  description:
    'Reads a token, "Bearer …", an Authorization header, a token response (JSON), a base64 XOAUTH2 blob or a\nlog line; "-" (or no argument) reads standard input. Tokens are never printed, only previews.',
  maxPositionals: 1,
  flags: [
    {
      name: '--expect-account',
      value: '<upn>',
      help: 'the account that should have signed in (for a shared mailbox: the delegate)',
    },
    { name: '--mailbox', value: '<address>', help: 'the mailbox the product opens (XOAUTH2 user=)' },
    { name: '--tenant', value: '<id|domain>', help: 'expected tenant' },
    { name: '--client-id', value: '<guid>', help: 'expected Application (client) id' },
    { name: '--protocol', value: '<name>', help: ProtocolSchema.options.join(' | ') },
    { name: '--mode', value: '<mode>', help: 'delegated | app-only | either (default either)' },
    { name: '--scope', value: '<name>', multiple: true, help: 'an extra delegated scope that must be present' },
    { name: '--expect-refresh-token', help: 'an error if a token response has no refresh token' },
    { name: '--verify', help: "check signatures of verifiable tokens (ID tokens) against the issuer's keys" },
    { name: '--time-zone', value: '<iana>', help: "time zone for local times (default this computer's)" },
  ],
  limits: [
    `Reads at most ${(MAX_SCAN_CHARS / (1024 * 1024)).toString()} MiB (${MAX_SCAN_CHARS.toLocaleString('en-US')} characters); beyond that the input is cut, a warning says so and --json has "truncated": true. A word cut at that point is not taken for a token.`,
    `At most ${MAX_TOKENS} tokens are inspected; the rest are counted ("truncated": true).`,
  ],
  exitCodes: {
    0: 'no error-level finding',
    1: 'an error-level finding, or a signature that does not verify (--verify)',
    2: 'usage error, or unusable input (empty, or no token in it)',
  },
};

interface Parsed {
  readonly source: string | undefined;
  readonly values: Readonly<Record<string, string>>;
  readonly scopes: readonly string[];
  readonly json: boolean;
  readonly verify: boolean;
  readonly expectRefresh: boolean;
}

function parsedOf(p: ParsedArgs): Parsed {
  return {
    source: p.positionals[0],
    values: p.values,
    scopes: p.lists['--scope'] ?? [],
    json: p.switches.has('--json'),
    verify: p.switches.has('--verify'),
    expectRefresh: p.switches.has('--expect-refresh-token'),
  };
}

const one = (p: Parsed, flag: string): string | undefined => p.values[flag];

function expectationsFrom(p: Parsed): Expectations | string {
  const protocol = one(p, '--protocol');
  const mode = one(p, '--mode') ?? 'either';
  if (protocol !== undefined && !ProtocolSchema.options.includes(protocol as Protocol))
    return `--protocol "${oneLine(protocol)}" is not a protocol this app knows. Use one of: ${ProtocolSchema.options.join(', ')}.`;
  if (mode !== 'delegated' && mode !== 'app-only' && mode !== 'either')
    return `--mode "${oneLine(mode)}" is not a mode. Use delegated, app-only or either.`;
  const timeZone = one(p, '--time-zone');
  if (timeZone !== undefined && !isTimeZone(timeZone))
    return `--time-zone "${oneLine(timeZone)}" is not an IANA time zone (e.g. Europe/Berlin, America/New_York, UTC).`;
  const account = one(p, '--expect-account');
  const mailbox = one(p, '--mailbox');
  const tenant = one(p, '--tenant');
  const clientId = one(p, '--client-id');
  return {
    ...(account ? { expectedAccount: account } : {}),
    ...(mailbox ? { mailbox } : {}),
    ...(tenant ? { tenant } : {}),
    ...(clientId ? { clientId } : {}),
    ...(p.scopes.length > 0 ? { requiredScopes: [...p.scopes] } : {}),
    ...(protocol ? { requirement: requirementFor(protocol as Protocol, mode) } : {}),
    ...(p.expectRefresh ? { expectRefreshToken: true } : {}),
  };
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const KIND_LABEL: Readonly<Record<Inspection['input']['kind'], string>> = {
  empty: 'empty input',
  jwt: 'a token',
  bearer: 'a Bearer value',
  'authorization-header': 'an Authorization header',
  'token-response': 'a token response (JSON)',
  xoauth2: 'an XOAUTH2 SASL blob',
  text: 'text with tokens in it',
  opaque: 'an opaque token',
  unrecognised: 'unrecognised input',
};

function renderFindings(lines: string[], findings: Inspection['findings'], indent: string): void {
  for (const f of findings) {
    lines.push(`${indent}${f.severity.toUpperCase().padEnd(7)} ${f.code}${f.field ? ` [${oneLine(f.field)}]` : ''}`);
    lines.push(`${indent}        ${oneLine(f.message)}`);
    lines.push(`${indent}        Next: ${oneLine(f.nextStep)}`);
  }
}

function renderToken(
  lines: string[],
  t: TokenInspection,
  sig: VerifyResult | undefined,
  rows: readonly ClaimRow[],
): void {
  lines.push(
    '',
    `Token ${t.index + 1}: ${oneLine(t.origin)} (${t.format}, ${oneLine(t.preview)}, ${t.length} characters)`,
  );
  lines.push(`  ${oneLine(t.verdict)}`);
  if (sig) lines.push(`  Signature: ${sig.status} (${sig.code}) — ${oneLine(sig.reason)}`);
  else if (t.format === 'jwt') lines.push(`  Signature: ${t.signature.status} — ${oneLine(t.signature.reason)}`);
  if (t.findings.length > 0) {
    lines.push('  Findings:');
    renderFindings(lines, t.findings, '    ');
  }
  if (t.header) lines.push(`  Header: ${oneLine(JSON.stringify(t.header))}`);
  if (rows.length > 0) {
    lines.push('  Claims:');
    const width = Math.min(20, Math.max(...rows.map((r) => r.name.length)));
    for (const r of rows) {
      const value = r.time
        ? `${r.display}  (${r.time.utc}; ${r.time.local}; ${r.time.relative})`
        : r.display.length > 120
          ? `${r.display.slice(0, 117)}…`
          : r.display;
      lines.push(`    ${oneLine(r.name).padEnd(width)}  ${oneLine(value)}`);
      lines.push(`    ${''.padEnd(width)}  ${oneLine(r.meaning)}`);
    }
  }
}

/** Each token's claim rows (meaning, UTC, local and relative times), built for output: inspectInput leaves them out. */
const rowsOf = (t: TokenInspection, i: Inspection, timeZone: string | undefined): ClaimRow[] =>
  t.claims ? claimRows(t.claims, i.checkedAt, timeZone) : [];

/**
 * The inspection as --json prints it: every token with its claimRows right after its classification, as the CLI's
 * JSON has always had them.
 */
export function inspectionJson(i: Inspection, timeZone: string | undefined): unknown {
  return {
    ...i,
    tokens: i.tokens.map((t) => {
      const { findings, verdict, signature, ...head } = t;
      return { ...head, claimRows: rowsOf(t, i, timeZone), findings, verdict, signature };
    }),
  };
}

export function renderInspection(
  i: Inspection,
  signatures: ReadonlyMap<number, VerifyResult>,
  timeZone?: string,
): string {
  const lines: string[] = [];
  lines.push(`Input: ${KIND_LABEL[i.input.kind]}; ${i.tokens.length} token${i.tokens.length === 1 ? '' : 's'} found.`);
  if (i.xoauth2User !== undefined) lines.push(`XOAUTH2 user=${oneLine(i.xoauth2User)}`);
  if (i.findings.length > 0) renderFindings(lines, i.findings, '  ');
  for (const t of i.tokens) renderToken(lines, t, signatures.get(t.index), rowsOf(t, i, timeZone));
  lines.push(
    '',
    `${i.errorCount} error${i.errorCount === 1 ? '' : 's'}, ${i.warningCount} warning${i.warningCount === 1 ? '' : 's'} (clock skew allowed: ${i.clockSkewSeconds} s).`,
  );
  return `${lines.join('\n')}\n`;
}

export const inspectCommand: CliCommand = defineCommand(SPEC, async (args, io, usage) => {
  const p = parsedOf(args);
  const expectations = expectationsFrom(p);
  if (typeof expectations === 'string') return usage(expectations);
  const input = p.source === undefined || p.source === '-' ? await io.readStdin() : p.source;
  const timeZone = one(p, '--time-zone');
  const inspection = inspectInput(input, { expectations, timeZone });
  const unusable =
    inspection.tokens.length === 0 &&
    inspection.findings.some((f) => f.code === 'INPUT_EMPTY' || f.code === 'INPUT_NO_TOKEN');
  if (unusable) {
    // Said once: as JSON on stdout for scripts, or as the finding's own sentence on stderr for a person.
    if (p.json) io.stdout(`${JSON.stringify(inspectionJson(inspection, timeZone), null, 2)}\n`);
    else
      io.stderr(
        inspection.findings
          .filter((f) => f.severity === 'error' || f.code === 'INPUT_TRUNCATED')
          .map((f) => `${oneLine(f.message)}\n${oneLine(f.nextStep)}\n`)
          .join(''),
      );
    return EXIT_USAGE;
  }

  const signatures = new Map<number, VerifyResult>();
  if (p.verify) {
    const verifier = createTokenVerifier();
    const values = extractTokens(input).tokens;
    for (const t of inspection.tokens) {
      const value = values[t.index]?.value;
      if (t.format === 'jwt' && value !== undefined && t.signature.status === 'unchecked')
        signatures.set(t.index, await verifier.verify({ token: value }));
    }
  }
  const sigFailed = [...signatures.values()].some(
    (s) => s.status === 'invalid-signature' || s.status === 'untrusted-issuer',
  );

  if (p.json) {
    const json = inspectionJson(inspection, timeZone) as Record<string, unknown>;
    const out = signatures.size === 0 ? json : { ...json, signatures: Object.fromEntries(signatures) };
    io.stdout(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    io.stdout(renderInspection(inspection, signatures, timeZone));
  }
  return inspection.errorCount > 0 || sigFailed ? EXIT_FINDINGS : EXIT_OK;
});
