// Owns scope strings: the OIDC scope set, which resource (and cloud) a scope is for, splitting a request's scopes
// into one group per resource (a token can only be for one resource; mixing two gives AADSTS28000), filling a
// preset's scope templates for a cloud, and reading a scope field the way a person typed it. Pure; used by the
// presets, the lint, the authorize flow, the token checks and the field sheet.
import type { Preset, ProtocolId } from '../presets/schema';
import { clean } from '../text/invisible-chars';
import { cloudForResourceHost, type CloudId, type ResourceKind } from './clouds';
import { hostsFor, type CustomAuthorityHosts } from './hosts';

/** OpenID Connect scopes: they name no resource and ride along with any resource's scopes. */
export const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access'] as const;
export type OidcScope = (typeof OIDC_SCOPES)[number];

/** The OIDC scopes that only shape the ID token (who signed in): a mail product does not need them. */
export const ID_TOKEN_SCOPES: readonly OidcScope[] = OIDC_SCOPES.filter((s) => s !== 'offline_access');

/** What this app adds to an authorize request: a refresh token, and an ID token that names the account. */
export const APP_REQUEST_SCOPES: readonly OidcScope[] = ['offline_access', 'openid', 'profile'];

const isOneOf = (list: readonly string[], scope: string): boolean => list.includes(scope.trim().toLowerCase());
/** openid, profile, email or offline_access, in any letter case. */
export const isOidcScope = (scope: string): boolean => isOneOf(OIDC_SCOPES, scope);
export const isIdTokenScope = (scope: string): boolean => isOneOf(ID_TOKEN_SCOPES, scope);

/** `https://outlook.office.com/IMAP.AccessAsUser.All` → `IMAP.AccessAsUser.All` (scp holds short names). */
export function shortScope(scope: string): string {
  const slash = scope.lastIndexOf('/');
  return slash >= 0 ? scope.slice(slash + 1) : scope;
}

/** Splits a scope field the way a forgiving reader would: spaces, commas, semicolons and line breaks. */
export const splitScopes = (raw: string): string[] =>
  clean(raw)
    .split(/[\s,;]+/)
    .map(clean)
    .filter((s) => s !== '');

// --- the resource of a scope -----------------------------------------------------------------------------------

const GLOBAL_GRAPH_RESOURCE = `https://${hostsFor('global').graphHost.value}`;

/** The resource a scope is for: the scheme+host(+path) before the last "/" of a URI scope; short names are Graph's. */
export function resourceOfScope(scope: string, graphResource = GLOBAL_GRAPH_RESOURCE): string | undefined {
  const s = scope.trim();
  if (isOidcScope(s)) return undefined;
  const m = /^(https?:\/\/[^/\s]+(?:\/[^\s]*)?)\/([^/\s]+)$/i.exec(s);
  if (m?.[1] !== undefined) return m[1].toLowerCase();
  if (/^[0-9a-f-]{36}\/.+$/i.test(s)) return s.slice(0, 36).toLowerCase();
  return graphResource;
}

export interface ScopeGroups {
  /** Resource scopes grouped by resource, in the order first seen. */
  readonly byResource: readonly { readonly resource: string; readonly scopes: readonly string[] }[];
  /** openid/profile/email/offline_access as requested. */
  readonly oidc: readonly string[];
}

/** Splits on whitespace only (Entra's separator); commas are a configuration mistake the lint reports. */
export function groupScopes(scopes: readonly string[] | string, graphResource?: string): ScopeGroups {
  const list = (typeof scopes === 'string' ? scopes.split(/\s+/) : scopes)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const byResource: { resource: string; scopes: string[] }[] = [];
  const oidc: string[] = [];
  for (const scope of list) {
    const r = resourceOfScope(scope, graphResource);
    if (r === undefined) {
      if (!oidc.includes(scope)) oidc.push(scope);
      continue;
    }
    let group = byResource.find((g) => g.resource === r);
    if (!group) byResource.push((group = { resource: r, scopes: [] }));
    if (!group.scopes.includes(scope)) group.scopes.push(scope);
  }
  return { byResource, oidc };
}

/** Exchange delegated permission names: short forms of these mean nothing to Graph. */
export const OUTLOOK_PERMISSIONS = new Set([
  'IMAP.AccessAsUser.All',
  'POP.AccessAsUser.All',
  'SMTP.Send',
  'EWS.AccessAsUser.All',
  'IMAP.AccessAsApp',
  'POP.AccessAsApp',
  'full_access_as_app',
]);

type KnownCloud = Exclude<CloudId, 'custom'>;

/** The hosts a scope template can name, for a known cloud or a custom authority. */
export interface ScopeHosts {
  readonly graph: string;
  readonly outlook: string;
}

export interface ClassifiedScope {
  readonly raw: string;
  /** Permission name without resource (`Mail.Read`, `offline_access`, `.default`). */
  readonly name: string;
  /** 'none' for offline_access/openid…; 'unknown' for a URI host we do not recognise. */
  readonly resource: ResourceKind | 'none' | 'unknown';
  /** Cloud of the resource host, when the scope is a full URI on a known host. */
  readonly cloud?: KnownCloud;
  readonly host?: string;
  readonly form: 'full' | 'short';
}

/** What a scope the user typed is: its resource (Graph, Outlook), cloud, and whether it is a full URI or a short name. */
export function classifyScope(raw: string, extraHosts?: ScopeHosts): ClassifiedScope {
  const m = /^(?:https?:\/\/)?([A-Za-z0-9.-]+\.[A-Za-z]{2,}(?::\d+)?)\/(.+)$/.exec(raw);
  if (m) {
    const host = (m[1] ?? '').toLowerCase();
    const name = m[2] ?? '';
    if (extraHosts && host === extraHosts.graph.toLowerCase())
      return { raw, name, resource: 'graph', host, form: 'full' };
    if (extraHosts && host === extraHosts.outlook.toLowerCase())
      return { raw, name, resource: 'outlook', host, form: 'full' };
    const known = cloudForResourceHost(host);
    if (known) return { raw, name, resource: known.kind, cloud: known.cloud, host, form: 'full' };
    return { raw, name, resource: 'unknown', host, form: 'full' };
  }
  if (isOidcScope(raw)) return { raw, name: raw, resource: 'none', form: 'short' };
  // A bare permission name: Entra resolves it against Microsoft Graph.
  return { raw, name: raw, resource: OUTLOOK_PERMISSIONS.has(raw) ? 'outlook' : 'graph', form: 'short' };
}

// --- preset scope templates ------------------------------------------------------------------------------------

/** The Graph and Outlook resource hosts scope templates are filled with, for a cloud or a custom authority. */
export function scopeHostsFor(cloud: CloudId, customAuthority?: CustomAuthorityHosts): ScopeHosts {
  const h = hostsFor(cloud, customAuthority);
  return { graph: h.graphHost.value, outlook: h.outlookResourceHost.value };
}

/** `https://{outlook}/IMAP.AccessAsUser.All` → `https://outlook.office.com/IMAP.AccessAsUser.All`. */
export const fillScope = (template: string, hosts: ScopeHosts): string =>
  template.replace('{graph}', hosts.graph).replace('{outlook}', hosts.outlook);

/** Scopes for the selected protocols, de-duplicated, in the preset's order. */
export function scopesFor(preset: Preset, protocols: readonly ProtocolId[], hosts: ScopeHosts): string[] {
  const out: string[] = [];
  for (const p of preset.protocols) {
    if (!protocols.includes(p.id)) continue;
    for (const s of p.scopes) {
      const filled = fillScope(s, hosts);
      if (!out.includes(filled)) out.push(filled);
    }
  }
  return out;
}
