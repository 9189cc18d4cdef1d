// Online configuration checks against Entra ID (or the emulator): tenant discovery, client id + secret via a
// client-credentials request, granted application permissions from the app-only token's roles, and redirect
// URI registration via an authorize request that is never completed. Each check is a request step
// (online-requests.ts, network I/O only) and a pure process step (online-process.ts); this file runs the checks
// concurrently, each with its own timeout, and gathers their findings. Plain Node: fetch is injected.
import { hostsFor } from '../../../shared/cloud/hosts';
import type { CheckId, CheckResult, OnlineResponse } from '../../../shared/diagnose/online';
import {
  diagnoseFinding,
  type DiagnoseFinding,
  type DiagnoseInput,
  type FieldKey,
} from '../../../shared/diagnose/types';
import { finding } from '../../../shared/findings';
import {
  neededPermissions,
  online,
  processClientCredentials,
  processDiscovery,
  processPermissions,
  processRedirect,
  skipCredentials,
  skipRedirect,
  skipTenant,
  tenantSegment,
  type CredentialsResult,
} from './online-process';
import {
  requestAuthorize,
  requestClientCredentials,
  requestDiscovery,
  type FetchLike,
  type RequestContext,
} from './online-requests';

export interface OnlineOptions {
  readonly fetch: FetchLike;
  /** https://host[:port] of the authority; default from the cloud (or the custom authority's host). */
  readonly authorityBase?: string;
  readonly timeoutMs?: number;
  /** Per-check overrides (tests use these to slow one check down). */
  readonly timeouts?: Partial<Record<CheckId, number>>;
  readonly checks?: readonly CheckId[];
  /** Resource host for app-only Exchange roles (default: the cloud's outlookAppOnlyResourceHost). */
  readonly outlookAppOnlyHost?: string;
}

const LABELS: Readonly<Record<CheckId, string>> = {
  tenant: 'Tenant discovery',
  credentials: 'Client ID and secret',
  permissions: 'Application permissions',
  redirect: 'Redirect URI registration',
};

const CHECK_FIELD: Readonly<Record<CheckId, FieldKey>> = {
  tenant: 'tenant',
  credentials: 'clientSecret',
  permissions: 'scopes',
  redirect: 'redirectUri',
};

class CheckTimeout extends Error {}

function authorityBaseFor(input: DiagnoseInput, opts: OnlineOptions): string {
  if (opts.authorityBase) return opts.authorityBase.replace(/\/+$/, '');
  return `https://${hostsFor(input.cloud, input.customAuthority).loginHost ?? 'localhost'}`;
}

// --- the checks: request, then process --------------------------------------------------------------------------
async function checkTenant(input: DiagnoseInput, ctx: RequestContext): Promise<DiagnoseFinding[]> {
  return skipTenant(input) ?? processDiscovery(input, await requestDiscovery(ctx, tenantSegment(input)));
}

async function checkCredentials(input: DiagnoseInput, ctx: RequestContext): Promise<CredentialsResult> {
  const skipped = skipCredentials(input);
  if (skipped) return skipped;
  const graph = `https://${hostsFor(input.cloud, input.customAuthority).graphHost.value}/.default`;
  return processClientCredentials(input, await requestClientCredentials(ctx, tenantSegment(input), input, graph));
}

async function checkPermissions(
  input: DiagnoseInput,
  ctx: RequestContext,
  opts: OnlineOptions,
  graphToken: string | undefined,
): Promise<DiagnoseFinding[]> {
  // Exchange's roles need a token of their own; asked for only when the Graph one came back and a role is Exchange's.
  const askOutlook = graphToken !== undefined && neededPermissions(input).some((n) => n.resource === 'outlook');
  const host = opts.outlookAppOnlyHost ?? hostsFor(input.cloud).outlookAppOnlyResourceHost.value;
  const outlook = askOutlook
    ? await requestClientCredentials(ctx, tenantSegment(input), input, `https://${host}/.default`)
    : undefined;
  return processPermissions(input, graphToken, outlook);
}

async function checkRedirect(input: DiagnoseInput, ctx: RequestContext): Promise<DiagnoseFinding[]> {
  return skipRedirect(input) ?? processRedirect(input, await requestAuthorize(ctx, tenantSegment(input), input));
}

// --- orchestration ---------------------------------------------------------------------------------------------------
/** Findings that mean a check asked Entra nothing (not needed for these protocols, or an input was missing). */
const NOT_ASKED: ReadonlySet<string> = new Set([
  'APP_PERMISSIONS_NOT_NEEDED',
  'APP_PERMISSIONS_NOT_CHECKED',
  'TENANT_NOT_CHECKED',
  'CREDENTIALS_NOT_CHECKED',
  'REDIRECT_NOT_CHECKED',
]);

async function withTimeout<T>(ms: number, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const ctl = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      ctl.abort();
      reject(new CheckTimeout());
    }, ms);
  });
  try {
    return await Promise.race([run(ctl.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function diagnoseOnline(input: DiagnoseInput, opts: OnlineOptions): Promise<OnlineResponse> {
  const started = Date.now();
  const base = authorityBaseFor(input, opts);
  const enabled = new Set<CheckId>(opts.checks ?? ['tenant', 'credentials', 'permissions', 'redirect']);
  const budget = (id: CheckId) => opts.timeouts?.[id] ?? opts.timeoutMs ?? 8000;
  const ctx = (signal: AbortSignal): RequestContext => ({ fetch: opts.fetch, base, signal });

  const run = async (id: CheckId, body: (signal: AbortSignal) => Promise<DiagnoseFinding[]>): Promise<CheckResult> => {
    const t0 = Date.now();
    if (!enabled.has(id)) return { id, label: LABELS[id], status: 'skipped', durationMs: 0, findings: [] };
    try {
      const findings = await withTimeout(budget(id), body);
      return {
        id,
        label: LABELS[id],
        // A check with nothing to ask (not needed, or missing input) did not pass: it was skipped, and says why.
        status: findings.some((x) => x.severity === 'error')
          ? 'problem'
          : findings.length > 0 && findings.every((x) => NOT_ASKED.has(x.code))
            ? 'skipped'
            : 'ok',
        durationMs: Date.now() - t0,
        findings,
      };
    } catch (e) {
      const timedOut = e instanceof CheckTimeout;
      const failure = timedOut
        ? diagnoseFinding(
            finding(
              'warning',
              'CHECK_TIMEOUT',
              `${LABELS[id]} got no answer within ${budget(id)} ms.`,
              'Check the network path to the login host (proxy, firewall) and retry.',
            ),
            CHECK_FIELD[id],
            online(id),
          )
        : diagnoseFinding(
            finding(
              'warning',
              'CHECK_NETWORK_ERROR',
              `${LABELS[id]} could not reach ${base}: ${e instanceof Error ? e.message.slice(0, 200) : String(e)}.`,
              'Check DNS, proxy and TLS inspection towards the login host, then retry.',
            ),
            CHECK_FIELD[id],
            online(id),
          );
      return {
        id,
        label: LABELS[id],
        status: timedOut ? 'timeout' : 'failed',
        durationMs: Date.now() - t0,
        findings: [failure],
      };
    }
  };

  // The permissions check needs the credentials check's token; it waits on that promise but keeps its own timer
  // budget from the moment it can start, so it never delays the other checks.
  const cred =
    enabled.has('credentials') || enabled.has('permissions')
      ? withTimeout(budget('credentials'), (signal) => checkCredentials(input, ctx(signal))).catch((e: unknown) => e)
      : Promise.resolve(undefined);
  const credCheck: Promise<CheckResult> = enabled.has('credentials')
    ? run('credentials', async () => {
        const r = await cred;
        if (r instanceof Error) throw r;
        return (r as CredentialsResult | undefined)?.findings ?? [];
      })
    : run('credentials', async () => []);
  const permCheck = (async (): Promise<CheckResult> => {
    const r = await cred;
    const token = r instanceof Error ? undefined : (r as CredentialsResult | undefined)?.token;
    return run('permissions', (signal) => checkPermissions(input, ctx(signal), opts, token));
  })();
  const checks = await Promise.all([
    run('tenant', (signal) => checkTenant(input, ctx(signal))),
    credCheck,
    permCheck,
    run('redirect', (signal) => checkRedirect(input, ctx(signal))),
  ]);
  // The same finding can come from two checks (e.g. unknown app from credentials and redirect): keep the first.
  const seen = new Set<string>();
  const findings: DiagnoseFinding[] = [];
  for (const c of checks) {
    for (const x of c.findings) {
      const k = `${x.code}|${x.field}`;
      if (seen.has(k)) continue;
      seen.add(k);
      findings.push(x);
    }
  }
  return { checks, findings, durationMs: Date.now() - started };
}
