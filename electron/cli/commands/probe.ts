// `probe`: live IMAP / POP / SMTP / Graph probes with an access token read from standard input.
// Exit 0 = every probe ok, 1 = any probe failed, 2 = unusable input. Never writes to the mailbox.
import { CLOUD_LIST, isCloudId } from '../../../shared/cloud/clouds';
import {
  MAX_CA_PEM_CHARS,
  MAX_PROBE_TOKEN_CHARS,
  PROBE_PROTOCOLS,
  ProbeTargetSchema,
  type ProbeEndpointOverride,
  type ProbeResult,
  type ProbeTimings,
} from '../../../shared/probes/schema';
import { CodedError } from '../../../shared/result';
import type { ClientCertificate } from '../../services/app-only/certificate-file';
import { runProbes } from '../../services/probes/run-probes';
import { authorityOf } from '../../../shared/cloud/hosts';
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
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CliCommand } from '../command';
import {
  MAX_SECRET_CHARS,
  SHARED_FLAGS,
  appOnlyFlag,
  checkWholeNumber,
  describeIssues,
  flagWith,
  readCaFile,
  readStdinValue,
  defineCommand,
} from '../inputs';
import { oneLine } from '../terminal-safe';

const SPEC: CommandSpec = {
  name: 'probe',
  summary: 'Prove the mailbox opens: IMAP, POP, SMTP and Graph with an access token.',
  synopsis:
    '--protocol <imap|pop|smtp|graph> --mailbox <address> (--token-stdin | --app-only --tenant <t> --client-id <guid> (--secret-stdin | --cert-file <pem>) [--canary <address>] [--show-subject]) [options]',
  description: `Logs in with the token and runs one read-only command per protocol; it never writes to the mailbox.
With --app-only the app gets its own tokens (client credentials) for Graph and Exchange, shows their roles, probes
Graph, IMAP, POP and SMTP AUTH with them and, with --canary, proves whether the app is limited to its mailbox.`,
  maxPositionals: 0,
  flags: [
    {
      name: '--protocol',
      value: '<p>',
      multiple: true,
      help: `${PROBE_PROTOCOLS.join(' | ')}; repeat it or give a comma list (imap,smtp)`,
    },
    flagWith(SHARED_FLAGS.mailbox, 'the mailbox: user= in XOAUTH2 (the shared mailbox in delegate mode)'),
    { name: '--token-stdin', help: 'read the access token from standard input (never pass it as an argument)' },
    flagWith(SHARED_FLAGS.cloud, `${CLOUD_LIST.map((c) => c.id).join(' | ')} (default global; custom needs --host)`),
    { name: '--host', value: '<host>', help: "probe this host instead of the cloud's (on-premises hybrids, tests)" },
    { name: '--port', value: '<n>', help: 'port to use (only with a single --protocol)' },
    flagWith(SHARED_FLAGS.caFile, 'extra CA certificate(s), PEM, trusted in addition to the system roots'),
    {
      name: '--timeout',
      value: '<ms>',
      help: 'bound for each phase (connect, TLS, auth, first command), default 15000',
    },
    APP_ONLY_FLAG,
    appOnlyFlag(SHARED_FLAGS.tenant),
    appOnlyFlag(SHARED_FLAGS.clientId),
    appOnlyFlag(SHARED_FLAGS.secretStdin, 'read the client secret from standard input'),
    CERT_FILE_FLAG,
    appOnlyFlag(SHARED_FLAGS.authority),
    CANARY_FLAG,
    SHOW_SUBJECT_FLAG,
    {
      name: '--graph-target',
      value: '<t>',
      help: 'mailbox (GET /users/{mailbox}/mailFolders/inbox, default) | me (GET /me)',
    },
  ],
  limits: [
    `--secret-stdin reads one client secret of at most ${MAX_SECRET_CHARS.toLocaleString('en-US')} characters; surrounding white space is dropped, an empty input is refused.`,
    `--token-stdin reads one access token of at most ${MAX_PROBE_TOKEN_CHARS.toLocaleString('en-US')} characters; surrounding white space is dropped, an empty input is refused.`,
    `--ca-file is read whole and must be PEM of at most ${MAX_CA_PEM_CHARS.toLocaleString('en-US')} characters.`,
  ],
  exitCodes: {
    0: 'every probe logged in (with --canary: the app did not reach the canary, or that could not be proven)',
    1: 'a probe failed (login refused, connection or TLS failure, timeout); with --app-only also: no token, a missing role, or the canary reached',
    2: 'usage error or unusable input (no token, an unreadable CA file, an unknown protocol)',
  },
};

/** The option a field of ProbeTargetSchema comes from, for messages about a refused value. */
const FIELD_OPTION: Readonly<Record<string, string>> = {
  mailbox: '--mailbox',
  protocols: '--protocol',
  cloud: '--cloud',
  overrides: '--host, --port or --ca-file',
  phaseTimeoutMs: '--timeout',
};

const HOST = /^[A-Za-z0-9.-]{1,253}$|^\[[0-9A-Fa-f:.]{2,45}\]$/;

/** The first thing wrong with the option values, as one sentence, or undefined. */
function checkValues(values: Readonly<Record<string, string>>, protocols: readonly string[]): string | undefined {
  if (protocols.length === 0) return `Choose at least one --protocol (${PROBE_PROTOCOLS.join(', ')}).`;
  const bad = protocols.filter((p) => !(PROBE_PROTOCOLS as readonly string[]).includes(p));
  if (bad.length > 0)
    return `--protocol: ${bad.map((b) => `"${oneLine(b)}"`).join(', ')} ${bad.length === 1 ? 'is not a protocol' : 'are not protocols'} this command probes. Use ${PROBE_PROTOCOLS.join(', ')}.`;
  if (new Set(protocols).size !== protocols.length) return '--protocol: name each protocol once.';
  const mailbox = values['--mailbox'];
  if (mailbox === undefined) return '--mailbox is required: the mailbox address (user= in XOAUTH2).';
  if (!/^[^\s@]{1,200}@[^\s@]{1,200}$/.test(mailbox))
    return `--mailbox "${oneLine(mailbox.slice(0, 100))}" is not an e-mail address.`;
  const cloud = values['--cloud'];
  if (cloud !== undefined && !isCloudId(cloud))
    return `--cloud "${oneLine(cloud)}" is not a cloud this app knows. Use one of: ${CLOUD_LIST.map((c) => c.id).join(', ')}.`;
  const host = values['--host'];
  if (host !== undefined && !HOST.test(host))
    return `--host "${oneLine(host.slice(0, 100))}" is not a host name or IP address.`;
  const port = values['--port'];
  if (port !== undefined) {
    if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535)
      return `--port "${oneLine(port)}" is not a port number (1-65535).`;
    if (protocols.length !== 1) return '--port applies to one protocol; probe one --protocol at a time with --port.';
  }
  const timeout = values['--timeout'];
  if (timeout !== undefined)
    return checkWholeNumber('--timeout', timeout, { min: 100, max: 120_000 }, 'a number of milliseconds');
  return undefined;
}

function timingLine(t: ProbeTimings): string {
  const parts = (
    [
      ['connect', t.connect],
      ['tls', t.tls],
      ['auth', t.auth],
      ['first command', t.firstCommand],
    ] as const
  )
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k} ${Math.round(v ?? 0)} ms`);
  return [...parts, `total ${Math.round(t.total)} ms`].join(' · ');
}

function render(results: readonly ProbeResult[]): string {
  return results
    .map((r) => {
      const lines = [
        `${r.protocol.toUpperCase().padEnd(6)} ${r.outcome.padEnd(27)} ${r.endpoint}`,
        `       ${timingLine(r.timings)}`,
        `       ${r.explanation}`,
      ];
      if (r.outcome !== 'ok') {
        lines.push(`       Next: ${r.nextStep}`);
        for (const w of r.serverWords.slice(-3)) lines.push(`       server: ${oneLine(w)}`);
      }
      return `${lines.join('\n')}\n`;
    })
    .join('');
}

export const probeCommand: CliCommand = defineCommand(SPEC, async (parsed, io, usage) => {
  const values = parsed.values;
  const json = parsed.switches.has('--json');
  const tokenStdin = parsed.switches.has('--token-stdin');
  const protocols = (parsed.lists['--protocol'] ?? []).flatMap((v) =>
    v
      .split(',')
      .map((p) => p.trim().toLowerCase())
      .filter(Boolean),
  );
  if (parsed.switches.has('--app-only')) {
    if (tokenStdin)
      return usage(
        '--app-only gets its own tokens: leave --token-stdin out and pipe the client secret in with --secret-stdin.',
      );
    const wrongAppOnly =
      checkAppOnlyValues(values, parsed.switches) ??
      checkValues(values, protocols) ??
      checkShowSubject(parsed.switches, appOnlyProtocolsOf(protocols), 'add --protocol graph');
    if (wrongAppOnly !== undefined) return usage(wrongAppOnly);
    return probeAppOnly(values, protocols, parsed.switches.has('--show-subject'), json, io, usage);
  }
  const wrongCanary = checkAppOnlyValues(values, parsed.switches);
  if (wrongCanary !== undefined) return usage(wrongCanary);
  if (!tokenStdin)
    return usage(
      'Give the token on standard input with --token-stdin (tokens on the command line end up in shell history).',
    );
  const wrong = checkValues(values, protocols);
  if (wrong !== undefined) return usage(wrong);
  const port = values['--port'] === undefined ? undefined : Number(values['--port']);
  const timeout = values['--timeout'] === undefined ? undefined : Number(values['--timeout']);
  let caPem: string | undefined;
  if (values['--ca-file'] !== undefined) {
    const read = await readCaFile('--ca-file', values['--ca-file'], MAX_CA_PEM_CHARS);
    if (!read.ok) return usage(read.why);
    caPem = read.value;
  }
  const override: ProbeEndpointOverride = {
    ...(values['--host'] === undefined ? {} : { host: values['--host'] }),
    ...(port === undefined ? {} : { port }),
    ...(caPem === undefined ? {} : { caPem }),
  };
  const hasOverride = Object.keys(override).length > 0;
  const target = ProbeTargetSchema.safeParse({
    mailbox: values['--mailbox'],
    protocols,
    cloud: values['--cloud'] ?? 'global',
    ...(timeout === undefined ? {} : { phaseTimeoutMs: timeout }),
    ...(hasOverride ? { overrides: Object.fromEntries(protocols.map((p) => [p, override])) } : {}),
  });
  if (!target.success) return usage(describeIssues(FIELD_OPTION, target.error.issues));
  const graphTarget = values['--graph-target'];
  if (graphTarget !== undefined && graphTarget !== 'mailbox' && graphTarget !== 'me')
    return usage(`--graph-target "${oneLine(graphTarget)}" is not a target: use mailbox or me.`);
  const read = await readStdinValue(io, {
    option: '--token-stdin',
    what: 'token',
    kindName: 'an access token',
    maxChars: MAX_PROBE_TOKEN_CHARS,
    trim: 'all',
    emptyHint: 'Pipe the access token in (e.g. from a file).',
  });
  if (!read.ok) return usage(read.why);
  const token = read.value;

  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    const run = await runProbes(
      { ...target.data, accessToken: token, ...(graphTarget === undefined ? {} : { graphTarget }) },
      controller.signal,
    );
    if (json)
      io.stdout(
        `${JSON.stringify({ mailbox: target.data.mailbox, token: run.token, results: run.results }, null, 2)}\n`,
      );
    else {
      const who =
        run.token.identity === undefined
          ? 'an undecodable token'
          : `a token for ${run.token.identity}${run.token.expired ? ' (EXPIRED)' : ''}`;
      io.stdout(`Probing ${oneLine(target.data.mailbox)} with ${oneLine(who)}\n\n${render(run.results)}`);
    }
    return run.results.every((r) => r.outcome === 'ok') ? EXIT_OK : EXIT_FINDINGS;
  } catch (e) {
    if (e instanceof CodedError) {
      io.stderr(`${e.code}: ${e.message}\n${e.nextStep}\n`);
      return EXIT_USAGE;
    }
    throw e;
  } finally {
    process.off('SIGINT', onSigint);
  }
});

/** `probe --app-only`: the overrides, the authority and the secret or certificate, then the shared app-only run. */
async function probeAppOnly(
  values: Readonly<Record<string, string>>,
  protocols: readonly string[],
  showSubject: boolean,
  json: boolean,
  io: Parameters<CliCommand['run']>[1],
  usage: (why: string) => number,
): Promise<number> {
  const authorityArg = values['--authority'];
  if (authorityArg !== undefined && !/^https:\/\/[^/]+\/?$/.test(authorityArg))
    return usage(`--authority "${oneLine(authorityArg.slice(0, 200))}" is not https://host[:port].`);
  const cloud = authorityArg !== undefined ? 'custom' : (values['--cloud'] ?? 'global');
  if (!isCloudId(cloud)) return usage(`--cloud "${oneLine(cloud)}" is not a cloud this app knows.`);
  const tenant = values['--tenant'] ?? '';
  const authority =
    authorityArg !== undefined
      ? `${authorityArg.replace(/\/$/, '')}/${encodeURIComponent(tenant)}`
      : authorityOf({ cloud, tenant })?.authority;
  if (authority === undefined) return usage('--cloud custom needs --authority with --app-only.');
  let caPem: string | undefined;
  if (values['--ca-file'] !== undefined) {
    const read = await readCaFile('--ca-file', values['--ca-file'], MAX_CA_PEM_CHARS);
    if (!read.ok) return usage(read.why);
    caPem = read.value;
  }
  const port = values['--port'] === undefined ? undefined : Number(values['--port']);
  const override: ProbeEndpointOverride = {
    ...(values['--host'] === undefined ? {} : { host: values['--host'] }),
    ...(port === undefined ? {} : { port }),
    ...(caPem === undefined ? {} : { caPem }),
  };
  let credential: { clientSecret: string } | { certificate: ClientCertificate };
  if (values['--cert-file'] !== undefined) {
    const read = await readCertFileOption(values['--cert-file']);
    if (!read.ok) return usage(read.why);
    credential = { certificate: read.cert };
  } else {
    const secret = await readStdinValue(io, {
      option: '--secret-stdin',
      what: 'secret',
      kindName: 'a client secret',
      maxChars: MAX_SECRET_CHARS,
      trim: 'all',
      emptyHint: 'Pipe the secret Value in, e.g. from a password manager.',
      tooLongHint: '; pipe the secret Value alone',
    });
    if (!secret.ok) return usage(secret.why);
    credential = { clientSecret: secret.value };
  }
  const appProtocols = appOnlyProtocolsOf(protocols);
  const timeout = values['--timeout'];
  return runAppOnlyCommand(
    {
      authority,
      cloud,
      clientId: values['--client-id'] ?? '',
      ...credential,
      mailbox: values['--mailbox'] ?? '',
      protocols: appProtocols,
      ...(values['--canary'] === undefined ? {} : { canary: values['--canary'] }),
      ...(showSubject ? { showSubject: true } : {}),
      ...(Object.keys(override).length === 0
        ? {}
        : { overrides: Object.fromEntries([...appProtocols, 'graph'].map((p) => [p, override])) }),
      ...(caPem === undefined ? {} : { ca: caPem }),
      ...(timeout === undefined ? {} : { phaseTimeoutMs: Number(timeout) }),
    },
    json,
    io,
  );
}
