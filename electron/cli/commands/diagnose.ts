// `diagnose`: offline lint of a product's OAuth configuration, plus the online checks with --online. Option values
// are checked here with messages that name the option (never a validator path): the product and cloud ids, each
// protocol, the expiry date as a real YYYY-MM-DD day, the timeout, and a secret that standard input must not leave
// empty.
import { lint, type DiagnoseFinding } from '../../../shared/diagnose';
import { DiagnoseInputSchema } from '../../../shared/diagnose/schema';
import { parseCalendarDate } from '../../../shared/text/calendar-date';
import type { ClientCertificate } from '../../services/app-only/certificate-file';
import { diagnoseOnline } from '../../services/diagnose/diagnose-online';
import { globalFetch } from '../../services/diagnose/online-requests';
import { authorityOf } from '../../../shared/cloud/hosts';
import { MAX_CA_PEM_CHARS } from '../../../shared/cloud/host-port';
import {
  APP_ONLY_FLAG,
  CANARY_FLAG,
  CERT_FILE_FLAG,
  SHOW_SUBJECT_FLAG,
  appOnlyProtocolsOf,
  checkShowSubject,
  checkAppOnlyValues,
  readCertFileOption,
  runAppOnlyCommand,
} from '../app-only';
import type { CommandSpec } from '../args';
import { EXIT_FINDINGS, EXIT_OK, type CliCommand } from '../command';
import {
  MAX_SECRET_CHARS,
  checkWholeNumber,
  describeIssues,
  readCaFile,
  readStdinValue,
  defineCommand,
  readProductTarget,
  SHARED_FLAGS,
  flagWith,
} from '../inputs';
import { oneLine } from '../terminal-safe';

const TIMEOUT_RANGE = { min: 100, max: 120_000 };

const SPEC: CommandSpec = {
  name: 'diagnose',
  summary: "Check a product's OAuth configuration offline (and online with --online).",
  synopsis:
    '--preset <id> --tenant <id|domain> --client-id <guid> [--app-only (--secret-stdin | --cert-file <pem>) --mailbox <address> [--canary <address>] [--show-subject]] [options]',
  description: `With --app-only it also tests the app's own identity (client credentials) against the mailbox with the
preset's Graph, IMAP, POP and SMTP protocols and, with --canary, proves whether the app is limited to that mailbox.`,
  maxPositionals: 0,
  flags: [
    SHARED_FLAGS.preset,
    SHARED_FLAGS.cloud,
    SHARED_FLAGS.protocols,
    SHARED_FLAGS.tenant,
    SHARED_FLAGS.clientId,
    SHARED_FLAGS.secretStdin,
    CERT_FILE_FLAG,
    { name: '--secret-expiry', value: '<date>', help: "the secret's Expires date, YYYY-MM-DD" },
    { name: '--authorize-url', value: '<url>', help: "the product's authorization URL" },
    { name: '--token-url', value: '<url>', help: "the product's token URL" },
    SHARED_FLAGS.redirectUri,
    { name: '--scopes', value: '<string>', help: 'the scope field exactly as entered in the product' },
    SHARED_FLAGS.mailbox,
    { name: '--sign-in', value: '<address>', help: 'the account that signs in (for a shared mailbox: the delegate)' },
    { name: '--online', help: 'also run the online checks (tenant, credentials, roles, redirect)' },
    flagWith(SHARED_FLAGS.authority, 'authority base for --online (e.g. the emulator), default from --cloud'),
    APP_ONLY_FLAG,
    CANARY_FLAG,
    SHOW_SUBJECT_FLAG,
    flagWith(SHARED_FLAGS.caFile, 'CA certificate (PEM) of a custom --authority (e.g. the emulator)'),
    {
      name: '--timeout',
      value: '<ms>',
      help: `per-check timeout for --online, ${TIMEOUT_RANGE.min}-${TIMEOUT_RANGE.max} (default 8000)`,
    },
  ],
  limits: [
    `--secret-stdin reads one secret of at most ${MAX_SECRET_CHARS.toLocaleString('en-US')} characters (a secret Value has 40); only the final line break of the pipe is dropped, and an empty input is refused.`,
    'Tenant, client ID and accounts: at most 512 characters each; URLs 4,096; scopes 16,384. Longer values are refused, not cut.',
  ],
  exitCodes: {
    0: 'no error-level finding',
    1: 'an error-level finding (offline, or from an online check); with --app-only also a failed probe, a missing role or the canary reached',
    2: 'usage error or an unusable value (unknown product, cloud or protocol, a date that does not exist, an empty secret)',
  },
};

/** The option a field of DiagnoseInputSchema comes from, for messages about a refused value. */
const FIELD_OPTION: Readonly<Record<string, string>> = {
  preset: '--preset',
  cloud: '--cloud',
  protocols: '--protocols',
  tenant: '--tenant',
  clientId: '--client-id',
  clientSecret: 'The secret on standard input',
  secretExpiry: '--secret-expiry',
  authorizeUrl: '--authorize-url',
  tokenUrl: '--token-url',
  redirectUri: '--redirect-uri',
  scopes: '--scopes',
  signInAccount: '--sign-in',
  mailbox: '--mailbox',
};

function render(findings: readonly DiagnoseFinding[]): string {
  if (findings.length === 0) return 'No problems found.\n';
  return findings
    .map(
      (f) =>
        `${f.severity.toUpperCase().padEnd(7)} ${f.code}  [${f.field}]\n        ${oneLine(f.message)}\n        Next: ${oneLine(f.nextStep)}\n`,
    )
    .join('');
}

/** The first thing wrong with the option values, as one sentence, or undefined. */
function checkValues(values: Readonly<Record<string, string>>): string | undefined {
  const target = readProductTarget(values, 'the product to check');
  if (!target.ok) return target.why;
  const expiry = values['--secret-expiry'];
  if (expiry !== undefined && parseCalendarDate(expiry) === undefined)
    return `--secret-expiry "${oneLine(expiry)}" is not a date that exists. Write it as YYYY-MM-DD, as the Expires column of Certificates & secrets shows it (e.g. 2026-05-31).`;
  const timeout = values['--timeout'];
  if (timeout !== undefined) {
    const wrong = checkWholeNumber('--timeout', timeout, TIMEOUT_RANGE, 'a number of milliseconds');
    if (wrong !== undefined) return wrong;
  }
  const authority = values['--authority'];
  if (authority !== undefined && !URL.canParse(authority))
    return `--authority "${oneLine(authority)}" is not a URL (e.g. https://login.microsoftonline.com).`;
  return undefined;
}

export const diagnoseCommand: CliCommand = defineCommand(SPEC, async (parsed, io, usage) => {
  const values = parsed.values;
  const wrong = checkValues(values) ?? checkAppOnlyValues(values, parsed.switches);
  if (wrong !== undefined) return usage(wrong);
  const protocolList = (values['--protocols'] ?? 'imap')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  // Before the secret is read from standard input, like every other mistyped option.
  if (parsed.switches.has('--app-only') && appOnlyProtocolsOf(protocolList).length === 0)
    return usage('--app-only tests graph-read, imap, pop or smtp: add one of them to --protocols.');
  const wrongSubject = parsed.switches.has('--app-only')
    ? checkShowSubject(parsed.switches, appOnlyProtocolsOf(protocolList), 'add graph-read to --protocols')
    : undefined;
  if (wrongSubject !== undefined) return usage(wrongSubject);
  let caPem: string | undefined;
  if (values['--ca-file'] !== undefined) {
    const read = await readCaFile('--ca-file', values['--ca-file'], MAX_CA_PEM_CHARS);
    if (!read.ok) return usage(read.why);
    caPem = read.value;
  }

  let secret: string | undefined;
  if (parsed.switches.has('--secret-stdin')) {
    // Read as typed, so a trailing space or a pasted Secret ID is still visible to the lint; only the pipe's
    // final line break is dropped.
    const read = await readStdinValue(io, {
      option: '--secret-stdin',
      what: 'secret',
      kindName: 'a client secret',
      maxChars: MAX_SECRET_CHARS,
      trim: 'final-line-break',
      emptyHint:
        'Pipe the secret Value in, e.g. from a password manager, or leave --secret-stdin out to check without it.',
      tooLongHint: '; pipe the secret Value alone',
    });
    if (!read.ok) return usage(read.why);
    secret = read.value;
  }
  const input = DiagnoseInputSchema.safeParse({
    preset: values['--preset'],
    cloud: values['--cloud'] ?? 'global',
    protocols: protocolList,
    tenant: values['--tenant'] ?? '',
    clientId: values['--client-id'] ?? '',
    redirectUri: values['--redirect-uri'] ?? '',
    scopes: values['--scopes'] ?? '',
    ...(secret === undefined ? {} : { clientSecret: secret }),
    ...(values['--secret-expiry'] === undefined ? {} : { secretExpiry: values['--secret-expiry'] }),
    ...(values['--authorize-url'] === undefined ? {} : { authorizeUrl: values['--authorize-url'] }),
    ...(values['--token-url'] === undefined ? {} : { tokenUrl: values['--token-url'] }),
    ...(values['--mailbox'] === undefined ? {} : { mailbox: values['--mailbox'] }),
    ...(values['--sign-in'] === undefined ? {} : { signInAccount: values['--sign-in'] }),
  });
  if (!input.success) return usage(describeIssues(FIELD_OPTION, input.error.issues));

  const offline = lint(input.data);
  if (parsed.switches.has('--app-only')) {
    const protocols = appOnlyProtocolsOf(input.data.protocols);
    const base = values['--authority']?.replace(/\/+$/, '');
    const authority =
      base === undefined
        ? authorityOf({ cloud: input.data.cloud, tenant: input.data.tenant })?.authority
        : `${base}/${encodeURIComponent(input.data.tenant)}`;
    if (authority === undefined) return usage('--cloud custom needs --authority with --app-only.');
    if (!parsed.switches.has('--json'))
      io.stdout(`Offline checks (${offline.length} finding${offline.length === 1 ? '' : 's'}):\n${render(offline)}\n`);
    let certificate: ClientCertificate | undefined;
    if (values['--cert-file'] !== undefined) {
      const read = await readCertFileOption(values['--cert-file']);
      if (!read.ok) return usage(read.why);
      certificate = read.cert;
    }
    // A custom authority (the emulator, a test tenant) serves Graph on its own host, as audit's --graph-host default.
    const graphHost = base === undefined ? undefined : new URL(base);
    const code = await runAppOnlyCommand(
      {
        authority,
        cloud: base === undefined ? input.data.cloud : 'custom',
        clientId: input.data.clientId,
        ...(certificate === undefined ? { clientSecret: input.data.clientSecret ?? '' } : { certificate }),
        mailbox: input.data.mailbox ?? '',
        protocols,
        ...(values['--canary'] === undefined ? {} : { canary: values['--canary'] }),
        ...(parsed.switches.has('--show-subject') ? { showSubject: true } : {}),
        ...(graphHost === undefined
          ? {}
          : {
              overrides: {
                graph: {
                  host: graphHost.hostname,
                  ...(graphHost.port === '' ? {} : { port: Number(graphHost.port) }),
                  ...(caPem === undefined ? {} : { caPem }),
                },
              },
            }),
        ...(caPem === undefined ? {} : { ca: caPem }),
      },
      parsed.switches.has('--json'),
      io,
    );
    return offline.some((f) => f.severity === 'error') ? EXIT_FINDINGS : code;
  }
  let onlineResult: Awaited<ReturnType<typeof diagnoseOnline>> | undefined;
  if (parsed.switches.has('--online')) {
    const timeout = values['--timeout'];
    onlineResult = await diagnoseOnline(input.data, {
      fetch: globalFetch,
      ...(values['--authority'] === undefined ? {} : { authorityBase: values['--authority'] }),
      ...(timeout === undefined ? {} : { timeoutMs: Number(timeout) }),
    });
  }
  const all = [...offline, ...(onlineResult?.findings ?? [])];
  if (parsed.switches.has('--json')) {
    io.stdout(`${JSON.stringify({ offline, ...(onlineResult ? { online: onlineResult } : {}) }, null, 2)}\n`);
  } else {
    io.stdout(`Offline checks (${offline.length} finding${offline.length === 1 ? '' : 's'}):\n${render(offline)}`);
    if (onlineResult) {
      io.stdout(
        `\nOnline checks:\n${onlineResult.checks.map((c) => `  ${c.label}: ${c.status} (${c.durationMs} ms)`).join('\n')}\n${render(onlineResult.findings)}`,
      );
    }
  }
  return all.some((f) => f.severity === 'error') ? EXIT_FINDINGS : EXIT_OK;
});
