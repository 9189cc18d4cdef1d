// Online configuration checks against Entra ID (or the emulator): tenant discovery, client id + secret via a
// client-credentials request, granted application permissions from the app-only token's roles, and redirect
// URI registration via an authorize request that is never completed. All checks run concurrently, each with
// its own timeout; every outcome is a Finding like the offline lint's. Plain Node: fetch is injected.
import { parseErrorText } from '../../../shared/explain';
import { explainCode } from '../../../shared/explain/explain';
import type { CloudId } from '../../../shared/cloud/clouds';
import { hostsFor } from '../../../shared/cloud/hosts';
import { parseEndpoint } from '../../../shared/diagnose';
import { findGuid, isGuid } from '../../../shared/text/identifiers';
import { clean } from '../../../shared/text/invisible-chars';
import {
  CheckIdSchema,
  CheckResultSchema,
  OnlineRequestSchema,
  OnlineResponseSchema,
  type CheckId,
  type CheckResult,
  type OnlineResponse,
} from '../../../shared/diagnose/online';
import {
  diagnoseFinding,
  type DiagnoseFinding,
  type DiagnoseInput,
  type FieldKey,
} from '../../../shared/diagnose/types';
import { finding } from '../../../shared/findings';
import { presetById } from '../../../shared/presets';
import { rolesOf } from '../../../shared/tokens/classify';
import { decodeToken } from '../../../shared/tokens/decode';

export {
  CheckIdSchema,
  CheckResultSchema,
  OnlineRequestSchema,
  OnlineResponseSchema,
  type CheckId,
  type CheckResult,
  type OnlineResponse,
};

export type FetchLike = (
  url: string,
  init?: {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    redirect?: 'manual' | 'follow';
    signal?: AbortSignal;
  },
) => Promise<{
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}>;

/** The platform's fetch, for the app and the CLI (tests inject one that reaches the emulator). */
export const globalFetch: FetchLike = (url, init) => fetch(url, init as RequestInit);

export interface OnlineOptions {
  readonly fetch: FetchLike;
  /** https://host[:port] of the authority; default from the cloud (or customHosts.authorityHost). */
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

const online = (check: CheckId) => ({ source: 'online', check }) as const;

class CheckTimeout extends Error {}

function authorityBaseFor(input: DiagnoseInput, opts: OnlineOptions): string {
  if (opts.authorityBase) return opts.authorityBase.replace(/\/+$/, '');
  return `https://${hostsFor(input.cloud, input.customAuthority).loginHost ?? 'localhost'}`;
}

/** The tenant to query: the tenant field, else the tenant segment of the token URL. */
function tenantSegment(input: DiagnoseInput): string {
  const t = clean(input.tenant);
  if (t !== '') return t;
  return (
    parseEndpoint(clean(input.tokenUrl))?.tenantSegment ?? parseEndpoint(clean(input.authorizeUrl))?.tenantSegment ?? ''
  );
}

const CLOUD_INSTANCE: Readonly<Record<string, Exclude<CloudId, 'custom'>>> = {
  'microsoftonline.com': 'global',
  'microsoftonline.us': 'usgov-high',
  'partner.microsoftonline.cn': 'china',
  'chinacloudapi.cn': 'china',
};

/** The first AADSTS code in an error body (JSON error_codes or text), with the server's words. */
function aadstsOf(body: string): { code: number; text?: string } | undefined {
  const p = parseErrorText(body);
  const first = p.codes[0];
  return first
    ? { code: first.code, ...(first.serverText === undefined ? {} : { text: first.serverText }) }
    : undefined;
}

function unexpected(
  check: CheckId,
  field: FieldKey,
  status: number,
  body: string,
  preset: DiagnoseInput['preset'],
): DiagnoseFinding {
  const a = aadstsOf(body);
  if (a) {
    const card = explainCode(a.code, preset, a.text);
    return diagnoseFinding(
      finding('error', `AADSTS${a.code}`, `${card.meaning} ${card.cause}`, card.fix, { detail: a.text }),
      card.field ?? field,
      online(check),
    );
  }
  return diagnoseFinding(
    finding(
      'warning',
      'CHECK_UNEXPECTED_RESPONSE',
      `Entra answered HTTP ${status} in a way this check does not recognise.`,
      'Retry; if it persists, check the endpoints and the network (proxy, TLS inspection).',
      { detail: body.slice(0, 300) },
    ),
    field,
    online(check),
  );
}

// --- the checks ------------------------------------------------------------------------------------------------
async function checkTenant(
  input: DiagnoseInput,
  base: string,
  opts: OnlineOptions,
  signal: AbortSignal,
): Promise<DiagnoseFinding[]> {
  const seg = tenantSegment(input);
  if (seg === '')
    return [
      diagnoseFinding(
        finding(
          'info',
          'TENANT_NOT_CHECKED',
          'No tenant to look up.',
          'Enter the Directory (tenant) ID or a verified domain.',
        ),
        'tenant',
        online('tenant'),
      ),
    ];
  const res = await opts.fetch(`${base}/${encodeURIComponent(seg)}/v2.0/.well-known/openid-configuration`, { signal });
  const body = await res.text();
  if (res.status !== 200) {
    const a = aadstsOf(body);
    if (a?.code === 90002 || res.status === 400 || res.status === 404) {
      return [
        diagnoseFinding(
          finding(
            'error',
            'TENANT_NOT_FOUND',
            `Tenant "${seg}" does not exist in ${input.cloud === 'custom' ? 'this authority' : hostsFor(input.cloud).label} (AADSTS90002): a typo, an unverified domain, or a tenant of another cloud.`,
            'Copy the Directory (tenant) ID from the app registration Overview, and check the cloud.',
            { detail: a?.text },
          ),
          'tenant',
          online('tenant'),
        ),
      ];
    }
    return [unexpected('tenant', 'tenant', res.status, body, input.preset)];
  }
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return [
      diagnoseFinding(
        finding(
          'warning',
          'CHECK_UNEXPECTED_RESPONSE',
          'The discovery document is not valid JSON.',
          'Retry; a proxy may be altering responses.',
        ),
        'tenant',
        online('tenant'),
      ),
    ];
  }
  const issuer = typeof doc.issuer === 'string' ? doc.issuer : '';
  const tenantId = findGuid(issuer);
  const region = typeof doc.tenant_region_scope === 'string' ? doc.tenant_region_scope : undefined;
  const instance = typeof doc.cloud_instance_name === 'string' ? doc.cloud_instance_name : undefined;
  const out: DiagnoseFinding[] = [];
  const docCloud = instance === undefined ? undefined : CLOUD_INSTANCE[instance.toLowerCase()];
  // A GCC High / DoD tenant looked up on the global host reports its US Gov region.
  const gov = region !== undefined && /^USG/i.test(region);
  if (
    input.cloud !== 'custom' &&
    ((docCloud !== undefined &&
      docCloud !== input.cloud &&
      !(docCloud === 'usgov-high' && input.cloud === 'usgov-dod')) ||
      (gov && input.cloud === 'global'))
  ) {
    out.push(
      diagnoseFinding(
        finding(
          'error',
          'TENANT_OTHER_CLOUD',
          `The tenant is in ${gov ? 'the US Government cloud' : (docCloud ?? instance ?? 'another cloud')} (region ${region ?? '?'}), not ${hostsFor(input.cloud).label}; endpoints and scopes must use that cloud's hosts.`,
          "Pick the tenant's cloud; use its login host and scope hosts (.us for GCC High / DoD).",
        ),
        'tenant',
        online('tenant'),
      ),
    );
  }
  out.push(
    diagnoseFinding(
      finding(
        'info',
        'TENANT_FOUND',
        `Tenant found${tenantId ? `: ${tenantId}` : ''}${region ? `, region ${region}` : ''}${instance ? `, cloud ${instance}` : ''}.`,
        'Nothing to do.',
      ),
      'tenant',
      online('tenant'),
    ),
  );
  // The offline lint cannot compare a domain with a GUID; now that the GUID is known, it can.
  if (tenantId) {
    for (const field of ['authorizeUrl', 'tokenUrl'] as const) {
      const s2 = parseEndpoint(clean(input[field]))?.tenantSegment;
      if (s2 && isGuid(s2) && s2.toLowerCase() !== tenantId && !isGuid(seg)) {
        out.push(
          diagnoseFinding(
            finding(
              'error',
              'ENDPOINT_TENANT_MISMATCH',
              `The endpoint names tenant ${s2}, but ${seg} is tenant ${tenantId}.`,
              'Use the same tenant in the endpoints and the tenant field.',
            ),
            field,
            online('tenant'),
          ),
        );
      }
    }
  }
  return out;
}

interface CredResult {
  readonly findings: DiagnoseFinding[];
  readonly token?: string;
}

async function clientCredentials(
  input: DiagnoseInput,
  base: string,
  opts: OnlineOptions,
  scope: string,
  signal: AbortSignal,
): Promise<{ status: number; body: string }> {
  const seg = tenantSegment(input);
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: clean(input.clientId),
    client_secret: clean(input.clientSecret),
    scope,
  });
  const res = await opts.fetch(`${base}/${encodeURIComponent(seg)}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
    signal,
  });
  return { status: res.status, body: await res.text() };
}

async function checkCredentials(
  input: DiagnoseInput,
  base: string,
  opts: OnlineOptions,
  signal: AbortSignal,
): Promise<CredResult> {
  if (clean(input.clientSecret) === '')
    return {
      findings: [
        diagnoseFinding(
          finding(
            'info',
            'CREDENTIALS_NOT_CHECKED',
            'No client secret entered, so the client id and secret were not tested.',
            'Enter the secret Value to test it.',
          ),
          'clientSecret',
          online('credentials'),
        ),
      ],
    };
  if (clean(input.clientId) === '' || tenantSegment(input) === '')
    return {
      findings: [
        diagnoseFinding(
          finding(
            'info',
            'CREDENTIALS_NOT_CHECKED',
            'Client ID or tenant missing; credentials not tested.',
            'Fill in the client id and tenant.',
          ),
          'clientId',
          online('credentials'),
        ),
      ],
    };
  const { status, body } = await clientCredentials(
    input,
    base,
    opts,
    `https://${hostsFor(input.cloud, input.customAuthority).graphHost.value}/.default`,
    signal,
  );
  if (status === 200) {
    let token: string | undefined;
    try {
      const j = JSON.parse(body) as { access_token?: unknown };
      token = typeof j.access_token === 'string' ? j.access_token : undefined;
    } catch {
      token = undefined;
    }
    return {
      findings: [
        diagnoseFinding(
          finding(
            'info',
            'CLIENT_CREDENTIALS_OK',
            'Entra accepted the client id and secret (client-credentials request succeeded).',
            'Nothing to do.',
          ),
          'clientSecret',
          online('credentials'),
        ),
      ],
      ...(token === undefined ? {} : { token }),
    };
  }
  const a = aadstsOf(body);
  const secretIsGuid = isGuid(clean(input.clientSecret));
  switch (a?.code) {
    case 7000215:
      return secretIsGuid
        ? {
            findings: [
              diagnoseFinding(
                finding(
                  'error',
                  'CLIENT_SECRET_IS_SECRET_ID',
                  'Entra rejected the secret (AADSTS7000215), and it is a GUID: the Secret ID was used instead of the secret Value.',
                  'Copy the Value column of the secret (or create a new secret and copy its Value).',
                  { detail: a.text },
                ),
                'clientSecret',
                online('credentials'),
              ),
            ],
          }
        : {
            findings: [
              diagnoseFinding(
                finding(
                  'error',
                  'CLIENT_SECRET_WRONG',
                  'Entra rejected the client secret (AADSTS7000215): wrong, deleted, or replaced by a newer one.',
                  'Create a new client secret and paste its Value.',
                  { detail: a.text },
                ),
                'clientSecret',
                online('credentials'),
              ),
            ],
          };
    case 7000222:
      return {
        findings: [
          diagnoseFinding(
            finding(
              'error',
              'CLIENT_SECRET_EXPIRED',
              'The client secret has expired (AADSTS7000222).',
              'Create a new client secret, update the product with its Value, then delete the expired one.',
              { detail: a.text },
            ),
            'clientSecret',
            online('credentials'),
          ),
        ],
      };
    case 700016:
    case 700011:
      return {
        findings: [
          diagnoseFinding(
            finding(
              'error',
              'CLIENT_APP_NOT_FOUND',
              `No app with client id ${clean(input.clientId)} exists in tenant ${tenantSegment(input)} (AADSTS${a.code}).`,
              'Check the Application (client) ID and that the tenant is the one holding the registration.',
              { detail: a.text },
            ),
            'clientId',
            online('credentials'),
          ),
        ],
      };
    case 90002:
      return {
        findings: [
          diagnoseFinding(
            finding(
              'error',
              'TENANT_NOT_FOUND',
              `Tenant "${tenantSegment(input)}" was not found (AADSTS90002).`,
              'Copy the Directory (tenant) ID from Overview and check the cloud.',
              { detail: a.text },
            ),
            'tenant',
            online('credentials'),
          ),
        ],
      };
    default:
      return { findings: [unexpected('credentials', 'clientSecret', status, body, input.preset)] };
  }
}

async function checkPermissions(
  input: DiagnoseInput,
  base: string,
  opts: OnlineOptions,
  graphToken: string | undefined,
  signal: AbortSignal,
): Promise<DiagnoseFinding[]> {
  const preset = presetById(input.preset);
  const needed = preset.protocols
    .filter((p) => input.protocols.includes(p.id))
    .flatMap((p) => p.applicationPermissions ?? []);
  if (needed.length === 0)
    return [
      diagnoseFinding(
        finding(
          'info',
          'APP_PERMISSIONS_NOT_NEEDED',
          `${preset.label} uses delegated permissions for the selected protocols; no application permission is required.`,
          'Nothing to do.',
        ),
        'scopes',
        online('permissions'),
      ),
    ];
  if (graphToken === undefined)
    return [
      diagnoseFinding(
        finding(
          'info',
          'APP_PERMISSIONS_NOT_CHECKED',
          'Application permissions could not be read because the client-credentials request did not succeed.',
          'Fix the client id / secret findings first.',
        ),
        'scopes',
        online('permissions'),
      ),
    ];
  // Roles are read, not trusted: the check only reports what the token says it may do.
  const rolesIn = (token: string): string[] => {
    const d = decodeToken(token);
    return d.ok ? rolesOf(d.claims) : [];
  };
  const granted = { graph: rolesIn(graphToken), outlook: [] as string[] };
  if (needed.some((n) => n.resource === 'outlook')) {
    const host = opts.outlookAppOnlyHost ?? hostsFor(input.cloud).outlookAppOnlyResourceHost.value;
    const r = await clientCredentials(input, base, opts, `https://${host}/.default`, signal);
    if (r.status === 200) {
      try {
        const j = JSON.parse(r.body) as { access_token?: unknown };
        if (typeof j.access_token === 'string') granted.outlook = rolesIn(j.access_token);
      } catch {
        /* no roles readable: reported as missing below */
      }
    }
  }
  const missing = needed.filter((n) => !granted[n.resource].includes(n.role));
  if (missing.length === 0)
    return [
      diagnoseFinding(
        finding(
          'info',
          'APP_PERMISSIONS_OK',
          `Granted application permissions include ${needed.map((n) => n.role).join(', ')}.`,
          'Nothing to do.',
          { detail: `graph roles: ${granted.graph.join(' ') || '(none)'}` },
        ),
        'scopes',
        online('permissions'),
      ),
    ];
  return missing.map((m) =>
    diagnoseFinding(
      finding(
        'error',
        'APP_PERMISSION_MISSING',
        `${preset.label} needs the ${m.resource === 'graph' ? 'Microsoft Graph' : 'Office 365 Exchange Online'} application permission ${m.role} with admin consent, but the app-only token does not carry it (granted: ${(m.resource === 'graph' ? granted.graph : granted.outlook).join(', ') || 'none'}).`,
        `In API permissions, add ${m.role} as an Application permission (not Delegated) and click "Grant admin consent".`,
      ),
      'scopes',
      online('permissions'),
    ),
  );
}

async function checkRedirect(
  input: DiagnoseInput,
  base: string,
  opts: OnlineOptions,
  signal: AbortSignal,
): Promise<DiagnoseFinding[]> {
  const redirect = clean(input.redirectUri);
  const seg = tenantSegment(input);
  if (redirect === '' || clean(input.clientId) === '' || seg === '')
    return [
      diagnoseFinding(
        finding(
          'info',
          'REDIRECT_NOT_CHECKED',
          'Redirect URI, client id or tenant missing; registration not checked.',
          'Fill in those fields.',
        ),
        'redirectUri',
        online('redirect'),
      ),
    ];
  const q = new URLSearchParams({
    client_id: clean(input.clientId),
    redirect_uri: redirect,
    response_type: 'code',
    scope: 'openid',
    prompt: 'login',
    state: 'mah-probe',
    response_mode: 'query',
  });
  // Never followed and never completed: Entra validates client and redirect URI before showing the login page.
  const res = await opts.fetch(`${base}/${encodeURIComponent(seg)}/oauth2/v2.0/authorize?${q.toString()}`, {
    redirect: 'manual',
    signal,
  });
  const location = res.headers.get('location') ?? '';
  const body = await res.text();
  const p = parseErrorText(`${location}\n${body}`);
  const codes = p.codes.map((c) => c.code);
  const words = p.codes[0]?.serverText;
  if (codes.includes(50011))
    return [
      diagnoseFinding(
        finding(
          'error',
          'REDIRECT_NOT_REGISTERED',
          `Entra does not have ${redirect} among the app's redirect URIs (AADSTS50011).`,
          'Add exactly this URI under Authentication > Web > Redirect URIs (no trailing slash difference, same case).',
          { detail: words },
        ),
        'redirectUri',
        online('redirect'),
      ),
    ];
  if (codes.includes(700016) || codes.includes(700011))
    return [
      diagnoseFinding(
        finding(
          'error',
          'CLIENT_APP_NOT_FOUND',
          `No app with client id ${clean(input.clientId)} in tenant ${seg}, so the redirect URI cannot be checked (AADSTS700016).`,
          'Check the Application (client) ID and the tenant.',
          { detail: words },
        ),
        'clientId',
        online('redirect'),
      ),
    ];
  if (codes.includes(90002))
    return [
      diagnoseFinding(
        finding(
          'error',
          'TENANT_NOT_FOUND',
          `Tenant "${seg}" was not found (AADSTS90002).`,
          'Check the tenant and the cloud.',
          { detail: words },
        ),
        'tenant',
        online('redirect'),
      ),
    ];
  if (location !== '' && location.startsWith(redirect)) {
    // Entra only sends errors back to a registered redirect URI, so the URI itself is fine.
    return [
      diagnoseFinding(
        finding(
          'info',
          'REDIRECT_REGISTERED',
          'The redirect URI is registered (Entra redirected back to it).',
          'Nothing to do.',
        ),
        'redirectUri',
        online('redirect'),
      ),
    ];
  }
  if (codes.length > 0)
    return [unexpected('redirect', 'redirectUri', res.status, `${location}\n${body}`, input.preset)];
  if (res.status === 200 || (res.status >= 300 && res.status < 400))
    return [
      diagnoseFinding(
        finding(
          'info',
          'REDIRECT_REGISTERED',
          'The redirect URI is registered for this app (the sign-in page was offered).',
          'Nothing to do.',
        ),
        'redirectUri',
        online('redirect'),
      ),
    ];
  return [unexpected('redirect', 'redirectUri', res.status, body, input.preset)];
}

// --- orchestration ----------------------------------------------------------------------------------------------------
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

  const run = async (id: CheckId, body: (signal: AbortSignal) => Promise<DiagnoseFinding[]>): Promise<CheckResult> => {
    const t0 = Date.now();
    if (!enabled.has(id)) return { id, label: LABELS[id], status: 'skipped', durationMs: 0, findings: [] };
    try {
      const findings = await withTimeout(budget(id), body);
      return {
        id,
        label: LABELS[id],
        status: findings.some((x) => x.severity === 'error') ? 'problem' : 'ok',
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
      ? withTimeout(budget('credentials'), (signal) => checkCredentials(input, base, opts, signal)).catch(
          (e: unknown) => e,
        )
      : Promise.resolve(undefined);
  const credCheck: Promise<CheckResult> = enabled.has('credentials')
    ? run('credentials', async () => {
        const r = await cred;
        if (r instanceof Error) throw r;
        return (r as CredResult | undefined)?.findings ?? [];
      })
    : run('credentials', async () => []);
  const permCheck = (async (): Promise<CheckResult> => {
    const r = await cred;
    const token = r instanceof Error ? undefined : (r as CredResult | undefined)?.token;
    return run('permissions', (signal) => checkPermissions(input, base, opts, token, signal));
  })();
  const checks = await Promise.all([
    run('tenant', (signal) => checkTenant(input, base, opts, signal)),
    credCheck,
    permCheck,
    run('redirect', (signal) => checkRedirect(input, base, opts, signal)),
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
