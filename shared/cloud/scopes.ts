// Scope strings: which resource each scope belongs to, and splitting a request's scopes into one group per
// resource (a token can only be for one resource; mixing two gives AADSTS28000).
export const OIDC_SCOPES: readonly string[] = ['openid', 'profile', 'email', 'offline_access'];

/** The resource a scope is for: the scheme+host(+path) before the last "/" of a URI scope; short names are Graph's. */
export function resourceOfScope(scope: string, graphResource = 'https://graph.microsoft.com'): string | undefined {
  const s = scope.trim();
  if (OIDC_SCOPES.includes(s.toLowerCase())) return undefined;
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
