// `audit`: reads a product's app registration, its enterprise application and the mailbox through Microsoft Graph
// (read-only) and prints every finding, for scheduled runs. The Graph token comes from standard input (an admin's,
// e.g. from Microsoft Graph PowerShell or the Azure CLI) or from an app-only registration with the read roles
// (client credentials, secret from standard input); it is used for the reads and never printed. Options follow the
// CLI convention (args.ts): declared once in SPEC, each refused value said once in the option's words, and the app's
// directory text (names, descriptions, Graph's answers) printed on one line through oneLine.
import { ConfidentialClientApplication } from '@azure/msal-node';
import { processAudit, type AuditOutcome } from '../../../shared/audit/process';
import { AuditTargetSchema, type AuditTarget } from '../../../shared/audit/schema';
import { GRAPH_READS } from '../../../shared/audit/graph-calls';
import { MAX_CA_PEM_CHARS } from '../../../shared/cloud/host-port';
import { authorityOf, hostsFor } from '../../../shared/cloud/hosts';
import { MAX_PROBE_TOKEN_CHARS } from '../../../shared/probes/schema';
import { caFetchLike, graphBaseOf } from '../../services/audit/audit-service';
import { createGraphReader } from '../../services/audit/graph-reader';
import { readDirectory } from '../../services/audit/read-directory';
import { fromMsalError } from '../../services/authorize/authorize-service';
import { createNetworkModule } from '../../services/authorize/msal-network';
import { globalFetch } from '../../services/diagnose/online-requests';
import { ProfileStore } from '../../services/profiles/profile-store';
import { unavailableVault } from '../../services/profiles/vault';
import type { CommandSpec } from '../args';
import { EXIT_FINDINGS, EXIT_OK, type CliCommand } from '../command';
import {
  MAX_SECRET_CHARS,
  SHARED_FLAGS,
  describeIssues,
  flagWith,
  readCaFile,
  readStdinValue,
  defineCommand,
  readProductTarget,
} from '../inputs';
import { defaultDataDir } from '../data-dir';
import { renderFindings } from '../render-findings';
import { oneLine } from '../terminal-safe';

const MODES = ['delegated', 'app-only'] as const;
const GRAPH_PERMISSIONS = GRAPH_READS.map((r) => r.permission).filter((p, i, a) => a.indexOf(p) === i);

const SPEC: CommandSpec = {
  name: 'audit',
  summary: "Audit a product's app registration, enterprise app and mailbox through Microsoft Graph (read-only).",
  synopsis:
    '--preset <id> --tenant <id|domain> --client-id <guid> (--token-stdin | --app-id <guid> --app-secret-stdin) [options]',
  description: `Reads the product's app registration, its enterprise application and the mailbox through Microsoft Graph
(read-only) and prints every finding. The Graph token needs ${GRAPH_PERMISSIONS.join(', ')} (delegated or application).`,
  maxPositionals: 0,
  flags: [
    SHARED_FLAGS.preset,
    SHARED_FLAGS.cloud,
    SHARED_FLAGS.authority,
    {
      name: '--graph-host',
      value: '<host>',
      help: "Microsoft Graph host of a custom authority (default: the authority's host)",
    },
    SHARED_FLAGS.caFile,
    SHARED_FLAGS.tenant,
    flagWith(SHARED_FLAGS.clientId, "Application (client) ID of the product's app registration"),
    SHARED_FLAGS.protocols,
    { name: '--mode', value: '<mode>', help: 'delegated (default) | app-only' },
    SHARED_FLAGS.redirectUri,
    SHARED_FLAGS.mailbox,
    {
      name: '--sign-in',
      value: '<address>',
      help: 'the account that signs in, when a delegate signs in for a shared mailbox',
    },
    {
      name: '--token-stdin',
      help: 'read a Microsoft Graph access token from standard input (never pass it as an argument)',
    },
    {
      name: '--app-id',
      value: '<guid>',
      help: 'an app registration with the read permissions as application permissions',
    },
    { name: '--app-secret-stdin', help: "read that app's client secret from standard input" },
    {
      name: '--save-to-profile',
      value: '<name>',
      help: 'keep the secret end dates in this saved profile (name or id), for watch',
    },
    { name: '--profiles-dir', value: '<dir>', help: `the app's data folder (default ${defaultDataDir({})})` },
  ],
  limits: [
    `--token-stdin reads one access token of at most ${MAX_PROBE_TOKEN_CHARS.toLocaleString('en-US')} characters, --app-secret-stdin one secret of at most ${MAX_SECRET_CHARS.toLocaleString('en-US')}; surrounding white space (and a leading "Bearer ") is dropped, an empty input is refused.`,
    `--ca-file is read whole and must be PEM of at most ${MAX_CA_PEM_CHARS.toLocaleString('en-US')} characters.`,
    'Tenant, client ID, accounts and the redirect URL have the same length limits as in the app; longer values are refused, not cut.',
  ],
  exitCodes: {
    0: 'no error-level finding',
    1: 'an error-level finding, or the audit could not get a token or read the registration',
    2: 'usage error or unusable input (no token source, an empty token or secret, an unreadable CA file, an unknown saved profile)',
  },
};

/** The option a field of AuditTargetSchema comes from, for messages about a refused value. */
const FIELD_OPTION: Readonly<Record<string, string>> = {
  presetId: '--preset',
  cloud: '--cloud',
  customAuthority: '--authority or --graph-host',
  tenant: '--tenant',
  clientId: '--client-id',
  protocols: '--protocols',
  mode: '--mode',
  redirectUri: '--redirect-uri',
  mailbox: '--mailbox',
  signInAccount: '--sign-in',
};

/** The first thing wrong with the option values, as one sentence, or undefined. */
function checkValues(values: Readonly<Record<string, string>>, switches: ReadonlySet<string>): string | undefined {
  const tokenStdin = switches.has('--token-stdin');
  const appId = values['--app-id'];
  if (tokenStdin === (appId !== undefined))
    return 'Give exactly one of --token-stdin or --app-id (with --app-secret-stdin).';
  if ((appId !== undefined) !== switches.has('--app-secret-stdin'))
    return '--app-id and --app-secret-stdin go together.';
  const target = readProductTarget(values, 'the product to audit');
  if (!target.ok) return target.why;
  const mode = values['--mode'];
  if (mode !== undefined && !(MODES as readonly string[]).includes(mode))
    return `--mode "${oneLine(mode)}" is not a mode this command knows. Use ${MODES.join(' or ')}.`;
  const authority = values['--authority'];
  if (authority !== undefined && !/^https:\/\/[^/]+\/?$/.test(authority))
    return `--authority "${oneLine(authority.slice(0, 200))}" is not https://host[:port].`;
  return undefined;
}

/** The audited target from the options; a custom authority is the emulator or a test tenant. */
function targetOf(v: Readonly<Record<string, string>>): ReturnType<typeof AuditTargetSchema.safeParse> {
  const authority = v['--authority'];
  const authorityHost = authority === undefined ? undefined : new URL(authority).host;
  return AuditTargetSchema.safeParse({
    presetId: v['--preset'],
    cloud: authorityHost !== undefined ? 'custom' : (v['--cloud'] ?? 'global'),
    ...(authorityHost === undefined
      ? {}
      : {
          customAuthority: {
            authorityHost,
            graphHost: v['--graph-host'] ?? authorityHost,
            outlookResourceHost: authorityHost,
          },
        }),
    tenant: v['--tenant'] ?? '',
    clientId: v['--client-id'] ?? '',
    protocols: (v['--protocols'] ?? 'imap')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    ...(v['--mode'] === undefined ? {} : { mode: v['--mode'] }),
    ...(v['--redirect-uri'] === undefined ? {} : { redirectUri: v['--redirect-uri'] }),
    ...(v['--mailbox'] === undefined ? {} : { mailbox: v['--mailbox'] }),
    ...(v['--sign-in'] === undefined ? {} : { signInAccount: v['--sign-in'] }),
  });
}

/** A Graph token for an app-only registration with the read roles (client credentials through MSAL-node). */
async function appOnlyToken(
  target: AuditTarget,
  appId: string,
  secret: string,
  ca: string | undefined,
): Promise<string> {
  const a = authorityOf(target);
  if (a === undefined) throw new Error('A custom authority needs its host (--authority).');
  const msal = new ConfidentialClientApplication({
    auth: { clientId: appId, clientSecret: secret, authority: a.authority, knownAuthorities: [a.host] },
    system: { networkClient: createNetworkModule(ca === undefined ? {} : { ca }) },
  });
  // A custom authority issues for Global's resource ids, as the authorize flow assumes too.
  const resource = `https://${hostsFor(target.cloud === 'custom' ? 'global' : target.cloud).graphHost.value}`;
  try {
    const r = await msal.acquireTokenByClientCredential({ scopes: [`${resource}/.default`] });
    if (!r) throw new Error('No token came back.');
    return r.accessToken;
  } catch (e) {
    const coded = fromMsalError(e);
    throw new Error(`${coded.code}: ${coded.message} Next step: ${coded.nextStep}`, { cause: e });
  }
}

function render(outcome: AuditOutcome, target: AuditTarget): string {
  const app = outcome.facts.application;
  const lines = [
    `Audit of ${app ? `${oneLine(app.displayName)} (${oneLine(app.appId)})` : target.clientId} in ${oneLine(target.tenant)}`,
    '',
    'Reads:',
    ...outcome.checks.map((c) => `  ${c.status.padEnd(9)} ${c.label}  [${c.permission}]`),
  ];
  if (app && app.credentials.length > 0)
    lines.push(
      '',
      'Credentials:',
      ...app.credentials.map(
        (c) =>
          `  ${c.kind.padEnd(11)} ${oneLine(c.description || '(no description)').padEnd(20)} ${oneLine(c.keyId)}  ends ${oneLine(c.endsAt ?? '?')}`,
      ),
    );
  lines.push('', `Findings (${outcome.findings.length}):`, renderFindings(outcome.findings));
  return `${lines.join('\n')}`;
}

export const auditCommand: CliCommand = defineCommand(SPEC, async (parsed, io, usage) => {
  const { values, switches } = parsed;
  const wrong = checkValues(values, switches);
  if (wrong !== undefined) return usage(wrong);
  const json = switches.has('--json');
  const tokenStdin = switches.has('--token-stdin');
  const appId = values['--app-id'];
  const t = targetOf(values);
  if (!t.success) return usage(describeIssues(FIELD_OPTION, t.error.issues));
  const target = t.data;
  let ca: string | undefined;
  const caFile = values['--ca-file'];
  if (caFile !== undefined) {
    const read = await readCaFile('--ca-file', caFile, MAX_CA_PEM_CHARS);
    if (!read.ok) return usage(read.why);
    ca = read.value;
  }
  const what = tokenStdin ? 'token' : 'secret';
  const read = await readStdinValue(io, {
    option: tokenStdin ? '--token-stdin' : '--app-secret-stdin',
    what,
    maxChars: tokenStdin ? MAX_PROBE_TOKEN_CHARS : MAX_SECRET_CHARS,
    trim: 'all',
    emptyHint: `Pipe the ${what} in, e.g. from a password manager.`,
    tooLongHint: `; pipe the ${what} alone`,
  });
  if (!read.ok) return usage(read.why);
  const stdin = read.value;

  let token: string;
  try {
    token = tokenStdin ? stdin.replace(/^Bearer\s+/i, '') : await appOnlyToken(target, appId ?? '', stdin, ca);
  } catch (e) {
    io.stderr(`The audit token could not be obtained: ${oneLine(e instanceof Error ? e.message : String(e))}\n`);
    return EXIT_FINDINGS;
  }
  // The Graph reads trust the custom authority's CA the same way MSAL's requests do.
  const fetch = ca === undefined ? globalFetch : caFetchLike(ca);
  const reader = createGraphReader({ fetch, graphBase: graphBaseOf(target), accessToken: token });
  const readings = await readDirectory(reader, target);
  if (readings.application.status === 'denied' || readings.application.status === 'failed') {
    const r = readings.application;
    const need = GRAPH_READS[0];
    io.stderr(
      r.status === 'denied'
        ? `Microsoft Graph refused to read app registrations (${oneLine(r.code)}): the token lacks ${need?.permission ?? 'Application.Read.All'}.\nNext step: have a Global Administrator or Privileged Role Administrator grant admin consent for it to the app the token is for, then run again.\n`
        : `Microsoft Graph did not answer the audit (${oneLine(r.code)}): ${oneLine(r.message)}\n`,
    );
    return EXIT_FINDINGS;
  }
  const now = new Date();
  const outcome = processAudit(
    target,
    readings,
    now,
    appId === undefined ? { label: 'the app the token was issued to' } : { label: 'the audit job', clientId: appId },
  );
  let saved: { id: string; name: string } | undefined;
  const profile = values['--save-to-profile'];
  if (profile !== undefined && outcome.facts.application !== undefined) {
    const store = new ProfileStore({
      dir: values['--profiles-dir'] ?? defaultDataDir(io.env),
      vault: unavailableVault(),
    });
    const { profiles } = await store.list();
    const p = profiles.find((x) => x.id === profile || x.name.toLowerCase() === profile.toLowerCase());
    if (p === undefined)
      return usage(`--save-to-profile: no saved profile "${oneLine(profile)}" in ${oneLine(store.path)}.`);
    const { displayName: appName, credentials } = outcome.facts.application;
    await store.updateWatch(p.id, (w) => ({ ...w, audit: { auditedAt: now.toISOString(), appName, credentials } }));
    saved = { id: p.id, name: p.name };
  }
  if (json) {
    io.stdout(
      `${JSON.stringify({ auditedAt: now.getTime(), ...outcome, ...(saved ? { savedToProfile: saved } : {}) }, null, 2)}\n`,
    );
  } else {
    io.stdout(
      `${render(outcome, target)}${saved ? `\nSecret end dates kept in profile "${oneLine(saved.name)}".\n` : ''}`,
    );
  }
  return outcome.findings.some((f) => f.severity === 'error') ? EXIT_FINDINGS : EXIT_OK;
});
