// `audit`: reads a product's app registration, its enterprise application and the mailbox through Microsoft Graph
// (read-only) and prints every finding, for scheduled runs. The Graph token comes from standard input (an admin's,
// e.g. from Microsoft Graph PowerShell or the Azure CLI) or from an app-only registration with the read roles
// (client credentials, secret from standard input); it is used for the reads and never printed.
import { ConfidentialClientApplication } from '@azure/msal-node';
import { processAudit, type AuditOutcome } from '../../../shared/audit/process';
import { AuditTargetSchema, type AuditTarget } from '../../../shared/audit/schema';
import { GRAPH_READS } from '../../../shared/audit/graph-calls';
import { CLOUD_LIST } from '../../../shared/cloud/clouds';
import { authorityOf, hostsFor } from '../../../shared/cloud/hosts';
import { PRESETS } from '../../../shared/presets';
import { caFetchLike, graphBaseOf } from '../../services/audit/audit-service';
import { createGraphReader } from '../../services/audit/graph-reader';
import { readDirectory } from '../../services/audit/read-directory';
import { fromMsalError } from '../../services/authorize/authorize-service';
import { createNetworkModule } from '../../services/authorize/msal-network';
import { globalFetch } from '../../services/diagnose/online-requests';
import { ProfileStore } from '../../services/profiles/profile-store';
import { unavailableVault } from '../../services/profiles/vault';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CliCommand, type CliIo } from '../command';
import { defaultDataDir } from '../data-dir';
import { renderFindings } from '../render-findings';

const USAGE = `Usage: mailbox-auth-helper audit --preset <id> --tenant <id|domain> --client-id <guid> (--token-stdin | --app-id <guid> --app-secret-stdin) [options]

Reads the product's app registration, its enterprise application and the mailbox through Microsoft Graph
(read-only) and prints every finding. The Graph token needs ${GRAPH_READS.map((r) => r.permission)
  .filter((p, i, a) => a.indexOf(p) === i)
  .join(', ')} (delegated or application).

Options:
  --preset <id>             ${PRESETS.map((p) => p.id).join(' | ')}
  --cloud <id>              ${CLOUD_LIST.map((c) => c.id).join(' | ')} (default global)
  --authority <url>         a custom authority (e.g. the emulator, https://localhost:8443); implies --cloud custom
  --graph-host <host>       Microsoft Graph host of a custom authority (default: the authority's host)
  --ca-file <path>          CA certificate (PEM) of a custom authority
  --tenant <value>          Directory (tenant) ID or verified domain
  --client-id <guid>        Application (client) ID of the product's app registration
  --protocols <list>        comma-separated: imap,pop,smtp,graph-read,graph-send,ews (default imap)
  --mode <mode>             delegated (default) | app-only
  --redirect-uri <url>      the product's redirect URL
  --mailbox <address>       the mailbox the product opens
  --sign-in <address>       the account that signs in, when a delegate signs in for a shared mailbox
  --token-stdin             read a Microsoft Graph access token from standard input
  --app-id <guid>           an app registration with the read permissions as application permissions
  --app-secret-stdin        read that app's client secret from standard input
  --save-to-profile <name>  keep the secret end dates in this saved profile (name or id), for watch
  --profiles-dir <dir>      the app's data folder (default ${defaultDataDir({})})
  --json                    machine-readable output

Exit codes: 0 no error-level finding, 1 error-level findings or the audit could not read the registration,
2 unusable input.`;

const FLAGS: Readonly<Record<string, string>> = {
  '--preset': 'preset',
  '--cloud': 'cloud',
  '--authority': 'authority',
  '--graph-host': 'graphHost',
  '--ca-file': 'caFile',
  '--tenant': 'tenant',
  '--client-id': 'clientId',
  '--protocols': 'protocols',
  '--mode': 'mode',
  '--redirect-uri': 'redirectUri',
  '--mailbox': 'mailbox',
  '--sign-in': 'signInAccount',
  '--app-id': 'appId',
  '--save-to-profile': 'profile',
  '--profiles-dir': 'profilesDir',
};
const SWITCHES = new Set(['--json', '--token-stdin', '--app-secret-stdin']);

type Parsed = { values: Record<string, string>; switches: Set<string> } | { error: string };

function parseArgs(argv: readonly string[]): Parsed {
  const values: Record<string, string> = {};
  const switches = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (SWITCHES.has(a)) switches.add(a);
    else if (FLAGS[a] !== undefined) {
      const v = argv[i + 1];
      if (v === undefined) return { error: `${a} needs a value.` };
      values[FLAGS[a] as string] = v;
      i++;
    } else return { error: `Unknown option "${a}".` };
  }
  return { values, switches };
}

const usageError = (io: CliIo, message: string): number => {
  io.stderr(`${message}\n\n${USAGE}\n`);
  return EXIT_USAGE;
};

/** The audited target from the options; a custom authority is the emulator or a test tenant. */
function targetOf(v: Record<string, string>): ReturnType<typeof AuditTargetSchema.safeParse> {
  const authorityHost = v.authority === undefined ? undefined : new URL(v.authority).host;
  return AuditTargetSchema.safeParse({
    presetId: v.preset,
    cloud: authorityHost !== undefined ? 'custom' : (v.cloud ?? 'global'),
    ...(authorityHost === undefined
      ? {}
      : {
          customAuthority: {
            authorityHost,
            graphHost: v.graphHost ?? authorityHost,
            outlookResourceHost: authorityHost,
          },
        }),
    tenant: v.tenant ?? '',
    clientId: v.clientId ?? '',
    protocols: (v.protocols ?? 'imap')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    ...(v.mode === undefined ? {} : { mode: v.mode }),
    ...(v.redirectUri === undefined ? {} : { redirectUri: v.redirectUri }),
    ...(v.mailbox === undefined ? {} : { mailbox: v.mailbox }),
    ...(v.signInAccount === undefined ? {} : { signInAccount: v.signInAccount }),
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
    `Audit of ${app ? `${app.displayName} (${app.appId})` : target.clientId} in ${target.tenant}`,
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
          `  ${c.kind.padEnd(11)} ${(c.description || '(no description)').padEnd(20)} ${c.keyId}  ends ${c.endsAt ?? '?'}`,
      ),
    );
  lines.push('', `Findings (${outcome.findings.length}):`, renderFindings(outcome.findings));
  return `${lines.join('\n')}`;
}

export const auditCommand: CliCommand = {
  name: 'audit',
  summary: "Audit a product's app registration, enterprise app and mailbox through Microsoft Graph (read-only).",
  usage: USAGE,
  async run(argv, io) {
    const parsed = parseArgs(argv);
    if ('error' in parsed) return usageError(io, parsed.error);
    const { values, switches } = parsed;
    const json = switches.has('--json');
    const tokenStdin = switches.has('--token-stdin');
    const secretStdin = switches.has('--app-secret-stdin');
    if (tokenStdin === (values.appId !== undefined))
      return usageError(io, 'Give exactly one of --token-stdin or --app-id (with --app-secret-stdin).');
    if ((values.appId !== undefined) !== secretStdin)
      return usageError(io, '--app-id and --app-secret-stdin go together.');
    if (values.authority !== undefined && !/^https:\/\/[^/]+\/?$/.test(values.authority))
      return usageError(io, '--authority takes https://host[:port].');
    const t = targetOf(values);
    if (!t.success)
      return usageError(
        io,
        `Invalid options: ${t.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}`,
      );
    const target = t.data;
    const ca =
      values.caFile === undefined
        ? undefined
        : await import('node:fs/promises').then((fs) => fs.readFile(values.caFile ?? '', 'utf8')).catch(() => null);
    if (ca === null) return usageError(io, `The CA file ${values.caFile ?? ''} could not be read.`);
    const stdin = (await io.readStdin()).trim();
    if (stdin === '')
      return usageError(io, `Standard input is empty; it must hold the ${tokenStdin ? 'token' : 'secret'}.`);

    let token: string;
    try {
      token = tokenStdin ? stdin.replace(/^Bearer\s+/i, '') : await appOnlyToken(target, values.appId ?? '', stdin, ca);
    } catch (e) {
      io.stderr(`The audit token could not be obtained: ${e instanceof Error ? e.message : String(e)}\n`);
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
          ? `Microsoft Graph refused to read app registrations (${r.code}): the token lacks ${need?.permission ?? 'Application.Read.All'}.\nNext step: have a Global Administrator or Privileged Role Administrator grant admin consent for it to the app the token is for, then run again.\n`
          : `Microsoft Graph did not answer the audit (${r.code}): ${r.message}\n`,
      );
      return EXIT_FINDINGS;
    }
    const now = new Date();
    const outcome = processAudit(
      target,
      readings,
      now,
      values.appId === undefined
        ? { label: 'the app the token was issued to' }
        : { label: 'the audit job', clientId: values.appId },
    );
    let saved: { id: string; name: string } | undefined;
    if (values.profile !== undefined && outcome.facts.application !== undefined) {
      const store = new ProfileStore({ dir: values.profilesDir ?? defaultDataDir(io.env), vault: unavailableVault() });
      const { profiles } = await store.list();
      const p = profiles.find((x) => x.id === values.profile || x.name.toLowerCase() === values.profile?.toLowerCase());
      if (p === undefined) {
        io.stderr(`No saved profile "${values.profile}" in ${store.path}.\n`);
        return EXIT_USAGE;
      }
      const { displayName: appName, credentials } = outcome.facts.application;
      await store.updateWatch(p.id, (w) => ({ ...w, audit: { auditedAt: now.toISOString(), appName, credentials } }));
      saved = { id: p.id, name: p.name };
    }
    if (json) {
      io.stdout(
        `${JSON.stringify({ auditedAt: now.getTime(), ...outcome, ...(saved ? { savedToProfile: saved } : {}) }, null, 2)}\n`,
      );
    } else {
      io.stdout(`${render(outcome, target)}${saved ? `\nSecret end dates kept in profile "${saved.name}".\n` : ''}`);
    }
    return outcome.findings.some((f) => f.severity === 'error') ? EXIT_FINDINGS : EXIT_OK;
  },
};
