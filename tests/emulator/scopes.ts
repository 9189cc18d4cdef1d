// Owns how the emulator reads a `scope` parameter the way Entra's v2 endpoint does: OIDC scopes apart,
// resource derived from each scope URI (bare names mean Microsoft Graph), `.default`, and which delegated
// or application permissions an app registration has consent for.
import type { AppRegistration } from './directory';
import { GRAPH, OUTLOOK, OUTLOOK365 } from './tokens';

export const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);
const KNOWN_RESOURCES = new Set([GRAPH, OUTLOOK, OUTLOOK365]);
const OUTLOOK_SCOPES = new Set([
  'IMAP.AccessAsUser.All',
  'POP.AccessAsUser.All',
  'SMTP.Send',
  'EWS.AccessAsUser.All',
  'full_access_as_app',
  '.default',
]);
const SCOPE_NAME = /^(\.default|[A-Za-z][A-Za-z0-9_.-]*)$/;

export interface ParsedScopes {
  raw: string;
  oidc: Set<string>;
  /** resource URI → requested permission names ('.default' allowed) */
  resources: Map<string, string[]>;
}

export type ScopeProblem = { kind: 'invalid'; scope: string } | { kind: 'unknown-resource'; resource: string };

/** Same resource for consent lookups: Exchange answers on both hosts. */
const consentResource = (r: string): string => (r === OUTLOOK365 ? OUTLOOK : r);

export function parseScopes(raw: string): ParsedScopes | ScopeProblem {
  const items = raw.split(/[ +]+/).filter(Boolean);
  const out: ParsedScopes = { raw, oidc: new Set(), resources: new Map() };
  for (const item of items) {
    if (OIDC_SCOPES.has(item.toLowerCase())) {
      out.oidc.add(item.toLowerCase());
      continue;
    }
    // A comma-separated list arrives as one item: Entra rejects it as an invalid scope.
    if (item.includes(',') || item.includes(';')) return { kind: 'invalid', scope: raw };
    let resource = GRAPH;
    let name = item;
    if (/^(https?|api):\/\//i.test(item)) {
      const cut = item.lastIndexOf('/');
      resource = item.slice(0, cut).toLowerCase();
      name = item.slice(cut + 1);
      if (!KNOWN_RESOURCES.has(resource)) return { kind: 'unknown-resource', resource };
    }
    if (!SCOPE_NAME.test(name)) return { kind: 'invalid', scope: raw };
    if ((resource === OUTLOOK || resource === OUTLOOK365) && !OUTLOOK_SCOPES.has(name))
      return { kind: 'invalid', scope: raw };
    const list = out.resources.get(resource) ?? [];
    list.push(name);
    out.resources.set(resource, list);
  }
  return out;
}

export const isScopeProblem = (x: ParsedScopes | ScopeProblem): x is ScopeProblem => 'kind' in x;

/** The scopes a delegated token carries, or the names lacking consent. */
export function grantDelegated(
  app: AppRegistration,
  resource: string,
  names: string[],
): { granted: string[]; missing: string[] } {
  const perms = app.delegated.filter((p) => consentResource(p.resource) === consentResource(resource));
  if (names.includes('.default')) {
    return { granted: perms.filter((p) => p.adminConsent).map((p) => p.scope), missing: [] };
  }
  const granted: string[] = [];
  const missing: string[] = [];
  for (const n of names) {
    const p = perms.find((x) => x.scope.toLowerCase() === n.toLowerCase());
    if (p?.adminConsent) granted.push(p.scope);
    else missing.push(n);
  }
  return { granted, missing };
}

/** Application permissions with admin consent become `roles`; without consent Entra just leaves them out. */
export function grantedRoles(app: AppRegistration, resource: string): string[] {
  return app.application
    .filter((p) => consentResource(p.resource) === consentResource(resource) && p.adminConsent)
    .map((p) => p.role);
}

/** How the v2 token response spells a scope: Graph short, other resources as full URIs. */
export const responseScope = (resource: string, name: string): string =>
  resource === GRAPH ? name : `${resource}/${name}`;
