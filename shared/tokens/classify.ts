// Owns token classification from decoded claims: ID vs access token, v1 vs v2, delegated (scp) vs app-only
// (roles), the resource (Microsoft Graph, Exchange Online/Outlook, other) and the cloud, from the audience
// (URI or Microsoft's well-known app ids) and the issuer host (shared/cloud/clouds.ts); and the claim readers
// (audiences, scopes, roles, account) every token consumer uses.
import { cloudForLoginHost, cloudForResourceHost, type CloudId } from '../cloud/clouds';
import { isGuid } from '../text/identifiers';
import { guestUniqueName } from './identity-verdict';
import type { Classification, Resource, TokenRole } from './schema';

export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
export const EXCHANGE_APP_ID = '00000002-0000-0ff1-ce00-000000000000';

/** Host of an http(s) URI, read with an anchored pattern (no nested quantifiers) on at most 300 characters. */
const HOST = /^https?:\/\/([^/?#:@\s]{1,253})/i;

export function hostOf(uri: string): string | undefined {
  const match = HOST.exec(uri.slice(0, 300));
  return match?.[1]?.toLowerCase();
}

type KnownCloud = Exclude<CloudId, 'custom'>;

interface ResourceMatch {
  readonly resource: Exclude<Resource, 'none'>;
  readonly label: string;
  readonly cloud?: KnownCloud;
}

const GRAPH_LABEL = 'Microsoft Graph';
const OUTLOOK_LABEL = 'Exchange Online (Outlook) — IMAP, POP, SMTP, EWS';

/**
 * The one place that decides which API an audience (or a resource URI) is for: Microsoft Graph, Exchange Online
 * (Outlook) or another API, by Microsoft's well-known app ids or the resource host of any cloud.
 */
export function resourceOfAudience(aud: string): ResourceMatch {
  const a = aud.trim();
  const lower = a.toLowerCase();
  if (lower === GRAPH_APP_ID) return { resource: 'graph', label: GRAPH_LABEL };
  if (lower === EXCHANGE_APP_ID) return { resource: 'outlook', label: OUTLOOK_LABEL };
  const host = hostOf(a);
  if (host) {
    const known = cloudForResourceHost(host);
    if (known)
      return { resource: known.kind, label: known.kind === 'graph' ? GRAPH_LABEL : OUTLOOK_LABEL, cloud: known.cloud };
    return { resource: 'other', label: `Other API (${host})` };
  }
  if (isGuid(a)) return { resource: 'other', label: `App ${a}` };
  return { resource: 'other', label: `Other API (${a.slice(0, 80)})` };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim().length > 0 ? v.trim() : undefined);

export function audiences(claims: Record<string, unknown>): string[] {
  const aud = claims['aud'];
  if (typeof aud === 'string') return [aud];
  if (Array.isArray(aud)) return aud.filter((a): a is string => typeof a === 'string').slice(0, 20);
  return [];
}

/** `scp` is a space-separated string in Entra tokens; tolerate arrays from other issuers. */
export function scopesOf(claims: Record<string, unknown>): string[] {
  const scp = claims['scp'];
  if (typeof scp === 'string') return scp.split(' ').filter(Boolean).slice(0, 500);
  if (Array.isArray(scp)) return scp.filter((s): s is string => typeof s === 'string').slice(0, 500);
  return [];
}

export function rolesOf(claims: Record<string, unknown>): string[] {
  const roles = claims['roles'];
  if (Array.isArray(roles)) return roles.filter((s): s is string => typeof s === 'string').slice(0, 500);
  if (typeof roles === 'string') return roles.split(' ').filter(Boolean).slice(0, 500);
  return [];
}

/**
 * The account a token speaks for and which claim said so (v2: preferred_username; v1: upn, unique_name, a guest's
 * unique_name unwrapped from its identity-provider prefix). Never `email`: a user can often set it themselves, so
 * it cannot say whose tokens these are.
 */
export function accountOf(claims: Record<string, unknown>): { account: string; claim: string } | undefined {
  for (const claim of ['preferred_username', 'upn', 'unique_name'] as const) {
    const v = str(claims[claim]);
    if (v) return { account: claim === 'unique_name' ? guestUniqueName(v) : v, claim };
  }
  return undefined;
}

function versionOf(claims: Record<string, unknown>, issuer: string | undefined): Classification['version'] {
  const ver = claims['ver'];
  if (ver === '1.0' || ver === 1) return '1.0';
  if (ver === '2.0' || ver === 2) return '2.0';
  if (issuer) {
    if (/\/v2\.0\/?$/.test(issuer)) return '2.0';
    if (hostOf(issuer) === 'sts.windows.net') return '1.0';
  }
  return 'unknown';
}

export function classify(
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
  hint: TokenRole = 'unknown',
): Classification {
  const issuer = str(claims['iss']);
  const aud = audiences(claims);
  const scopes = scopesOf(claims);
  const roles = rolesOf(claims);
  const acct = accountOf(claims);
  // The first audience that is a Microsoft API, else the first audience; read in one loop (issue 22).
  let microsoftApi: ResourceMatch | undefined;
  let first: ResourceMatch | undefined;
  for (const a of aud) {
    const m = resourceOfAudience(a);
    first ??= m;
    if (m.resource !== 'other') {
      microsoftApi = m;
      break;
    }
  }
  const primary = microsoftApi ?? first;

  let tokenType: Classification['tokenType'] = 'unknown';
  if (scopes.length > 0 || roles.length > 0 || microsoftApi) tokenType = 'access';
  else if (hint === 'id_token') tokenType = 'id';
  else if (hint === 'access_token') tokenType = 'access';
  else if (claims['nonce'] !== undefined || claims['at_hash'] !== undefined || claims['c_hash'] !== undefined)
    tokenType = 'id';
  else if (aud.length === 1 && isGuid(aud[0] ?? '') && claims['azp'] === undefined && claims['appid'] === undefined)
    tokenType = 'id';

  let permissionModel: Classification['permissionModel'] = 'none';
  if (tokenType === 'access') {
    if (scopes.length > 0) permissionModel = 'delegated';
    else if (roles.length > 0 || claims['idtyp'] === 'app' || !acct) permissionModel = 'app-only';
    else permissionModel = 'delegated';
  }

  const issuerHost = issuer ? hostOf(issuer) : undefined;
  let cloud: Classification['cloud'] = 'unknown';
  const fromIssuer = issuerHost ? cloudForLoginHost(issuerHost) : undefined;
  // The issuer decides (a token from the emulator for outlook.office.com is still a custom-authority token).
  if (fromIssuer) cloud = fromIssuer;
  else if (issuerHost) cloud = 'custom';
  else if (primary?.cloud) cloud = primary.cloud;

  const clientId = tokenType === 'id' ? (aud[0] ?? undefined) : (str(claims['azp']) ?? str(claims['appid']));
  const tenantId = str(claims['tid']);
  // Optional keys set only when present (exactOptionalPropertyTypes), in the order the schema lists them; set one by
  // one rather than spread from throw-away objects, on every token inspected (issue 22).
  const out = {
    tokenType,
    version: versionOf(claims, issuer),
    permissionModel,
    resource: tokenType === 'id' ? 'none' : (primary?.resource ?? 'none'),
    resourceLabel: tokenType === 'id' ? 'Your app (ID token: proves who signed in)' : (primary?.label ?? 'No audience'),
    cloud,
    scopes,
    roles,
  } as { -readonly [K in keyof Classification]: Classification[K] }; // audience, headerNonce: after the optional keys
  if (acct) {
    out.account = acct.account;
    out.accountClaim = acct.claim;
  }
  if (tenantId) out.tenantId = tenantId;
  if (clientId) out.clientId = clientId;
  out.audience = aud;
  if (issuer) out.issuer = issuer;
  out.headerNonce = header['nonce'] !== undefined;
  return out;
}
