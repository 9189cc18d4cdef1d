// The app-only part `probe --app-only` and `diagnose --app-only --canary` share: the options they add (declared once,
// so both --help texts say the same), the checks of their values, the run (electron/services/app-only) and how its
// result prints — the roles each token carries, the probes, and the canary's red/green/amber scope verdict with the
// fix. The client secret comes from standard input through the same helper as every other secret (inputs.ts); a
// certificate credential from --cert-file, a PEM with the private key and the certificate uploaded to the app.
import type { AppOnlyRun, AppOnlyProtocol, AppOnlyRequest } from '../services/app-only/app-only-run';
import { resolve } from 'node:path';
import { runAppOnly } from '../services/app-only/app-only-run';
import { readCertificateFile, type ClientCertificate } from '../services/app-only/certificate-file';
import { CodedError } from '../../shared/result';
import type { FlagSpec } from './args';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CliIo } from './command';
import { renderFindings } from './render-findings';
import { oneLine } from './terminal-safe';

export const APP_ONLY_FLAG: FlagSpec = {
  name: '--app-only',
  help: "test with the app's own identity (client credentials): needs --tenant, --client-id and --secret-stdin or --cert-file",
};
export const CERT_FILE_FLAG: FlagSpec = {
  name: '--cert-file',
  value: '<path>',
  help: "with --app-only: the app's certificate with its private key (PEM) instead of --secret-stdin",
};
export const CANARY_FLAG: FlagSpec = {
  name: '--canary',
  value: '<address>',
  help: 'with --app-only: a mailbox the app must NOT reach; one read-only Graph request proves the scope',
};

export const SHOW_SUBJECT_FLAG: FlagSpec = {
  name: '--show-subject',
  help: "with --app-only and Graph: also print the newest Inbox message's subject (one line, never the body)",
};

const ADDRESS = /^[^\s@]{1,200}@[^\s@]{1,200}$/;

/** The first thing wrong with the app-only options, as one sentence, or undefined. */
export function checkAppOnlyValues(
  values: Readonly<Record<string, string>>,
  switches: ReadonlySet<string>,
): string | undefined {
  const appOnly = switches.has('--app-only');
  if (!appOnly && values['--cert-file'] !== undefined) return '--cert-file needs --app-only.';
  if (!appOnly && switches.has('--show-subject')) return '--show-subject needs --app-only.';
  if (!appOnly) return values['--canary'] === undefined ? undefined : '--canary needs --app-only.';
  if (values['--tenant'] === undefined)
    return '--app-only needs --tenant: the Directory (tenant) ID or a verified domain.';
  if (values['--client-id'] === undefined) return '--app-only needs --client-id: the Application (client) ID.';
  const certFile = values['--cert-file'] !== undefined;
  if (certFile && switches.has('--secret-stdin'))
    return '--app-only takes one credential: --secret-stdin or --cert-file, not both.';
  if (!certFile && !switches.has('--secret-stdin'))
    return '--app-only needs the client secret on standard input with --secret-stdin (never as an argument), or --cert-file with the certificate and its private key.';
  if (values['--mailbox'] === undefined) return '--app-only needs --mailbox: the mailbox the product reads.';
  const canary = values['--canary'];
  if (canary !== undefined && !ADDRESS.test(canary))
    return `--canary "${oneLine(canary.slice(0, 100))}" is not an e-mail address.`;
  if (canary !== undefined && canary.toLowerCase() === values['--mailbox'].toLowerCase())
    return '--canary must be another mailbox than --mailbox: one the app must not reach.';
  return undefined;
}

/**
 * The certificate credential from --cert-file (relative to the working folder): the key and certificate checked to
 * belong together (app-only/certificate-file.ts), or the sentence saying what is wrong with the file.
 */
export async function readCertFileOption(
  path: string,
): Promise<{ readonly ok: true; readonly cert: ClientCertificate } | { readonly ok: false; readonly why: string }> {
  try {
    return { ok: true, cert: await readCertificateFile(resolve(path)) };
  } catch (e) {
    if (e instanceof CodedError) return { ok: false, why: `--cert-file: ${e.message} ${e.nextStep}` };
    throw e;
  }
}

/**
 * --show-subject reads through Graph: the sentence when the protocols leave Graph out (`addGraph` says how, in the
 * command's own option), or undefined.
 */
export function checkShowSubject(
  switches: ReadonlySet<string>,
  protocols: readonly AppOnlyProtocol[],
  addGraph: string,
): string | undefined {
  return switches.has('--show-subject') && !protocols.includes('graph')
    ? `--show-subject reads the subject through Microsoft Graph: ${addGraph}.`
    : undefined;
}

/** The mailbox protocols a product's protocol ids use in app-only mode (Graph reads, IMAP, POP). */
export function appOnlyProtocolsOf(ids: readonly string[]): AppOnlyProtocol[] {
  const out: AppOnlyProtocol[] = [];
  for (const id of ids) {
    const p =
      id === 'graph-read' || id === 'graph' ? 'graph' : id === 'imap' || id === 'pop' || id === 'smtp' ? id : undefined;
    if (p !== undefined && !out.includes(p)) out.push(p);
  }
  return out;
}

function render(run: AppOnlyRun, req: AppOnlyRequest): string {
  const lines = [`App-only test of ${oneLine(req.mailbox)} as application ${oneLine(req.clientId)}`, '', 'Tokens:'];
  for (const r of run.roles)
    lines.push(
      `  ${r.resource === 'graph' ? 'Microsoft Graph' : 'Office 365 Exchange Online'}: roles ${r.roles.length === 0 ? '(none)' : r.roles.map(oneLine).join(', ')}`,
    );
  if (run.results.length > 0) lines.push('', 'Probes:');
  for (const r of run.results) {
    lines.push(`  ${r.protocol.toUpperCase().padEnd(6)} ${r.outcome.padEnd(27)} ${oneLine(r.endpoint)}`);
    lines.push(`         ${oneLine(r.detail ?? r.explanation)}`);
    if (r.outcome !== 'ok') lines.push(`         Next: ${oneLine(r.nextStep)}`);
  }
  const ns = run.newestSubject;
  if (ns !== undefined)
    lines.push(
      '',
      ns.state === 'shown'
        ? `Newest message in the Inbox, subject only: ${oneLine(ns.subject)}`
        : ns.state === 'empty'
          ? 'Newest message in the Inbox: none (the Inbox is empty).'
          : `Newest message's subject not read: ${oneLine(ns.why)}`,
    );
  if (run.scope !== undefined) {
    const s = run.scope;
    lines.push(
      '',
      `Scope (canary ${oneLine(req.canary ?? '')}): ${s.status.toUpperCase()} — ${s.headline}`,
      `  ${oneLine(s.explanation)}`,
    );
    if (s.fix.length > 0) lines.push('  Fix (Exchange Online PowerShell):', ...s.fix.map((f) => `    ${oneLine(f)}`));
    lines.push(...s.sources.map((src) => `  Source: ${src.title} — ${src.url}`));
  }
  lines.push('', `Findings (${run.findings.length}):`, renderFindings(run.findings));
  return `${lines.join('\n')}`;
}

/**
 * Runs the app-only test and prints it. Exit 1 when a probe failed, a role is missing or the canary was reached (red);
 * an unproven scope (amber) is a warning, exit 0. A token that could not be obtained (AADSTS) exits 1 with the error.
 */
export async function runAppOnlyCommand(req: AppOnlyRequest, json: boolean, io: CliIo): Promise<number> {
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  let run: AppOnlyRun;
  try {
    run = await runAppOnly(req, controller.signal);
  } catch (e) {
    if (e instanceof CodedError) {
      io.stderr(`${e.code}: ${oneLine(e.message)}\nNext step: ${oneLine(e.nextStep)}\n`);
      return EXIT_FINDINGS;
    }
    io.stderr(`The app-only test could not run: ${oneLine(e instanceof Error ? e.message : String(e))}\n`);
    return EXIT_USAGE;
  } finally {
    process.off('SIGINT', onSigint);
  }
  if (json) io.stdout(`${JSON.stringify({ mailbox: req.mailbox, clientId: req.clientId, ...run }, null, 2)}\n`);
  else io.stdout(render(run, req));
  const failed =
    run.results.some((r) => r.outcome !== 'ok') ||
    run.findings.some((f) => f.severity === 'error') ||
    run.scope?.status === 'red';
  return failed ? EXIT_FINDINGS : EXIT_OK;
}
