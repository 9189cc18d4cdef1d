// `inspect <token|->`: extract, decode, explain and check every token in the argument or standard input
// (raw JWT, Bearer header, token response JSON, XOAUTH2 blob, log line). --verify also checks signatures of
// verifiable tokens against the issuer's keys (network). Tokens themselves are never printed, only previews.
// Exit 0 = no error-level finding, 1 = error-level findings, 2 = unusable input or usage.
import {
  extractTokens,
  inspectInput,
  requirementFor,
  type Expectations,
  type Inspection,
  type Protocol,
  type TokenInspection,
} from '../../../shared/tokens';
import { ProtocolSchema } from '../../../shared/tokens/schema';
import { createTokenVerifier, type VerifyResult } from '../../services/tokens/token-verifier';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CliCommand } from '../command';

const USAGE = `Usage: mailbox-auth-helper inspect <token|-> [options]

Reads a token, "Bearer …", an Authorization header, a token response (JSON), a base64 XOAUTH2 blob or a
log line; "-" (or no argument) reads standard input.

Options:
  --expect-account <upn>   the account that should have signed in (for a shared mailbox: the delegate)
  --mailbox <address>      the mailbox the product opens (XOAUTH2 user=)
  --tenant <id|domain>     expected tenant
  --client-id <guid>       expected Application (client) id
  --protocol <name>        ${ProtocolSchema.options.join(' | ')}
  --mode <mode>            delegated | app-only | either (default either)
  --scope <name>           an extra delegated scope that must be present (repeatable)
  --expect-refresh-token   an error if a token response has no refresh token
  --verify                 check signatures of verifiable tokens (ID tokens) against the issuer's keys
  --time-zone <iana>       time zone for local times (default this computer's)
  --json                   machine-readable output (the inspection as the app returns it)`;

const VALUE_FLAGS = new Set([
  '--expect-account',
  '--mailbox',
  '--tenant',
  '--client-id',
  '--protocol',
  '--mode',
  '--scope',
  '--time-zone',
]);

interface Parsed {
  readonly source: string | undefined;
  readonly values: Map<string, string[]>;
  readonly json: boolean;
  readonly verify: boolean;
  readonly expectRefresh: boolean;
}

function parse(argv: readonly string[]): Parsed | string {
  const values = new Map<string, string[]>();
  let source: string | undefined;
  let json = false;
  let verify = false;
  let expectRefresh = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--json') json = true;
    else if (a === '--verify') verify = true;
    else if (a === '--expect-refresh-token') expectRefresh = true;
    else if (VALUE_FLAGS.has(a)) {
      const v = argv[i + 1];
      if (v === undefined) return `${a} needs a value.`;
      values.set(a, [...(values.get(a) ?? []), v]);
      i++;
    } else if (a.startsWith('--')) return `Unknown option ${a}.`;
    else if (source === undefined) source = a;
    else return 'Give one token (or "-" for standard input); quote a pasted log line.';
  }
  return { source, values, json, verify, expectRefresh };
}

const one = (p: Parsed, flag: string): string | undefined => p.values.get(flag)?.at(-1);

function expectationsFrom(p: Parsed): Expectations | string {
  const protocol = one(p, '--protocol');
  const mode = one(p, '--mode') ?? 'either';
  if (protocol !== undefined && !ProtocolSchema.options.includes(protocol as Protocol))
    return `Unknown protocol "${protocol}". Use one of: ${ProtocolSchema.options.join(', ')}.`;
  if (mode !== 'delegated' && mode !== 'app-only' && mode !== 'either')
    return `Unknown mode "${mode}". Use delegated, app-only or either.`;
  const account = one(p, '--expect-account');
  const mailbox = one(p, '--mailbox');
  const tenant = one(p, '--tenant');
  const clientId = one(p, '--client-id');
  const scopes = p.values.get('--scope');
  return {
    ...(account ? { expectedAccount: account } : {}),
    ...(mailbox ? { mailbox } : {}),
    ...(tenant ? { tenant } : {}),
    ...(clientId ? { clientId } : {}),
    ...(scopes ? { requiredScopes: scopes } : {}),
    ...(protocol ? { requirement: requirementFor(protocol as Protocol, mode) } : {}),
    ...(p.expectRefresh ? { expectRefreshToken: true } : {}),
  };
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
    lines.push(`${indent}${f.severity.toUpperCase().padEnd(7)} ${f.code}${f.field ? ` [${f.field}]` : ''}`);
    lines.push(`${indent}        ${f.message}`);
    lines.push(`${indent}        Next: ${f.nextStep}`);
  }
}

function renderToken(lines: string[], t: TokenInspection, sig: VerifyResult | undefined): void {
  lines.push('', `Token ${t.index + 1}: ${t.origin} (${t.format}, ${t.preview}, ${t.length} characters)`);
  lines.push(`  ${t.verdict}`);
  if (sig) lines.push(`  Signature: ${sig.status} (${sig.code}) — ${sig.reason}`);
  else if (t.format === 'jwt') lines.push(`  Signature: ${t.signature.status} — ${t.signature.reason}`);
  if (t.findings.length > 0) {
    lines.push('  Findings:');
    renderFindings(lines, t.findings, '    ');
  }
  if (t.header) lines.push(`  Header: ${JSON.stringify(t.header)}`);
  if (t.claimRows.length > 0) {
    lines.push('  Claims:');
    const width = Math.min(20, Math.max(...t.claimRows.map((r) => r.name.length)));
    for (const r of t.claimRows) {
      const value = r.time
        ? `${r.display}  (${r.time.utc}; ${r.time.local}; ${r.time.relative})`
        : r.display.length > 120
          ? `${r.display.slice(0, 117)}…`
          : r.display;
      lines.push(`    ${r.name.padEnd(width)}  ${value}`);
      lines.push(`    ${''.padEnd(width)}  ${r.meaning}`);
    }
  }
}

export function renderInspection(i: Inspection, signatures: ReadonlyMap<number, VerifyResult>): string {
  const lines: string[] = [];
  lines.push(`Input: ${KIND_LABEL[i.input.kind]}; ${i.tokens.length} token${i.tokens.length === 1 ? '' : 's'} found.`);
  if (i.xoauth2User !== undefined) lines.push(`XOAUTH2 user=${i.xoauth2User}`);
  if (i.findings.length > 0) renderFindings(lines, i.findings, '  ');
  for (const t of i.tokens) renderToken(lines, t, signatures.get(t.index));
  lines.push(
    '',
    `${i.errorCount} error${i.errorCount === 1 ? '' : 's'}, ${i.warningCount} warning${i.warningCount === 1 ? '' : 's'} (clock skew allowed: ${i.clockSkewSeconds} s).`,
  );
  return `${lines.join('\n')}\n`;
}

export const inspectCommand: CliCommand = {
  name: 'inspect',
  summary: 'Decode, explain and check a token, token response, XOAUTH2 blob or log line.',
  usage: USAGE,
  async run(argv, io) {
    const p = parse(argv);
    if (typeof p === 'string') {
      io.stderr(`${p}\n\n${USAGE}\n`);
      return EXIT_USAGE;
    }
    const expectations = expectationsFrom(p);
    if (typeof expectations === 'string') {
      io.stderr(`${expectations}\n`);
      return EXIT_USAGE;
    }
    const input = p.source === undefined || p.source === '-' ? await io.readStdin() : p.source;
    const inspection = inspectInput(input, { expectations, timeZone: one(p, '--time-zone') });
    const unusable =
      inspection.tokens.length === 0 &&
      inspection.findings.some((f) => f.code === 'INPUT_EMPTY' || f.code === 'INPUT_NO_TOKEN');

    const signatures = new Map<number, VerifyResult>();
    if (p.verify && !unusable) {
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
      const out = signatures.size === 0 ? inspection : { ...inspection, signatures: Object.fromEntries(signatures) };
      io.stdout(`${JSON.stringify(out, null, 2)}\n`);
    } else {
      io.stdout(renderInspection(inspection, signatures));
    }
    if (unusable) {
      if (!p.json) io.stderr('No token found in the input.\n');
      return EXIT_USAGE;
    }
    return inspection.errorCount > 0 || sigFailed ? EXIT_FINDINGS : EXIT_OK;
  },
};
