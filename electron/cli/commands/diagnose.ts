// `diagnose`: offline lint of a product's OAuth configuration, plus the online checks with --online.
// Exit 0 = no error-level finding, 1 = errors found, 2 = unusable input.
import { CLOUD_LIST } from '../../../shared/cloud/clouds';
import { lint, type DiagnoseFinding } from '../../../shared/diagnose';
import { DiagnoseInputSchema } from '../../../shared/diagnose/schema';
import { PRESETS } from '../../../shared/presets';
import { diagnoseOnline } from '../../services/diagnose/diagnose-online';
import { globalFetch } from '../../services/diagnose/online-requests';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CliCommand } from '../command';

const USAGE = `Usage: mailbox-auth-helper diagnose --preset <id> --tenant <id|domain> --client-id <guid> [options]

Options:
  --preset <id>           ${PRESETS.map((p) => p.id).join(' | ')}
  --cloud <id>            ${CLOUD_LIST.map((c) => c.id).join(' | ')} (default global)
  --protocols <list>      comma-separated: imap,pop,smtp,graph-read,graph-send,ews (default imap)
  --tenant <value>        Directory (tenant) ID or verified domain
  --client-id <guid>      Application (client) ID
  --secret-stdin          read the client secret from standard input (never pass it as an argument)
  --secret-expiry <date>  YYYY-MM-DD
  --authorize-url <url>   --token-url <url>
  --redirect-uri <url>    the product's redirect URL
  --scopes <string>       the scope field exactly as entered in the product
  --mailbox <address>     --sign-in <address>
  --online                also run the online checks (tenant, credentials, roles, redirect)
  --authority <url>       authority base for --online (e.g. the emulator), default from --cloud
  --timeout <ms>          per-check timeout for --online (default 8000)
  --json                  machine-readable output`;

const FLAGS: Readonly<Record<string, string>> = {
  '--preset': 'preset',
  '--cloud': 'cloud',
  '--protocols': 'protocols',
  '--tenant': 'tenant',
  '--client-id': 'clientId',
  '--secret-expiry': 'secretExpiry',
  '--authorize-url': 'authorizeUrl',
  '--token-url': 'tokenUrl',
  '--redirect-uri': 'redirectUri',
  '--scopes': 'scopes',
  '--mailbox': 'mailbox',
  '--sign-in': 'signInAccount',
  '--authority': 'authority',
  '--timeout': 'timeout',
};

function render(findings: readonly DiagnoseFinding[]): string {
  if (findings.length === 0) return 'No problems found.\n';
  return findings
    .map(
      (f) =>
        `${f.severity.toUpperCase().padEnd(7)} ${f.code}  [${f.field}]\n        ${f.message}\n        Next: ${f.nextStep}\n`,
    )
    .join('');
}

export const diagnoseCommand: CliCommand = {
  name: 'diagnose',
  summary: "Check a product's OAuth configuration offline (and online with --online).",
  usage: USAGE,
  async run(argv, io) {
    const values: Record<string, string> = {};
    let json = false;
    let online = false;
    let secretStdin = false;
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i] ?? '';
      if (a === '--json') json = true;
      else if (a === '--online') online = true;
      else if (a === '--secret-stdin') secretStdin = true;
      else if (FLAGS[a] !== undefined) {
        const v = argv[i + 1];
        if (v === undefined) {
          io.stderr(`${a} needs a value.\n\n${USAGE}\n`);
          return EXIT_USAGE;
        }
        values[FLAGS[a] as string] = v;
        i++;
      } else {
        io.stderr(`Unknown option "${a}".\n\n${USAGE}\n`);
        return EXIT_USAGE;
      }
    }
    // The secret is read from stdin as typed, so a trailing space or pasted Secret ID is still visible to lint;
    // only the final newline of the pipe is dropped.
    const secret = secretStdin ? (await io.readStdin()).replace(/\r?\n$/, '') : undefined;
    const parsed = DiagnoseInputSchema.safeParse({
      preset: values.preset,
      cloud: values.cloud ?? 'global',
      protocols: (values.protocols ?? 'imap')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      tenant: values.tenant ?? '',
      clientId: values.clientId ?? '',
      redirectUri: values.redirectUri ?? '',
      scopes: values.scopes ?? '',
      ...(secret === undefined ? {} : { clientSecret: secret }),
      ...(values.secretExpiry === undefined ? {} : { secretExpiry: values.secretExpiry }),
      ...(values.authorizeUrl === undefined ? {} : { authorizeUrl: values.authorizeUrl }),
      ...(values.tokenUrl === undefined ? {} : { tokenUrl: values.tokenUrl }),
      ...(values.mailbox === undefined ? {} : { mailbox: values.mailbox }),
      ...(values.signInAccount === undefined ? {} : { signInAccount: values.signInAccount }),
    });
    if (!parsed.success) {
      io.stderr(
        `Invalid options: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}\n\n${USAGE}\n`,
      );
      return EXIT_USAGE;
    }
    const offline = lint(parsed.data);
    let onlineResult: Awaited<ReturnType<typeof diagnoseOnline>> | undefined;
    if (online) {
      const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
      onlineResult = await diagnoseOnline(parsed.data, {
        fetch: globalFetch,
        ...(values.authority === undefined ? {} : { authorityBase: values.authority }),
        ...(timeout !== undefined && Number.isFinite(timeout) ? { timeoutMs: timeout } : {}),
      });
    }
    const all = [...offline, ...(onlineResult?.findings ?? [])];
    if (json) {
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
  },
};
