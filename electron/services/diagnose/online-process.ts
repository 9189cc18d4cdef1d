// The process half of the online checks (request/process split, as oauth4webapi does it): pure functions that
// turn Entra's answers (fetched by online-requests.ts) into findings like the offline lint's — tenant found or in
// another cloud, secret wrong, expired or a Secret ID, app unknown, application permissions granted or missing,
// redirect URI registered. No I/O, so they are unit-tested on answers recorded from the emulator
// (tests/support/recorded/). The skip* functions say why a check is not run when a field it needs is empty.
import type { CloudId } from '../../../shared/cloud/clouds';
import { hostsFor } from '../../../shared/cloud/hosts';
import { parseEndpoint } from '../../../shared/diagnose';
import type { CheckId } from '../../../shared/diagnose/online';
import {
  diagnoseFinding,
  type DiagnoseFinding,
  type DiagnoseInput,
  type FieldKey,
} from '../../../shared/diagnose/types';
import { parseErrorText } from '../../../shared/explain';
import { explainCode } from '../../../shared/explain/explain';
import { finding } from '../../../shared/findings';
import { presetById } from '../../../shared/presets';
import { findGuid, isGuid } from '../../../shared/text/identifiers';
import { clean } from '../../../shared/text/invisible-chars';
import { rolesOf } from '../../../shared/tokens/classify';
import { decodeToken } from '../../../shared/tokens/decode';
import type { EntraResponse } from './online-requests';

/** Where an online finding came from: which check. */
export const online = (check: CheckId) => ({ source: 'online', check }) as const;

/** The tenant to query: the tenant field, else the tenant segment of the token URL (or the authorize URL). */
export function tenantSegment(input: DiagnoseInput): string {
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

/** An answer the check does not recognise: explained from the AADSTS catalog when it carries a code. */
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

const tenantNotFound = (check: CheckId, message: string, nextStep: string, detail: string | undefined) =>
  diagnoseFinding(finding('error', 'TENANT_NOT_FOUND', message, nextStep, { detail }), 'tenant', online(check));

const clientAppNotFound = (check: CheckId, message: string, nextStep: string, detail: string | undefined) =>
  diagnoseFinding(finding('error', 'CLIENT_APP_NOT_FOUND', message, nextStep, { detail }), 'clientId', online(check));

/** The app-only token of a successful client-credentials answer, if its body carries one. */
function accessTokenOf(response: EntraResponse): string | undefined {
  if (response.status !== 200) return undefined;
  try {
    const j = JSON.parse(response.body) as { access_token?: unknown };
    return typeof j.access_token === 'string' ? j.access_token : undefined;
  } catch {
    return undefined;
  }
}

// --- tenant discovery ---------------------------------------------------------------------------------------
export function skipTenant(input: DiagnoseInput): DiagnoseFinding[] | undefined {
  if (tenantSegment(input) !== '') return undefined;
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
}

/** The tenant's OpenID configuration: found (with its id, region and cloud), unknown, or in another cloud. */
export function processDiscovery(input: DiagnoseInput, response: EntraResponse): DiagnoseFinding[] {
  const seg = tenantSegment(input);
  const { status, body } = response;
  if (status !== 200) {
    const a = aadstsOf(body);
    if (a?.code === 90002 || status === 400 || status === 404) {
      return [
        tenantNotFound(
          'tenant',
          `Tenant "${seg}" does not exist in ${input.cloud === 'custom' ? 'this authority' : hostsFor(input.cloud).label} (AADSTS90002): a typo, an unverified domain, or a tenant of another cloud.`,
          'Copy the Directory (tenant) ID from the app registration Overview, and check the cloud.',
          a?.text,
        ),
      ];
    }
    return [unexpected('tenant', 'tenant', status, body, input.preset)];
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

// --- client id and secret -----------------------------------------------------------------------------------
export interface CredentialsResult {
  readonly findings: DiagnoseFinding[];
  /** The app-only Graph token, when Entra issued one: the permissions check reads its roles. */
  readonly token?: string;
}

export function skipCredentials(input: DiagnoseInput): CredentialsResult | undefined {
  const notChecked = (message: string, nextStep: string, field: FieldKey): CredentialsResult => ({
    findings: [
      diagnoseFinding(finding('info', 'CREDENTIALS_NOT_CHECKED', message, nextStep), field, online('credentials')),
    ],
  });
  if (clean(input.clientSecret) === '')
    return notChecked(
      'No client secret entered, so the client id and secret were not tested.',
      'Enter the secret Value to test it.',
      'clientSecret',
    );
  if (clean(input.clientId) === '' || tenantSegment(input) === '')
    return notChecked(
      'Client ID or tenant missing; credentials not tested.',
      'Fill in the client id and tenant.',
      'clientId',
    );
  return undefined;
}

/** A client-credentials answer for Graph's /.default: accepted, or which of id, secret and tenant is wrong. */
export function processClientCredentials(input: DiagnoseInput, response: EntraResponse): CredentialsResult {
  const { status, body } = response;
  if (status === 200) {
    const token = accessTokenOf(response);
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
  const secretFinding = (code: string, message: string, nextStep: string): CredentialsResult => ({
    findings: [
      diagnoseFinding(
        finding('error', code, message, nextStep, { detail: a?.text }),
        'clientSecret',
        online('credentials'),
      ),
    ],
  });
  switch (a?.code) {
    case 7000215:
      return isGuid(clean(input.clientSecret))
        ? secretFinding(
            'CLIENT_SECRET_IS_SECRET_ID',
            'Entra rejected the secret (AADSTS7000215), and it is a GUID: the Secret ID was used instead of the secret Value.',
            'Copy the Value column of the secret (or create a new secret and copy its Value).',
          )
        : secretFinding(
            'CLIENT_SECRET_WRONG',
            'Entra rejected the client secret (AADSTS7000215): wrong, deleted, or replaced by a newer one.',
            'Create a new client secret and paste its Value.',
          );
    case 7000222:
      return secretFinding(
        'CLIENT_SECRET_EXPIRED',
        'The client secret has expired (AADSTS7000222).',
        'Create a new client secret, update the product with its Value, then delete the expired one.',
      );
    case 700016:
    case 700011:
      return {
        findings: [
          clientAppNotFound(
            'credentials',
            `No app with client id ${clean(input.clientId)} exists in tenant ${tenantSegment(input)} (AADSTS${a.code}).`,
            'Check the Application (client) ID and that the tenant is the one holding the registration.',
            a.text,
          ),
        ],
      };
    case 90002:
      return {
        findings: [
          tenantNotFound(
            'credentials',
            `Tenant "${tenantSegment(input)}" was not found (AADSTS90002).`,
            'Copy the Directory (tenant) ID from Overview and check the cloud.',
            a.text,
          ),
        ],
      };
    default:
      return { findings: [unexpected('credentials', 'clientSecret', status, body, input.preset)] };
  }
}

// --- application permissions --------------------------------------------------------------------------------
/** The application permissions (app-only roles) the preset needs for the selected protocols. */
export function neededPermissions(input: DiagnoseInput): { resource: 'graph' | 'outlook'; role: string }[] {
  return presetById(input.preset)
    .protocols.filter((p) => input.protocols.includes(p.id))
    .flatMap((p) => p.applicationPermissions ?? []);
}

/**
 * Whether the app-only tokens carry the roles the preset needs: the Graph token from the credentials check, and
 * (when an Exchange role is needed) the answer to a client-credentials request for Exchange's /.default.
 */
export function processPermissions(
  input: DiagnoseInput,
  graphToken: string | undefined,
  outlookResponse?: EntraResponse,
): DiagnoseFinding[] {
  const preset = presetById(input.preset);
  const needed = neededPermissions(input);
  if (needed.length === 0)
    return [
      diagnoseFinding(
        finding(
          'info',
          'APP_PERMISSIONS_NOT_NEEDED',
          `Not needed: ${preset.label} uses delegated permissions for the selected protocols, so no application permission was checked.`,
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
  const rolesIn = (token: string | undefined): string[] => {
    const d = token === undefined ? undefined : decodeToken(token);
    return d?.ok ? rolesOf(d.claims) : [];
  };
  const granted = {
    graph: rolesIn(graphToken),
    outlook: rolesIn(outlookResponse === undefined ? undefined : accessTokenOf(outlookResponse)),
  };
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
        `${preset.label} needs the ${m.resource === 'graph' ? 'Microsoft Graph' : 'Office 365 Exchange Online'} application permission ${m.role} with admin consent, but the app-only token does not carry it (granted: ${granted[m.resource].join(', ') || 'none'}).`,
        `In API permissions, add ${m.role} as an Application permission (not Delegated) and click "Grant admin consent".`,
      ),
      'scopes',
      online('permissions'),
    ),
  );
}

// --- redirect URI registration ------------------------------------------------------------------------------
export function skipRedirect(input: DiagnoseInput): DiagnoseFinding[] | undefined {
  if (clean(input.redirectUri) !== '' && clean(input.clientId) !== '' && tenantSegment(input) !== '') return undefined;
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
}

/** The answer to an authorize request that is never completed: the redirect URI registered, or Entra's refusal. */
export function processRedirect(input: DiagnoseInput, response: EntraResponse): DiagnoseFinding[] {
  const redirect = clean(input.redirectUri);
  const seg = tenantSegment(input);
  const location = response.location ?? '';
  const { status, body } = response;
  const p = parseErrorText(`${location}\n${body}`);
  const codes = p.codes.map((c) => c.code);
  const words = p.codes[0]?.serverText;
  if (codes.includes(50011)) {
    // Say the same as the offline check about a trailing slash: the product and the registration must match exactly,
    // and the product's own URI has no slash.
    const slash = /^https?:\/\/[^/]+\/.+\/$/.test(redirect);
    return [
      diagnoseFinding(
        finding(
          'error',
          'REDIRECT_NOT_REGISTERED',
          `Entra does not have ${redirect} among the app's redirect URIs.`,
          slash
            ? `Use ${redirect.slice(0, -1)} (without the trailing slash) in the product, and make sure exactly that URI is listed under Authentication > Web > Redirect URIs.`
            : 'Add exactly this URI under Authentication > Web > Redirect URIs (same letter case, same trailing slash).',
          { detail: words },
        ),
        'redirectUri',
        online('redirect'),
      ),
    ];
  }
  if (codes.includes(700016) || codes.includes(700011))
    return [
      clientAppNotFound(
        'redirect',
        `No app with client id ${clean(input.clientId)} in tenant ${seg}, so the redirect URI cannot be checked (AADSTS700016).`,
        'Check the Application (client) ID and the tenant.',
        words,
      ),
    ];
  if (codes.includes(90002))
    return [
      tenantNotFound(
        'redirect',
        `Tenant "${seg}" was not found (AADSTS90002).`,
        'Check the tenant and the cloud.',
        words,
      ),
    ];
  const registered = (message: string): DiagnoseFinding[] => [
    diagnoseFinding(
      finding('info', 'REDIRECT_REGISTERED', message, 'Nothing to do.'),
      'redirectUri',
      online('redirect'),
    ),
  ];
  // Entra only sends errors back to a registered redirect URI, so the URI itself is fine.
  if (location !== '' && location.startsWith(redirect))
    return registered('The redirect URI is registered (Entra redirected back to it).');
  if (codes.length > 0) return [unexpected('redirect', 'redirectUri', status, `${location}\n${body}`, input.preset)];
  if (status === 200 || (status >= 300 && status < 400))
    return registered('The redirect URI is registered for this app (the sign-in page was offered).');
  return [unexpected('redirect', 'redirectUri', status, body, input.preset)];
}
