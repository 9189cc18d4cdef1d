// The offline lint rules: each looks at the typed configuration and reports what will break, at which field,
// why, and how to fix it, in the selected product's own field names. Pure and fast enough for every keystroke.
// Sources for the traps: seeds 000 (ServiceOps troubleshooting), 001 (ServiceNow), 003 (Email This Issue),
// 004 (Atlassian KB); see shared/seeds.
import { cloudForLoginHost, sameCloudFamily, type CloudId } from '../cloud/clouds';
import { hostsFor } from '../cloud/hosts';
import { presetById, type Preset } from '../presets';
import {
  classifyScope,
  fillScope,
  scopeHostsFor,
  scopesFor,
  splitScopes,
  type ClassifiedScope,
  type ScopeHosts,
} from '../cloud/scopes';
import { clean, invisibleChars } from '../text/invisible-chars';
import type { ValueSource } from '../presets/schema';
import { EMAIL_RE, isDomain, isGuid } from '../text/identifiers';
import { MASKED_RE, MULTI_TENANT_SEGMENTS, SECRET_CHARS_RE, parseEndpoint, type ParsedEndpoint } from './text-checks';
import { parseUrl, type ParsedUrl } from './url-parse';
import { ACCOUNT_SPOOFING_RULES } from './account-spoofing-rules';
import type { Severity } from '../findings';
import type { DiagnoseInput, FieldKey } from './types';

type KnownCloud = Exclude<CloudId, 'custom'>;

/** Everything the rules need, computed once per lint run. */
export interface LintContext {
  readonly input: DiagnoseInput;
  readonly preset: Preset;
  readonly now: Date;
  /** Cleaned values (invisible characters removed, trimmed). */
  readonly tenant: string;
  readonly clientId: string;
  readonly secret: string;
  readonly redirect: string;
  readonly authorize: ParsedEndpoint | undefined;
  readonly token: ParsedEndpoint | undefined;
  readonly scopeTokens: readonly string[];
  readonly scopes: readonly ClassifiedScope[];
  readonly hosts: ScopeHosts | undefined;
  /** Product's label for a value, e.g. ServiceNow's "Client Secret" vs Jira's "Client secret". */
  readonly label: (v: ValueSource, fallback: string) => string;
}

export interface Hit {
  readonly message: string;
  readonly nextStep: string;
  readonly field?: FieldKey;
  readonly severity?: Severity;
  readonly detail?: string;
}

export interface LintRule {
  readonly code: string;
  readonly severity: Severity;
  readonly field: FieldKey;
  /** One line for docs and the rule table. */
  readonly summary: string;
  readonly check: (c: LintContext) => Hit | readonly Hit[] | undefined;
}

const FIELD_VALUE: Readonly<Partial<Record<FieldKey, ValueSource>>> = {
  tenant: 'tenantId',
  clientId: 'clientId',
  clientSecret: 'clientSecret',
  authorizeUrl: 'authorizeUrl',
  tokenUrl: 'tokenUrl',
  redirectUri: 'redirectUri',
  scopes: 'scopes',
  mailbox: 'mailbox',
  signInAccount: 'signInAccount',
};
const FIELD_FALLBACK: Readonly<Record<FieldKey, string>> = {
  preset: 'Product',
  cloud: 'Cloud',
  protocols: 'Protocols',
  tenant: 'Tenant ID',
  clientId: 'Client ID',
  clientSecret: 'Client secret',
  secretExpiry: 'Secret expiry date',
  authorizeUrl: 'Authorization URL',
  tokenUrl: 'Token URL',
  redirectUri: 'Redirect URI',
  scopes: 'Scopes',
  signInAccount: 'Sign-in account',
  mailbox: 'Mailbox',
};
const fieldLabel = (c: LintContext, f: FieldKey): string => {
  const v = FIELD_VALUE[f];
  return v === undefined ? FIELD_FALLBACK[f] : c.label(v, FIELD_FALLBACK[f]);
};

const rawOf = (i: DiagnoseInput, f: FieldKey): string | undefined => {
  switch (f) {
    case 'tenant':
      return i.tenant;
    case 'clientId':
      return i.clientId;
    case 'clientSecret':
      return i.clientSecret;
    case 'authorizeUrl':
      return i.authorizeUrl;
    case 'tokenUrl':
      return i.tokenUrl;
    case 'redirectUri':
      return i.redirectUri;
    case 'scopes':
      return i.scopes;
    case 'signInAccount':
      return i.signInAccount;
    case 'mailbox':
      return i.mailbox;
    case 'secretExpiry':
      return i.secretExpiry;
    default:
      return undefined;
  }
};

const EXACT_FIELDS: readonly FieldKey[] = [
  'tenant',
  'clientId',
  'clientSecret',
  'authorizeUrl',
  'tokenUrl',
  'redirectUri',
  'signInAccount',
  'mailbox',
];
const ENDPOINT_FIELDS = ['authorizeUrl', 'tokenUrl'] as const;
const endpointOf = (c: LintContext, f: (typeof ENDPOINT_FIELDS)[number]) =>
  f === 'authorizeUrl' ? c.authorize : c.token;

const cloudLabel = (id: KnownCloud) => hostsFor(id).label;
const isUsGov = (id: KnownCloud) => id === 'usgov-high' || id === 'usgov-dod';
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The scopes the selected protocols need, in the preset's order ([] when the hosts are unknown). */
const expectedScopes = (c: LintContext): string[] => (c.hosts ? scopesFor(c.preset, c.input.protocols, c.hosts) : []);

/** The cloud the endpoints point at, when both agree (or only one is given) and the host is known. */
function endpointCloud(c: LintContext): KnownCloud | undefined {
  const clouds = [c.authorize, c.token]
    .flatMap((e) => (e ? [cloudForLoginHost(e.host)] : []))
    .filter((x): x is KnownCloud => x !== undefined);
  return clouds[0];
}

// ------------------------------------------------------------------------------------------------------------
export const RULES: readonly LintRule[] = [
  // --- characters ---------------------------------------------------------------------------------------------
  {
    code: 'FIELD_EDGE_WHITESPACE',
    severity: 'error',
    field: 'clientId',
    summary: 'Leading or trailing spaces, tabs or line breaks in an exact-match field.',
    check: (c) =>
      EXACT_FIELDS.flatMap((f) => {
        const v = rawOf(c.input, f);
        if (v === undefined || v === '' || v.trim() === v) return [];
        const where = /^\s/.test(v) && /\s$/.test(v) ? 'at both ends' : /^\s/.test(v) ? 'at the start' : 'at the end';
        return [
          {
            field: f,
            message: `${fieldLabel(c, f)} has whitespace ${where}; Entra compares it character for character, so a copied space gives "application not found" or a mismatch.`,
            nextStep: `Delete the whitespace ${where} of ${fieldLabel(c, f)}, or copy the value again with the portal's copy button.`,
          },
        ];
      }),
  },
  {
    code: 'FIELD_INNER_WHITESPACE',
    severity: 'error',
    field: 'clientId',
    summary: 'Spaces or line breaks inside an id, secret or URL.',
    check: (c) =>
      EXACT_FIELDS.flatMap((f) => {
        const v = clean(rawOf(c.input, f));
        if (!/\s/.test(v)) return [];
        return [
          {
            field: f,
            message: `${fieldLabel(c, f)} contains a space or line break inside the value; ids, secrets and URLs never do.`,
            nextStep: `Remove the inner whitespace from ${fieldLabel(c, f)} (a copy that wrapped across lines often adds one).`,
          },
        ];
      }),
  },
  {
    code: 'FIELD_INVISIBLE_CHAR',
    severity: 'error',
    field: 'clientId',
    summary: 'Zero-width characters, no-break spaces or direction marks pasted with a value.',
    check: (c) =>
      [...EXACT_FIELDS, 'scopes' as const].flatMap((f) => {
        const names = invisibleChars(rawOf(c.input, f) ?? '');
        if (names.length === 0) return [];
        return [
          {
            field: f,
            message: `${fieldLabel(c, f)} contains invisible characters (${names.join(', ')}) that make it differ from what Entra expects although it looks right.`,
            nextStep: `Clear ${fieldLabel(c, f)} and type or paste it again from the Azure portal's copy button (not from a chat, e-mail or document).`,
            detail: names.join(', '),
          },
        ];
      }),
  },
  // --- tenant and client id -----------------------------------------------------------------------------------
  {
    code: 'TENANT_MISSING',
    severity: 'error',
    field: 'tenant',
    summary: 'No tenant given.',
    check: (c) =>
      c.tenant === ''
        ? {
            message: 'No tenant is set, so the app cannot build or check the tenant-specific endpoints.',
            nextStep:
              'Enter the Directory (tenant) ID from the app registration Overview, or a verified domain such as contoso.com.',
          }
        : undefined,
  },
  {
    code: 'TENANT_FORMAT',
    severity: 'error',
    field: 'tenant',
    summary: 'Tenant is neither a GUID nor a verified-domain name.',
    check: (c) => {
      const t = c.tenant;
      if (t === '' || isGuid(t) || isDomain(t) || MULTI_TENANT_SEGMENTS.has(t.toLowerCase())) return undefined;
      if (t.includes('@'))
        return {
          message: `"${t}" is a user address, not a tenant.`,
          nextStep: `Use the Directory (tenant) ID GUID, or the domain part (${t.split('@').pop() ?? ''}).`,
        };
      if (/^https?:\/\//i.test(t))
        return {
          message: 'The tenant field holds a URL.',
          nextStep: 'Enter only the Directory (tenant) ID GUID or the verified domain, not an endpoint URL.',
        };
      return {
        message: `"${t}" is not a tenant ID (a GUID like 8-4-4-4-12 hex digits) nor a domain name.`,
        nextStep: 'Copy the Directory (tenant) ID from Entra ID > App registrations > your app > Overview.',
      };
    },
  },
  {
    code: 'TENANT_MULTI_TENANT',
    severity: 'warning',
    field: 'tenant',
    summary: 'common / organizations / consumers where the product expects a single-tenant app.',
    check: (c) => {
      const hits: Hit[] = [];
      const consider = (value: string | undefined, field: FieldKey) => {
        const v = (value ?? '').toLowerCase();
        if (!MULTI_TENANT_SEGMENTS.has(v)) return;
        if (v === 'consumers') {
          hits.push({
            field,
            severity: 'error',
            message:
              '"consumers" is the personal Microsoft account endpoint; OAuth for IMAP/POP/SMTP and work mailboxes does not work there.',
            nextStep: 'Use your tenant ID (or organizations for a multitenant app).',
          });
        } else if (c.preset.tenancy === 'single') {
          hits.push({
            field,
            message: `"${v}" is a multitenant endpoint, but ${c.preset.label} is set up with a single-tenant app registration; Entra rejects it for apps created as single tenant (AADSTS50194).`,
            nextStep: `Use the tenant-specific value: your Directory (tenant) ID in ${fieldLabel(c, field)}.`,
          });
        }
      };
      consider(c.tenant, 'tenant');
      for (const f of ENDPOINT_FIELDS) consider(endpointOf(c, f)?.tenantSegment, f);
      return hits;
    },
  },
  {
    code: 'CLIENT_ID_MISSING',
    severity: 'error',
    field: 'clientId',
    summary: 'No client id given.',
    check: (c) =>
      c.clientId === ''
        ? {
            message: `${fieldLabel(c, 'clientId')} is empty.`,
            nextStep: 'Copy the Application (client) ID from the app registration Overview.',
          }
        : undefined,
  },
  {
    code: 'CLIENT_ID_FORMAT',
    severity: 'error',
    field: 'clientId',
    summary: 'Client id is not a GUID.',
    check: (c) =>
      c.clientId === '' || isGuid(c.clientId)
        ? undefined
        : {
            message: `${fieldLabel(c, 'clientId')} "${c.clientId.slice(0, 60)}" is not a GUID; the Application (client) ID always is (8-4-4-4-12 hex digits).`,
            nextStep: 'Copy the Application (client) ID from Overview, not the app name or the Object ID field label.',
          },
  },
  {
    code: 'CLIENT_ID_IS_TENANT',
    severity: 'warning',
    field: 'clientId',
    summary: 'Client id equals the tenant id.',
    check: (c) =>
      c.clientId !== '' && isGuid(c.clientId) && c.clientId.toLowerCase() === c.tenant.toLowerCase()
        ? {
            message: `${fieldLabel(c, 'clientId')} is the same GUID as the tenant: the Directory (tenant) ID was probably pasted in both fields.`,
            nextStep: 'Copy the Application (client) ID, the first GUID on the Overview page.',
          }
        : undefined,
  },
  // --- secret ---------------------------------------------------------------------------------------------------
  {
    code: 'SECRET_IS_SECRET_ID',
    severity: 'error',
    field: 'clientSecret',
    summary: 'The secret is a GUID: the Secret ID, not the secret Value.',
    check: (c) =>
      isGuid(c.secret)
        ? {
            message: `${fieldLabel(c, 'clientSecret')} is a GUID: that is the Secret ID column, not the secret Value. Entra answers AADSTS7000215 (invalid client secret).`,
            nextStep:
              'In Certificates & secrets, copy the Value column (shown only right after creation); if it is hidden now, create a new secret and copy its Value.',
          }
        : undefined,
  },
  {
    code: 'SECRET_SHAPE',
    severity: 'warning',
    field: 'clientSecret',
    summary: 'The secret does not look like an Entra secret value (length, characters, masked).',
    check: (c) => {
      const s = c.secret;
      if (s === '' || isGuid(s)) return undefined;
      if (MASKED_RE.test(s))
        return {
          message: `${fieldLabel(c, 'clientSecret')} looks masked (asterisks); the portal hides a secret's Value after you leave the page.`,
          nextStep: 'Create a new client secret and copy its Value immediately.',
        };
      if (s.length < 24 || s.length > 64)
        return {
          message: `${fieldLabel(c, 'clientSecret')} is ${s.length} characters long; Entra secret values are about 40 characters.`,
          nextStep: 'Check that the whole Value was copied (and nothing else), or create a new secret.',
        };
      if (!SECRET_CHARS_RE.test(s))
        return {
          message: `${fieldLabel(c, 'clientSecret')} contains characters Entra never puts in a secret value (quotes, commas, non-ASCII…).`,
          nextStep: 'Copy the Value again with the portal copy button; remove quotes or labels copied with it.',
        };
      return undefined;
    },
  },
  {
    code: 'SECRET_EXPIRED',
    severity: 'error',
    field: 'secretExpiry',
    summary: 'The secret expiry date is in the past.',
    check: (c) => {
      const d = parseDate(c.input.secretExpiry);
      return d !== undefined && d.getTime() < c.now.getTime()
        ? {
            message: `The client secret expired on ${d.toISOString().slice(0, 10)}; Entra answers AADSTS7000222 and the product shows invalid_client.`,
            nextStep: `Create a new client secret (12 or 24 months), put its Value in ${fieldLabel(c, 'clientSecret')}, then delete the expired one.`,
          }
        : undefined;
    },
  },
  {
    code: 'SECRET_EXPIRING',
    severity: 'warning',
    field: 'secretExpiry',
    summary: 'The secret expires within 30 days.',
    check: (c) => {
      const d = parseDate(c.input.secretExpiry);
      if (d === undefined) return undefined;
      const days = (d.getTime() - c.now.getTime()) / 86_400_000;
      return days >= 0 && days <= 30
        ? {
            message: `The client secret expires in ${Math.ceil(days)} day(s) (${d.toISOString().slice(0, 10)}); mail stops that day and Azure sends no reminder.`,
            nextStep: `Create a new secret now, update ${fieldLabel(c, 'clientSecret')} in ${c.preset.label}, test, then delete the old one.`,
          }
        : undefined;
    },
  },
  {
    code: 'SECRET_EXPIRY_INVALID',
    severity: 'info',
    field: 'secretExpiry',
    summary: 'The expiry date cannot be read.',
    check: (c) => {
      const raw = clean(c.input.secretExpiry);
      return raw !== '' && parseDate(raw) === undefined
        ? {
            message: `"${raw.slice(0, 40)}" is not a date the app can read, so expiry is not checked.`,
            nextStep: 'Enter it as YYYY-MM-DD, as shown in the Expires column.',
          }
        : undefined;
    },
  },
  // --- endpoints ------------------------------------------------------------------------------------------------
  {
    code: 'ENDPOINT_INVALID',
    severity: 'error',
    field: 'authorizeUrl',
    summary: 'Endpoint is not an Entra OAuth endpoint URL.',
    check: (c) =>
      ENDPOINT_FIELDS.flatMap((f) => {
        const raw = clean(rawOf(c.input, f));
        if (raw === '') return [];
        const e = endpointOf(c, f);
        if (!e)
          return [
            {
              field: f,
              message: `${fieldLabel(c, f)} is not a valid https URL.`,
              nextStep: `Copy the "OAuth 2.0 ${f === 'authorizeUrl' ? 'authorization' : 'token'} endpoint (v2)" from Overview > Endpoints.`,
            },
          ];
        if (e.url.protocol !== 'https:')
          return [
            {
              field: f,
              message: `${fieldLabel(c, f)} uses http; Entra endpoints are https only.`,
              nextStep: 'Change http:// to https://.',
            },
          ];
        if (e.version === undefined)
          return [
            {
              field: f,
              message: `${fieldLabel(c, f)} does not have the shape https://<login host>/<tenant>/oauth2/v2.0/${f === 'authorizeUrl' ? 'authorize' : 'token'}.`,
              nextStep: `Copy the "OAuth 2.0 ${f === 'authorizeUrl' ? 'authorization' : 'token'} endpoint (v2)" from Overview > Endpoints.`,
            },
          ];
        return [];
      }),
  },
  {
    code: 'ENDPOINT_V1',
    severity: 'error',
    field: 'authorizeUrl',
    summary: 'v1 endpoint (/oauth2/authorize without /v2.0/).',
    check: (c) =>
      ENDPOINT_FIELDS.flatMap((f) => {
        const e = endpointOf(c, f);
        if (!e || e.version !== 'v1') return [];
        const fixed = `${e.url.origin}/${e.tenantSegment ?? '<tenant>'}/oauth2/v2.0/${e.kind === 'other' ? (f === 'authorizeUrl' ? 'authorize' : 'token') : e.kind}`;
        return [
          {
            field: f,
            message: `${fieldLabel(c, f)} is a v1 endpoint (no /v2.0/): it expects a resource, ignores the scope string and gives tokens the mailbox rejects (401).`,
            nextStep: `Use ${fixed}`,
          },
        ];
      }),
  },
  {
    code: 'ENDPOINT_SWAPPED',
    severity: 'error',
    field: 'authorizeUrl',
    summary: 'Authorize URL points at /token or the reverse.',
    check: (c) => {
      const hits: Hit[] = [];
      if (c.authorize && c.authorize.kind === 'token')
        hits.push({
          field: 'authorizeUrl',
          message: `${fieldLabel(c, 'authorizeUrl')} ends in /token; the browser must be sent to /authorize.`,
          nextStep: 'Put the authorization endpoint here and the token endpoint in the token field.',
        });
      if (c.token && c.token.kind === 'authorize')
        hits.push({
          field: 'tokenUrl',
          message: `${fieldLabel(c, 'tokenUrl')} ends in /authorize; the code is redeemed at /token.`,
          nextStep: 'Put the token endpoint here and the authorization endpoint in its own field.',
        });
      return hits;
    },
  },
  {
    code: 'ENDPOINT_UNKNOWN_HOST',
    severity: 'warning',
    field: 'authorizeUrl',
    summary: 'Endpoint host is not a Microsoft login host.',
    check: (c) =>
      c.input.cloud === 'custom'
        ? undefined
        : ENDPOINT_FIELDS.flatMap((f) => {
            const e = endpointOf(c, f);
            if (!e || e.version === undefined || cloudForLoginHost(e.host) !== undefined) return [];
            return [
              {
                field: f,
                message: `${fieldLabel(c, f)} points at ${e.host}, which is not a Microsoft login host for any cloud.`,
                nextStep: `Use https://${hostsFor(c.input.cloud).loginHost ?? '<login host>'}/<tenant>/oauth2/v2.0/… for ${cloudLabel(c.input.cloud as KnownCloud)}.`,
              },
            ];
          }),
  },
  {
    code: 'ENDPOINT_TENANT_MISMATCH',
    severity: 'error',
    field: 'authorizeUrl',
    summary: 'The tenant in the endpoint URL differs from the tenant field.',
    check: (c) =>
      ENDPOINT_FIELDS.flatMap((f) => {
        const seg = endpointOf(c, f)?.tenantSegment;
        if (
          seg === undefined ||
          c.tenant === '' ||
          MULTI_TENANT_SEGMENTS.has(seg.toLowerCase()) ||
          MULTI_TENANT_SEGMENTS.has(c.tenant.toLowerCase())
        )
          return [];
        // A GUID and a domain can name the same tenant; only the online check can tell, so compare like with like.
        const sameKind = (isGuid(seg) && isGuid(c.tenant)) || (isDomain(seg) && isDomain(c.tenant));
        if (!sameKind || seg.toLowerCase() === c.tenant.toLowerCase()) return [];
        return [
          {
            field: f,
            message: `${fieldLabel(c, f)} names tenant ${seg}, but the tenant is ${c.tenant}; tokens are requested from the wrong directory (AADSTS700016 or 90002).`,
            nextStep: `Use the same Directory (tenant) ID in ${fieldLabel(c, f)} and ${fieldLabel(c, 'tenant')}.`,
          },
        ];
      }),
  },
  {
    code: 'ENDPOINT_PAIR_MISMATCH',
    severity: 'error',
    field: 'tokenUrl',
    summary: 'Authorize and token URLs name different tenants or hosts.',
    check: (c) => {
      const a = c.authorize;
      const t = c.token;
      if (!a || !t || a.tenantSegment === undefined || t.tenantSegment === undefined) return undefined;
      if (a.host === t.host && a.tenantSegment.toLowerCase() === t.tenantSegment.toLowerCase()) return undefined;
      return {
        message: `The authorization URL (${a.host}/${a.tenantSegment}) and the token URL (${t.host}/${t.tenantSegment}) disagree; a code from one is rejected by the other (AADSTS700005).`,
        nextStep: 'Copy both URLs from the same Overview > Endpoints page.',
      };
    },
  },
  {
    code: 'ENDPOINT_CLOUD_MISMATCH',
    severity: 'error',
    field: 'authorizeUrl',
    summary: 'Endpoint belongs to another cloud than the one selected.',
    check: (c) => {
      if (c.input.cloud === 'custom') return undefined;
      const sel = c.input.cloud;
      return ENDPOINT_FIELDS.flatMap((f) => {
        const e = endpointOf(c, f);
        const ec = e ? cloudForLoginHost(e.host) : undefined;
        if (!e || ec === undefined || sameCloudFamily(ec, sel)) return [];
        return [
          {
            field: f,
            message: `${fieldLabel(c, f)} uses ${e.host} (${cloudLabel(ec)}) but the cloud is ${cloudLabel(sel)}; each cloud has its own directory, so the app and tenant are not found there.`,
            nextStep: `Use https://${hostsFor(sel).loginHost ?? '<login host>'}/… or pick the cloud your tenant lives in.`,
          },
        ];
      });
    },
  },
  {
    code: 'IMPLICIT_GRANT_HINT',
    severity: 'warning',
    field: 'authorizeUrl',
    summary: 'Authorize URL asks for tokens directly (implicit / hybrid flow).',
    check: (c) => {
      const q = c.authorize?.url.query;
      if (!q) return undefined;
      const rt = (q.get('response_type') ?? '').split(/\s+/);
      const implicit = rt.includes('token') || rt.includes('id_token');
      const fragment = q.get('response_mode') === 'fragment';
      if (!implicit && !fragment) return undefined;
      return {
        message: `The authorization URL requests ${implicit ? `response_type=${q.get('response_type') ?? ''}` : 'response_mode=fragment'}: that is the implicit/hybrid flow, which mail products do not use and which needs the implicit grant boxes enabled.`,
        nextStep:
          'Use response_type=code only, and in Authentication leave "Access tokens" and "ID tokens" under Implicit grant and hybrid flows unchecked.',
      };
    },
  },
  // --- scopes ----------------------------------------------------------------------------------------------------
  {
    code: 'SCOPES_MISSING',
    severity: 'error',
    field: 'scopes',
    summary: 'No scopes.',
    check: (c) =>
      c.scopeTokens.length === 0
        ? {
            message: `${fieldLabel(c, 'scopes')} is empty, so the token would carry no mail permission.`,
            nextStep: `Enter: ${expectedScopes(c).join(' ') || 'the scopes for your protocol'}`,
          }
        : undefined,
  },
  {
    code: 'SCOPE_SEPARATOR',
    severity: 'error',
    field: 'scopes',
    summary: 'Scopes separated by commas or semicolons.',
    check: (c) => {
      const m = /[,;]/.exec(c.input.scopes);
      return m
        ? {
            message: `${fieldLabel(c, 'scopes')} uses "${m[0]}" between scopes; Entra reads the whole thing as one unknown scope (AADSTS70011).`,
            nextStep: `Separate scopes with single spaces: ${c.scopeTokens.join(' ')}`,
          }
        : undefined;
    },
  },
  {
    code: 'SCOPE_NEWLINE',
    severity: 'error',
    field: 'scopes',
    summary: 'Line breaks in a single-line scope field.',
    check: (c) =>
      c.preset.scopeEntry === 'single-field' && /[\r\n]/.test(c.input.scopes.trim())
        ? {
            message: `${fieldLabel(c, 'scopes')} contains line breaks; ${c.preset.label} sends the field as typed, and a line break is not a scope separator.`,
            nextStep: `Put all scopes on one line separated by single spaces: ${c.scopeTokens.join(' ')}`,
          }
        : undefined,
  },
  {
    code: 'SCOPE_EXTRA_SPACES',
    severity: 'warning',
    field: 'scopes',
    summary: 'Leading, trailing or doubled spaces in the scope string.',
    check: (c) => {
      if (c.preset.scopeEntry !== 'single-field') return undefined;
      const s = c.input.scopes;
      if (s === '' || /[\r\n,;]/.test(s)) return undefined;
      return s !== s.trim() || / {2,}|\t/.test(s)
        ? {
            message: `${fieldLabel(c, 'scopes')} has extra spaces at the ends or between scopes; some products pass them on and the request fails.`,
            nextStep: `Use exactly: ${c.scopeTokens.join(' ')}`,
          }
        : undefined;
    },
  },
  {
    code: 'SCOPE_DUPLICATE',
    severity: 'warning',
    field: 'scopes',
    summary: 'The same scope listed twice.',
    check: (c) => {
      const seen = new Set<string>();
      const dups: string[] = [];
      for (const s of c.scopes) {
        const k = `${s.resource}|${s.host ?? ''}|${s.name.toLowerCase()}`;
        if (seen.has(k) && !dups.includes(s.raw)) dups.push(s.raw);
        seen.add(k);
      }
      return dups.length
        ? {
            message: `${fieldLabel(c, 'scopes')} lists ${dups.join(', ')} more than once.`,
            nextStep: 'Keep each scope once.',
            detail: dups.join(' '),
          }
        : undefined;
    },
  },
  {
    code: 'SCOPE_OFFLINE_ACCESS_MISSING',
    severity: 'error',
    field: 'scopes',
    summary: 'offline_access missing: no refresh token.',
    check: (c) =>
      c.scopeTokens.length > 0 && !c.scopes.some((s) => s.name.toLowerCase() === 'offline_access')
        ? {
            message:
              'offline_access is not requested, so no refresh token is issued: mail works for about an hour and then stops.',
            nextStep: `Add offline_access to ${fieldLabel(c, 'scopes')} (and as a delegated permission on the app registration).`,
          }
        : undefined,
  },
  {
    code: 'SCOPE_MIXED_RESOURCES',
    severity: 'error',
    field: 'scopes',
    summary: 'Scopes of two resources (Graph and Exchange) in one token request.',
    check: (c) => {
      const res = new Set(
        c.scopes
          .filter((s) => s.resource === 'graph' || s.resource === 'outlook')
          .map((s) => `${s.resource}:${s.form === 'short' ? 'short' : s.host}`),
      );
      const kinds = new Set(
        c.scopes.filter((s) => s.resource === 'graph' || s.resource === 'outlook').map((s) => s.resource),
      );
      if (kinds.size < 2 && res.size < 2) return undefined;
      if (kinds.size < 2) {
        const hosts = new Set(
          c.scopes
            .filter((s) => s.form === 'full' && (s.resource === 'graph' || s.resource === 'outlook'))
            .map((s) => s.host),
        );
        if (hosts.size < 2) return undefined;
      }
      return {
        message:
          'The scopes name two resources (e.g. Graph and Exchange Online); one access token is for one resource, so Entra refuses the request (AADSTS28000 / 700022).',
        nextStep:
          'Keep only the scopes of one resource per product configuration; configure Graph and IMAP/SMTP as separate OAuth profiles.',
      };
    },
  },
  {
    code: 'SCOPE_SHORT_EXCHANGE',
    severity: 'error',
    field: 'scopes',
    summary: 'Exchange permission written as a short name (means Graph).',
    check: (c) => {
      const bad = c.scopes.filter((s) => s.resource === 'outlook' && s.form === 'short').map((s) => s.raw);
      const host = (c.hosts ?? scopeHostsFor('global')).outlook;
      return bad.length
        ? {
            message: `${bad.join(', ')} written without a resource is resolved against Microsoft Graph, where that permission does not exist; Exchange rejects the token.`,
            nextStep: `Write the full URI: ${bad.map((b) => `https://${host}/${b}`).join(' ')}`,
          }
        : undefined;
    },
  },
  {
    code: 'SCOPE_SHORT_NAME',
    severity: 'warning',
    field: 'scopes',
    summary: 'Short scope names where the product needs full URIs.',
    check: (c) => {
      if (c.preset.scopeFormat !== 'full-uri') return undefined;
      const bad = c.scopes.filter((s) => s.resource === 'graph' && s.form === 'short').map((s) => s.raw);
      const host = (c.hosts ?? scopeHostsFor('global')).graph;
      return bad.length
        ? {
            message: `${c.preset.label} expects full scope URIs; ${bad.join(', ')} ${bad.length > 1 ? 'are' : 'is'} a short name.`,
            nextStep: `Use ${bad.map((b) => `https://${host}/${b}`).join(' ')}`,
          }
        : undefined;
    },
  },
  {
    code: 'SCOPE_PROTOCOL_MISMATCH',
    severity: 'error',
    field: 'scopes',
    summary: 'Graph scopes with an IMAP/POP/SMTP protocol, or Exchange scopes with Graph.',
    check: (c) => {
      const wantsExchange = c.input.protocols.some((p) => p === 'imap' || p === 'pop' || p === 'smtp' || p === 'ews');
      const wantsGraph = c.input.protocols.some((p) => p === 'graph-read' || p === 'graph-send');
      const hasGraph = c.scopes.some((s) => s.resource === 'graph' && s.name.toLowerCase() !== 'offline_access');
      const hasExchange = c.scopes.some((s) => s.resource === 'outlook');
      if (wantsExchange && !wantsGraph && hasGraph && !hasExchange)
        return {
          message:
            'The protocol is IMAP/POP/SMTP but the scopes are Microsoft Graph permissions; the token is for Graph and the mail server rejects it (AUTHENTICATE failed).',
          nextStep: `Use the Exchange scopes: ${expectedScopes(c).join(' ')}`,
        };
      if (wantsGraph && !wantsExchange && hasExchange && !hasGraph)
        return {
          message:
            'The protocol is Microsoft Graph but the scopes are Exchange IMAP/POP/SMTP permissions; Graph rejects that token (401).',
          nextStep: `Use the Graph scopes: ${expectedScopes(c).join(' ')}`,
        };
      return undefined;
    },
  },
  {
    code: 'SCOPE_MISSING_FOR_PROTOCOL',
    severity: 'warning',
    field: 'scopes',
    summary: 'A selected protocol has no scope in the scope string.',
    check: (c) => {
      if (!c.hosts || c.scopeTokens.length === 0) return undefined;
      const names = new Set(c.scopes.map((s) => s.name.toLowerCase()));
      return c.preset.protocols
        .filter((p) => c.input.protocols.includes(p.id))
        .flatMap((p) => {
          const main = p.scopes
            .map((s) => fillScope(s, c.hosts as ScopeHosts))
            .filter((s) => !/offline_access$/.test(s));
          const missing = main.filter((m) => !names.has((m.split('/').pop() ?? m).toLowerCase()));
          return missing.length
            ? [
                {
                  message: `${p.label} is selected but ${missing.join(', ')} is not requested.`,
                  nextStep: `Add ${missing.join(' ')} to ${fieldLabel(c, 'scopes')}, or unselect ${p.label}.`,
                },
              ]
            : [];
        });
    },
  },
  {
    code: 'SCOPE_GCC_HIGH_ON_GLOBAL',
    severity: 'error',
    field: 'scopes',
    summary: 'US Government (.us) scopes with Global endpoints or cloud.',
    check: (c) =>
      scopeCloudHit(
        c,
        (scope, ref) => isUsGov(scope) && ref === 'global',
        (ref, src) => ({
          message: `The scopes use US Government (.us) hosts but the ${src} ${src === 'endpoints' ? 'are' : 'is'} ${cloudLabel(ref)}; GCC High scopes on a commercial or plain GCC tenant fail.`,
          nextStep: `Use the ${cloudLabel(ref)} scopes: ${expectedScopes(c).join(' ') || 'https://outlook.office.com/…'}`,
        }),
      ),
  },
  {
    code: 'SCOPE_GLOBAL_ON_GCC_HIGH',
    severity: 'error',
    field: 'scopes',
    summary: 'Global scopes with US Government endpoints or cloud.',
    check: (c) =>
      scopeCloudHit(
        c,
        (scope, ref) => scope === 'global' && isUsGov(ref),
        (ref, src) => ({
          message: `The scopes use Global hosts (outlook.office.com / graph.microsoft.com) but the ${src} ${src === 'endpoints' ? 'are' : 'is'} ${cloudLabel(ref)}; a GCC High or DoD tenant needs the .us resources.`,
          nextStep: `Use the ${cloudLabel(ref)} scopes: ${expectedScopes(c).join(' ')}`,
        }),
      ),
  },
  {
    code: 'SCOPE_CLOUD_MISMATCH',
    severity: 'error',
    field: 'scopes',
    summary: 'Scopes of another cloud than the endpoints or the selected cloud (other than the GCC cases).',
    check: (c) =>
      scopeCloudHit(
        c,
        (scope, ref) =>
          !sameCloudFamily(scope, ref) &&
          !(isUsGov(scope) && ref === 'global') &&
          !(scope === 'global' && isUsGov(ref)),
        (ref, src) => ({
          message: `Some scopes belong to another cloud than the ${src} (${cloudLabel(ref)}); the resource does not exist in that cloud.`,
          nextStep: `Use the ${cloudLabel(ref)} scope hosts: ${expectedScopes(c).join(' ')}`,
        }),
      ),
  },
  // --- redirect URI ------------------------------------------------------------------------------------------------
  {
    code: 'REDIRECT_MISSING',
    severity: 'error',
    field: 'redirectUri',
    summary: 'No redirect URI.',
    check: (c) =>
      c.redirect === ''
        ? { message: `${fieldLabel(c, 'redirectUri')} is empty.`, nextStep: c.preset.redirect.howToFill }
        : undefined,
  },
  {
    code: 'REDIRECT_INVALID',
    severity: 'error',
    field: 'redirectUri',
    summary: 'Redirect URI is not an absolute URL.',
    check: (c) =>
      c.redirect !== '' && redirectUrl(c) === undefined
        ? {
            message: `${fieldLabel(c, 'redirectUri')} is not an absolute URL (https://host/path).`,
            nextStep: c.preset.redirect.howToFill,
          }
        : undefined,
  },
  {
    code: 'REDIRECT_NOT_HTTPS',
    severity: 'error',
    field: 'redirectUri',
    summary: 'Redirect URI uses http (not localhost).',
    check: (c) => {
      const u = redirectUrl(c);
      return u && u.protocol === 'http:' && !LOCAL_HOSTS.has(u.hostname)
        ? {
            message: `${fieldLabel(c, 'redirectUri')} uses http; Entra accepts http only for localhost, and the product's callback must be the exact https URL.`,
            nextStep: `Use https://${u.host}${u.pathname} here and in the app registration.`,
          }
        : undefined;
    },
  },
  {
    code: 'REDIRECT_LOCALHOST',
    severity: 'error',
    field: 'redirectUri',
    summary: 'http://localhost redirect for a server-side (Web platform) product.',
    check: (c) => {
      const u = redirectUrl(c);
      if (!u || !LOCAL_HOSTS.has(u.hostname)) return undefined;
      const generic = c.preset.id === 'generic';
      return {
        severity: generic ? 'warning' : 'error',
        message: `${fieldLabel(c, 'redirectUri')} points at ${u.hostname}: the browser would hand the code to the admin's own machine, not to ${generic ? 'a server-side product' : c.preset.label}.`,
        nextStep: generic
          ? 'Use localhost only for a script that listens on that port on the same machine; otherwise use the product URL.'
          : c.preset.redirect.howToFill,
      };
    },
  },
  {
    code: 'REDIRECT_FRAGMENT_OR_QUERY',
    severity: 'warning',
    field: 'redirectUri',
    summary: 'Redirect URI with a #fragment or ?query.',
    check: (c) => {
      const u = redirectUrl(c);
      if (!u) return undefined;
      if (u.hash)
        return {
          severity: 'error',
          message: `${fieldLabel(c, 'redirectUri')} contains a #fragment, which Entra does not allow in redirect URIs.`,
          nextStep: 'Remove everything from # on.',
        };
      if (u.search)
        return {
          message: `${fieldLabel(c, 'redirectUri')} has a query string; it must match the registered URI exactly, query included.`,
          nextStep:
            'Register exactly this URI including the query, or remove the query if the product does not send it.',
        };
      return undefined;
    },
  },
  {
    code: 'REDIRECT_HOST_MISMATCH',
    severity: 'warning',
    field: 'redirectUri',
    summary: 'Redirect host does not fit the product template.',
    check: (c) => {
      const t = templateParts(c);
      const u = redirectUrl(c);
      if (!t || !u || t.hostSuffix === '' || LOCAL_HOSTS.has(u.hostname) || u.hostname.endsWith(t.hostSuffix))
        return undefined;
      return {
        message: `${c.preset.label} callbacks are on *${t.hostSuffix}, but ${fieldLabel(c, 'redirectUri')} is on ${u.hostname}.`,
        nextStep: c.preset.redirect.howToFill,
      };
    },
  },
  {
    code: 'REDIRECT_TRAILING_SLASH',
    severity: 'error',
    field: 'redirectUri',
    summary: 'Trailing slash where the product template has none.',
    check: (c) => {
      const t = templateParts(c);
      const u = redirectUrl(c);
      return t && u && u.pathname === `${t.path}/`
        ? {
            message: `${fieldLabel(c, 'redirectUri')} ends with a slash; ${c.preset.label} sends ${t.path} without one and Entra needs a character-perfect match (AADSTS50011).`,
            nextStep: `Remove the trailing slash here and in the app registration: ${u.origin}${t.path}`,
          }
        : undefined;
    },
  },
  {
    code: 'REDIRECT_PATH_CASE',
    severity: 'error',
    field: 'redirectUri',
    summary: 'Redirect path differs only in letter case from the template.',
    check: (c) => {
      const t = templateParts(c);
      const u = redirectUrl(c);
      return t && u && u.pathname !== t.path && u.pathname.toLowerCase() === t.path.toLowerCase()
        ? {
            message: `The path ${u.pathname} differs in letter case from ${t.path}; redirect URI paths are case-sensitive (AADSTS50011).`,
            nextStep: `Use ${u.origin}${t.path}`,
          }
        : undefined;
    },
  },
  {
    code: 'REDIRECT_PATH_MISMATCH',
    severity: 'error',
    field: 'redirectUri',
    summary: 'Redirect path is not the product callback path.',
    check: (c) => {
      const t = templateParts(c);
      const u = redirectUrl(c);
      if (!t || !u || LOCAL_HOSTS.has(u.hostname)) return undefined;
      const p = u.pathname;
      if (p === t.path || p === `${t.path}/` || p.toLowerCase() === t.path.toLowerCase()) return undefined;
      return {
        severity: c.preset.redirect.templateVerified ? 'error' : 'warning',
        message: `${c.preset.label} receives the code at ${t.path}, but ${fieldLabel(c, 'redirectUri')} has the path ${p}.`,
        nextStep: `Use ${u.origin}${t.path} (${c.preset.redirect.howToFill})`,
      };
    },
  },
  {
    code: 'REDIRECT_PORT',
    severity: 'warning',
    field: 'redirectUri',
    summary: 'Explicit port where the product template has none.',
    check: (c) => {
      const t = templateParts(c);
      const u = redirectUrl(c);
      if (!t || !u || LOCAL_HOSTS.has(u.hostname)) return undefined;
      return u.port !== ''
        ? {
            message: `${fieldLabel(c, 'redirectUri')} names a port (${u.port}); the product's callback has none, and Entra compares the port as written.`,
            nextStep: `Use ${u.protocol}//${u.hostname}${u.pathname} unless the product really shows that port.`,
          }
        : undefined;
    },
  },
  // --- accounts -------------------------------------------------------------------------------------------------------
  {
    code: 'ACCOUNT_FORMAT',
    severity: 'error',
    field: 'mailbox',
    summary: 'Mailbox or sign-in account is not an e-mail address.',
    check: (c) =>
      (['mailbox', 'signInAccount'] as const).flatMap((f) => {
        const v = clean(rawOf(c.input, f));
        return v === '' || EMAIL_RE.test(v)
          ? []
          : [
              {
                field: f,
                message: `${fieldLabel(c, f)} "${v.slice(0, 80)}" is not an e-mail address (user@domain).`,
                nextStep: `Enter the ${f === 'mailbox' ? 'mailbox address, e.g. servicedesk@contoso.com' : 'account that signs in (the mailbox itself, or a delegate with Full Access)'}.`,
              },
            ];
      }),
  },
  ...ACCOUNT_SPOOFING_RULES,
];

// --- shared pieces of the rules ------------------------------------------------------------------------------------
function parseDate(raw: string | undefined): Date | undefined {
  const s = clean(raw);
  if (s === '') return undefined;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const d = iso ? new Date(Date.UTC(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3]), 23, 59, 59)) : new Date(s);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

function redirectUrl(c: LintContext): ParsedUrl | undefined {
  if (c.redirect === '') return undefined;
  const u = parseUrl(c.redirect);
  return u && (u.protocol === 'https:' || u.protocol === 'http:') ? u : undefined;
}

/** The product template split into the fixed host suffix (".servicely.ai" or "") and the exact path. */
function templateParts(c: LintContext): { hostSuffix: string; path: string } | undefined {
  const t = c.preset.redirect.template;
  if (t === undefined) return undefined;
  const m = /^https:\/\/\{instance\}([^/]*)(\/.*)$/.exec(t);
  return m ? { hostSuffix: m[1] ?? '', path: m[2] ?? '/' } : undefined;
}

function scopeCloudHit(
  c: LintContext,
  when: (scopeCloud: KnownCloud, ref: KnownCloud) => boolean,
  say: (ref: KnownCloud, src: 'endpoints' | 'selected cloud') => { message: string; nextStep: string },
): Hit | undefined {
  const ep = endpointCloud(c);
  const ref = ep ?? (c.input.cloud === 'custom' ? undefined : c.input.cloud);
  if (ref === undefined) return undefined;
  const bad = c.scopes.filter((s) => s.cloud !== undefined && when(s.cloud, ref));
  if (bad.length === 0) return undefined;
  const h = say(ref, ep ? 'endpoints' : 'selected cloud');
  return { ...h, detail: bad.map((s) => s.raw).join(' ') };
}

export function buildContext(input: DiagnoseInput, now: Date): LintContext {
  const preset = presetById(input.preset);
  // A custom authority that names no hosts gives no scopes to expect.
  const hosts: ScopeHosts | undefined =
    input.cloud === 'custom' && input.customAuthority === undefined
      ? undefined
      : scopeHostsFor(input.cloud, input.customAuthority);
  const scopeTokens = splitScopes(input.scopes);
  const ep = (raw: string | undefined) => {
    const v = clean(raw);
    return v === '' ? undefined : parseEndpoint(v);
  };
  return {
    input,
    preset,
    now,
    tenant: clean(input.tenant),
    clientId: clean(input.clientId),
    secret: clean(input.clientSecret),
    redirect: clean(input.redirectUri),
    authorize: ep(input.authorizeUrl),
    token: ep(input.tokenUrl),
    scopeTokens,
    scopes: scopeTokens.map((s) => classifyScope(s, hosts)),
    hosts,
    label: (v, fallback) => preset.fields.find((f) => f.valueFrom === v)?.label ?? fallback,
  };
}
