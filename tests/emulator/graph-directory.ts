// Owns the emulator's Microsoft Graph v1.0 directory surface, the part an audit reads: /applications,
// /servicePrincipals (the seeded apps' enterprise applications plus the Microsoft Graph and Office 365 Exchange
// Online resource principals with their permission lists), /servicePrincipals/{id}/appRoleAssignments,
// /oauth2PermissionGrants and /users/{id | userPrincipalName}. Shapes follow Graph v1.0's responses
// (@odata.context, value[], @odata.nextLink paging with $top and $skiptoken, $select, $filter with `eq` on the
// properties the app filters on) and its errors (403 Authorization_RequestDenied without the read permission,
// 404 Request_ResourceNotFound, 400 Request_UnsupportedQuery). Object ids and permission ids not in the seed are
// derived from names (stable across runs), not Microsoft's real GUIDs; the app never relies on them.
import { createHash } from 'node:crypto';
import { findUser, tenantOf, type AppRegistration, type Directory, type DirectoryUser } from './directory';
import { GRAPH, OUTLOOK, OUTLOOK365, verifyJwt, type SigningKey } from './tokens';

/** Microsoft's well-known application ids of the two resources mail products use. */
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
export const EXCHANGE_APP_ID = '00000002-0000-0ff1-ce00-000000000000';

export interface DirectoryState {
  readonly dir: Directory;
  readonly key: SigningKey;
  readonly host: string;
  readonly nowSec: () => number;
  /** Items per page when the client sends no $top (Graph: 100 for most directory lists). */
  readonly pageSize: number;
}

export interface DirectoryReply {
  readonly status: number;
  readonly body: unknown;
}

/** A stable GUID-shaped id from a name: the same seed gives the same object id in every run. */
export function stableId(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

// Users only as /users or /users/{id}: /users/{id}/mailFolders/… is the mailbox surface in server.ts.
const DIRECTORY_PATHS =
  /^\/v1\.0\/(?:(?:applications|servicePrincipals|oauth2PermissionGrants)(?:[/(?]|$)|users(?:\/[^/]+)?$)/i;
export const isDirectoryPath = (path: string): boolean => DIRECTORY_PATHS.test(path);

// --- permissions the surface checks (Microsoft's "least privileged" and higher ones for each read) -------------
const APP_READ = ['Application.Read.All', 'Application.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];
const GRANT_READ = ['Directory.Read.All', 'DelegatedPermissionGrant.ReadWrite.All', 'Directory.ReadWrite.All'];
const USER_READ = ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];

// --- the resources' permission lists --------------------------------------------------------------------------
const resourceAppIdOf = (resource: string): string =>
  resource === OUTLOOK || resource === OUTLOOK365 ? EXCHANGE_APP_ID : resource === GRAPH ? GRAPH_APP_ID : resource;

/** Exchange's published mail permissions; Graph's list is what the seed names plus what an audit asks for. */
const EXCHANGE_SCOPES = ['IMAP.AccessAsUser.All', 'POP.AccessAsUser.All', 'SMTP.Send', 'EWS.AccessAsUser.All'];
const EXCHANGE_ROLES = ['IMAP.AccessAsApp', 'POP.AccessAsApp', 'SMTP.SendAsApp', 'full_access_as_app'];
const GRAPH_SCOPES = [
  'User.Read',
  'Mail.Read',
  'Mail.ReadWrite',
  'Mail.Send',
  'Mail.Read.Shared',
  'Mail.ReadWrite.Shared',
];
const GRAPH_ROLES = ['Mail.Read', 'Mail.ReadWrite', 'Mail.Send'];

const permissionId = (resourceAppId: string, type: 'Scope' | 'Role', name: string): string =>
  stableId(`${resourceAppId}:${type}:${name}`);

interface ResourcePrincipal {
  readonly appId: string;
  readonly id: string;
  readonly displayName: string;
  readonly scopes: readonly string[];
  readonly roles: readonly string[];
}

function resourcePrincipals(dir: Directory): ResourcePrincipal[] {
  const seen = (appId: string, kind: 'delegated' | 'application'): string[] =>
    dir.apps.flatMap((a) =>
      kind === 'delegated'
        ? a.delegated.filter((p) => resourceAppIdOf(p.resource) === appId).map((p) => p.scope)
        : a.application.filter((p) => resourceAppIdOf(p.resource) === appId).map((p) => p.role),
    );
  const uniq = (xs: readonly string[]): string[] => [...new Set(xs)];
  return [
    {
      appId: GRAPH_APP_ID,
      id: stableId(`sp:${GRAPH_APP_ID}`),
      displayName: 'Microsoft Graph',
      scopes: uniq([...GRAPH_SCOPES, ...seen(GRAPH_APP_ID, 'delegated')]),
      roles: uniq([...GRAPH_ROLES, ...seen(GRAPH_APP_ID, 'application')]),
    },
    {
      appId: EXCHANGE_APP_ID,
      id: stableId(`sp:${EXCHANGE_APP_ID}`),
      displayName: 'Office 365 Exchange Online',
      scopes: uniq([...EXCHANGE_SCOPES, ...seen(EXCHANGE_APP_ID, 'delegated')]),
      roles: uniq([...EXCHANGE_ROLES, ...seen(EXCHANGE_APP_ID, 'application')]),
    },
  ];
}

// --- Graph's JSON for each object ----------------------------------------------------------------------------
const iso = (s: string): string => new Date(Date.parse(s)).toISOString().replace('.000Z', 'Z');
const TWO_YEARS_MS = 2 * 365 * 86_400_000;

function applicationJson(a: AppRegistration): Record<string, unknown> {
  const web = a.platforms?.web ?? (a.platforms === undefined ? a.redirectUris : []);
  const byResource = new Map<string, { id: string; type: 'Scope' | 'Role' }[]>();
  const add = (resource: string, type: 'Scope' | 'Role', name: string): void => {
    const appId = resourceAppIdOf(resource);
    const list = byResource.get(appId) ?? [];
    list.push({ id: permissionId(appId, type, name), type });
    byResource.set(appId, list);
  };
  for (const p of a.delegated) add(p.resource, 'Scope', p.scope);
  for (const p of a.application) add(p.resource, 'Role', p.role);
  return {
    id: stableId(`app:${a.clientId}`),
    appId: a.clientId,
    displayName: a.displayName,
    signInAudience: a.signInAudience ?? 'AzureADMyOrg',
    isFallbackPublicClient: a.isFallbackPublicClient ?? null,
    publisherDomain: a.tenant,
    web: {
      homePageUrl: null,
      logoutUrl: null,
      redirectUris: web,
      implicitGrantSettings: { enableAccessTokenIssuance: false, enableIdTokenIssuance: false },
    },
    spa: { redirectUris: a.platforms?.spa ?? [] },
    publicClient: { redirectUris: a.platforms?.publicClient ?? [] },
    passwordCredentials: a.secrets.map((s) => ({
      customKeyIdentifier: null,
      displayName: s.description,
      endDateTime: iso(s.expires),
      hint: s.value.slice(0, 3),
      keyId: s.id,
      secretText: null,
      startDateTime: iso(s.created ?? new Date(Date.parse(s.expires) - TWO_YEARS_MS).toISOString()),
    })),
    keyCredentials: (a.certificates ?? []).map((c) => ({
      customKeyIdentifier: createHash('sha1').update(c.id).digest('hex').toUpperCase(),
      displayName: c.displayName,
      endDateTime: iso(c.expires),
      key: null,
      keyId: c.id,
      startDateTime: iso(new Date(Date.parse(c.expires) - TWO_YEARS_MS).toISOString()),
      type: 'AsymmetricX509Cert',
      usage: 'Verify',
    })),
    requiredResourceAccess: [...byResource].map(([resourceAppId, resourceAccess]) => ({
      resourceAppId,
      resourceAccess,
    })),
  };
}

function servicePrincipalJson(a: AppRegistration, dir: Directory): Record<string, unknown> {
  return {
    id: a.servicePrincipalId,
    appId: a.clientId,
    displayName: a.displayName,
    accountEnabled: a.servicePrincipal?.accountEnabled ?? true,
    appRoleAssignmentRequired: a.servicePrincipal?.appRoleAssignmentRequired ?? false,
    servicePrincipalType: 'Application',
    appOwnerOrganizationId: tenantOf(dir, a.tenant).id,
    signInAudience: a.signInAudience ?? 'AzureADMyOrg',
    appRoles: [],
    oauth2PermissionScopes: [],
  };
}

function resourcePrincipalJson(r: ResourcePrincipal): Record<string, unknown> {
  return {
    id: r.id,
    appId: r.appId,
    displayName: r.displayName,
    accountEnabled: true,
    appRoleAssignmentRequired: false,
    servicePrincipalType: 'Application',
    appOwnerOrganizationId: 'f8cdef31-a31e-4b4a-93e4-5f571e91255a',
    appRoles: r.roles.map((value) => ({
      allowedMemberTypes: ['Application'],
      description: `Allows the app to use ${value} without a signed-in user.`,
      displayName: value,
      id: permissionId(r.appId, 'Role', value),
      isEnabled: true,
      origin: 'Application',
      value,
    })),
    oauth2PermissionScopes: r.scopes.map((value) => ({
      adminConsentDescription: `Allows the app to use ${value} on behalf of the signed-in user.`,
      adminConsentDisplayName: value,
      id: permissionId(r.appId, 'Scope', value),
      isEnabled: true,
      type: value.endsWith('.All') ? 'Admin' : 'User',
      value,
    })),
  };
}

/** Delegated consent as Entra stores it: one AllPrincipals grant per resource, its scopes space-separated. */
function grantsJson(a: AppRegistration, dir: Directory): Record<string, unknown>[] {
  const byResource = new Map<string, string[]>();
  for (const p of a.delegated) {
    if (!p.adminConsent) continue;
    const appId = resourceAppIdOf(p.resource);
    byResource.set(appId, [...(byResource.get(appId) ?? []), p.scope]);
  }
  const resources = resourcePrincipals(dir);
  return [...byResource].map(([appId, scopes]) => {
    const resourceId = resources.find((r) => r.appId === appId)?.id ?? stableId(`sp:${appId}`);
    return {
      clientId: a.servicePrincipalId,
      consentType: 'AllPrincipals',
      id: createHash('sha256').update(`grant:${a.servicePrincipalId}:${resourceId}`).digest('base64url').slice(0, 43),
      principalId: null,
      resourceId,
      scope: ` ${scopes.join(' ')}`,
    };
  });
}

function appRoleAssignmentsJson(a: AppRegistration, dir: Directory): Record<string, unknown>[] {
  const resources = resourcePrincipals(dir);
  return a.application
    .filter((p) => p.adminConsent)
    .map((p) => {
      const appId = resourceAppIdOf(p.resource);
      const r = resources.find((x) => x.appId === appId);
      return {
        id: createHash('sha256')
          .update(`assignment:${a.servicePrincipalId}:${appId}:${p.role}`)
          .digest('base64url')
          .slice(0, 43),
        appRoleId: permissionId(appId, 'Role', p.role),
        createdDateTime: '2024-01-15T09:30:00Z',
        deletedDateTime: null,
        principalDisplayName: a.displayName,
        principalId: a.servicePrincipalId,
        principalType: 'ServicePrincipal',
        resourceDisplayName: r?.displayName ?? appId,
        resourceId: r?.id ?? stableId(`sp:${appId}`),
      };
    });
}

const EXCHANGE_PLAN_ID = 'efb87545-963c-4e0d-99df-69c6916d9eb0';
const E3_SKU_ID = '05e9a617-0261-4cee-bb44-138d3ef5d965';

function userJson(u: DirectoryUser): Record<string, unknown> {
  const licensed = u.exchangeLicence ?? (!u.sharedMailbox && u.password !== null);
  return {
    id: u.oid,
    userPrincipalName: u.upn,
    displayName: u.displayName,
    mail: u.upn,
    accountEnabled: u.enabled,
    userType: 'Member',
    businessPhones: [],
    assignedLicenses: licensed ? [{ disabledPlans: [], skuId: E3_SKU_ID }] : [],
    assignedPlans: licensed
      ? [
          {
            assignedDateTime: '2024-01-15T09:30:00Z',
            capabilityStatus: 'Enabled',
            service: 'exchange',
            servicePlanId: EXCHANGE_PLAN_ID,
          },
        ]
      : [],
  };
}

// --- OData: $filter (eq on one property), $select, paging ---------------------------------------------------
/** `appId eq '…'`, the only filter form the audit sends; anything else is refused like Graph refuses it. */
function parseFilter(raw: string | null): { prop: string; value: string } | undefined | 'unsupported' {
  if (raw === null) return undefined;
  const m = /^\s*(\w+)\s+eq\s+'((?:[^']|'')*)'\s*$/.exec(raw);
  if (!m) return 'unsupported';
  return { prop: m[1] ?? '', value: (m[2] ?? '').replace(/''/g, "'") };
}

function select(obj: Record<string, unknown>, raw: string | null): Record<string, unknown> {
  if (raw === null || raw.trim() === '') return obj;
  const wanted = raw.split(',').map((s) => s.trim().toLowerCase());
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (k === 'id' || wanted.includes(k.toLowerCase())) out[k] = v;
  return out;
}

const graphError = (status: number, code: string, message: string): DirectoryReply => ({
  status,
  body: {
    error: {
      code,
      message,
      innerError: {
        date: new Date().toISOString().replace(/\.\d+Z$/, ''),
        'request-id': stableId(`${Date.now()}:${Math.random()}`),
        'client-request-id': stableId(`${Math.random()}`),
      },
    },
  },
});

function collection(s: DirectoryState, url: URL, entitySet: string, items: Record<string, unknown>[]): DirectoryReply {
  const top = Number(url.searchParams.get('$top') ?? s.pageSize);
  if (!Number.isInteger(top) || top < 1 || top > 999)
    return graphError(400, 'Request_BadRequest', `Invalid value '${url.searchParams.get('$top') ?? ''}' for $top.`);
  const token = url.searchParams.get('$skiptoken');
  const offset = token === null ? 0 : Number(Buffer.from(token, 'base64url').toString('utf8'));
  if (!Number.isInteger(offset) || offset < 0) return graphError(400, 'Request_BadRequest', 'Invalid $skiptoken.');
  const page = items.slice(offset, offset + top).map((o) => select(o, url.searchParams.get('$select')));
  const body: Record<string, unknown> = {
    '@odata.context': `https://${s.host}/v1.0/$metadata#${entitySet}`,
    value: page,
  };
  if (offset + top < items.length) {
    const next = new URL(url.toString());
    next.searchParams.set('$skiptoken', Buffer.from(String(offset + top)).toString('base64url'));
    body['@odata.nextLink'] = next.toString();
  }
  return { status: 200, body };
}

// --- the endpoint ---------------------------------------------------------------------------------------------
/** Answers a GET on the directory surface, as Graph v1.0 would for the caller's token. */
export async function graphDirectory(s: DirectoryState, url: URL, authz: string | undefined): Promise<DirectoryReply> {
  const bearer = authz?.startsWith('Bearer ') ? authz.slice(7).trim() : '';
  if (!bearer) return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
  const v = await verifyJwt(bearer, s.key, s.nowSec());
  if (!v)
    return graphError(
      401,
      'InvalidAuthenticationToken',
      'Access token validation failure. Invalid audience or signature.',
    );
  const p = v.payload;
  if (p.aud !== GRAPH && p.aud !== GRAPH_APP_ID)
    return graphError(401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.');
  const granted = new Set([
    ...(typeof p.scp === 'string' ? p.scp.split(' ') : []),
    ...(Array.isArray(p.roles) ? (p.roles as string[]) : []),
  ]);
  const may = (perms: readonly string[]): boolean => perms.some((x) => granted.has(x));
  const denied = (): DirectoryReply =>
    graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
  const tid = typeof p.tid === 'string' ? p.tid : '';
  const apps = s.dir.apps.filter((a) => tenantOf(s.dir, a.tenant).id === tid);
  const path = url.pathname.replace(/^\/v1\.0\//i, '');
  const filter = parseFilter(url.searchParams.get('$filter'));
  if (filter === 'unsupported') return graphError(400, 'Request_UnsupportedQuery', 'Unsupported Query.');

  const [set = '', id, nav, ...rest] = path.split('/').map(decodeURIComponent);
  if (rest.length > 0)
    return graphError(400, 'BadRequest', `Resource not found for the segment '${rest.at(-1) ?? ''}'.`);
  switch (set.toLowerCase()) {
    case 'applications': {
      if (!may(APP_READ)) return denied();
      if (filter && filter.prop !== 'appId') return graphError(400, 'Request_UnsupportedQuery', 'Unsupported Query.');
      const all = apps.map(applicationJson);
      if (id === undefined)
        return collection(
          s,
          url,
          'applications',
          all.filter((a) => !filter || a.appId === filter.value),
        );
      const one = all.find((a) => a.id === id);
      return one
        ? {
            status: 200,
            body: {
              '@odata.context': `https://${s.host}/v1.0/$metadata#applications/$entity`,
              ...select(one, url.searchParams.get('$select')),
            },
          }
        : notFound(id);
    }
    case 'serviceprincipals': {
      if (!may(APP_READ)) return denied();
      if (filter && filter.prop !== 'appId') return graphError(400, 'Request_UnsupportedQuery', 'Unsupported Query.');
      const all = [
        ...apps.map((a) => servicePrincipalJson(a, s.dir)),
        ...resourcePrincipals(s.dir).map(resourcePrincipalJson),
      ];
      if (id === undefined)
        return collection(
          s,
          url,
          'servicePrincipals',
          all.filter((x) => !filter || x.appId === filter.value),
        );
      const sp = all.find((x) => x.id === id);
      if (!sp) return notFound(id);
      if (nav === undefined)
        return {
          status: 200,
          body: {
            '@odata.context': `https://${s.host}/v1.0/$metadata#servicePrincipals/$entity`,
            ...select(sp, url.searchParams.get('$select')),
          },
        };
      if (nav.toLowerCase() !== 'approleassignments')
        return graphError(400, 'BadRequest', `Resource not found for the segment '${nav}'.`);
      const app = apps.find((a) => a.servicePrincipalId === id);
      return collection(s, url, 'appRoleAssignments', app ? appRoleAssignmentsJson(app, s.dir) : []);
    }
    case 'oauth2permissiongrants': {
      if (!may(GRANT_READ)) return denied();
      if (id !== undefined) return graphError(400, 'Request_BadRequest', 'Read grants with $filter=clientId eq.');
      if (filter && filter.prop !== 'clientId')
        return graphError(400, 'Request_UnsupportedQuery', 'Unsupported Query.');
      const all = apps.flatMap((a) => grantsJson(a, s.dir));
      return collection(
        s,
        url,
        'oauth2PermissionGrants',
        all.filter((g) => !filter || g.clientId === filter.value),
      );
    }
    case 'users': {
      if (!may(USER_READ)) return denied();
      if (id === undefined || nav !== undefined)
        return graphError(400, 'Request_BadRequest', 'The emulator answers /users/{id | userPrincipalName} only.');
      const u = s.dir.users.find((x) => x.oid === id) ?? findUser(s.dir, id);
      if (!u || tenantOf(s.dir, u.tenant).id !== tid) return notFound(id);
      return {
        status: 200,
        body: {
          '@odata.context': `https://${s.host}/v1.0/$metadata#users/$entity`,
          ...select(userJson(u), url.searchParams.get('$select')),
        },
      };
    }
    default:
      return graphError(400, 'BadRequest', `Resource not found for the segment '${set}'.`);
  }
}

const notFound = (id: string): DirectoryReply =>
  graphError(
    404,
    'Request_ResourceNotFound',
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );
