// Owns the checks of one decoded token against optional expectations: identity, tenant, client, audience vs
// protocol, scopes and app roles (incl. "Mail.ReadWrite added as Delegated instead of Application"), expiry
// and not-before with a stated clock skew, v1/v2 surprises, XOAUTH2 user=. Each finding has a stable code,
// a one-line cause and a next step.
import { hostsFor } from '../cloud/hosts';
import { isOidcScope, shortScope } from '../cloud/scopes';
import { isGuid } from '../text/identifiers';
import { identityVerdict, normalizeAccount, sameAccount } from './identity-verdict';
import { PROTOCOL_LABELS, PROTOCOL_REQUIREMENTS, grants } from './requirements';
import { finding, type Finding } from '../findings';
import type { Classification, ProtocolRequirement } from './schema';
import { formatDuration, formatUtc } from './time-format';

export const DEFAULT_CLOCK_SKEW_SECONDS = 300;
/** Warn when an access token has less than this left (products refresh shortly before expiry). */
export const EXPIRING_SOON_SECONDS = 300;

export interface CheckExpectations {
  readonly expectedAccount?: string | undefined;
  readonly mailbox?: string | undefined;
  readonly tenant?: string | undefined;
  readonly clientId?: string | undefined;
  readonly requiredScopes?: readonly string[] | undefined;
  readonly requirement?: ProtocolRequirement | undefined;
}

export interface CheckContext {
  readonly nowSeconds: number;
  readonly clockSkewSeconds: number;
  readonly expectations: CheckExpectations;
  /** XOAUTH2 user= found with this token. */
  readonly xoauth2User?: string | undefined;
  /** An access token is present elsewhere in the same input (so an ID token next to it is fine). */
  readonly inputHasAccessToken: boolean;
}

function resolveRequirement(r: ProtocolRequirement | undefined): Required<ProtocolRequirement> | undefined {
  if (!r) return undefined;
  const base = PROTOCOL_REQUIREMENTS[r.protocol];
  return {
    protocol: r.protocol,
    resource: r.resource,
    scopes: r.scopes,
    appRoles: r.appRoles ?? base.appRoles,
    mode: r.mode ?? 'either',
  };
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** Said only when a token is expired or not yet valid: not written out for every valid token (issue 22). */
function skewNote(skew: number): string {
  return `(allowing ${formatDuration(skew)} of clock skew)`;
}

export function timeFindings(
  claims: Record<string, unknown>,
  tokenType: Classification['tokenType'],
  ctx: CheckContext,
): Finding[] {
  const out: Finding[] = [];
  const now = ctx.nowSeconds;
  const skew = ctx.clockSkewSeconds;
  const exp = num(claims['exp']);
  const nbf = num(claims['nbf']);
  if (exp === undefined) {
    out.push(
      finding(
        'warning',
        'TOKEN_NO_EXPIRY',
        'The token has no valid exp claim, so nobody can tell when it stops working.',
        'Entra ID always sets exp: check that this is the whole token from Entra ID.',
        { field: 'exp' },
      ),
    );
  } else if (exp + skew <= now) {
    out.push(
      finding(
        'error',
        'TOKEN_EXPIRED',
        `The token expired ${formatDuration(now - exp)} ago, at ${formatUtc(exp)} ${skewNote(skew)}.`,
        tokenType === 'id'
          ? 'Sign in again to get a fresh ID token.'
          : 'Get a fresh access token with the refresh token (or authorize again); access tokens live about an hour.',
        { field: 'exp' },
      ),
    );
  } else if (exp - now < EXPIRING_SOON_SECONDS && tokenType !== 'id') {
    out.push(
      finding(
        'warning',
        'TOKEN_EXPIRING_SOON',
        `The token expires in ${formatDuration(exp - now)}, at ${formatUtc(exp)}.`,
        'Use it right away or refresh it first; a probe that starts now may fail mid-way.',
        { field: 'exp' },
      ),
    );
  }
  if (nbf !== undefined && nbf - skew > now) {
    out.push(
      finding(
        'error',
        'TOKEN_NOT_YET_VALID',
        `The token is not valid until ${formatUtc(nbf)}, ${formatDuration(nbf - now)} from now ${skewNote(skew)}.`,
        "Check this computer's clock and time zone; Entra ID tokens are valid from the moment they are issued.",
        { field: 'nbf' },
      ),
    );
  }
  return out;
}

/**
 * Entra's tenant-independent authority segments (entra-docs v2-oauth2-auth-code-flow.md: "Valid values are
 * `common`, `organizations`, `consumers`, and tenant identifiers"): the account's own tenant issues the tokens.
 */
export const MULTI_TENANT_SEGMENTS: readonly string[] = ['common', 'organizations', 'consumers'];
export const isMultiTenantSegment = (tenant: string | undefined): boolean =>
  MULTI_TENANT_SEGMENTS.includes((tenant ?? '').trim().toLowerCase());

function tenantFinding(c: Classification, expected: string): Finding | undefined {
  const want = expected.trim().toLowerCase();
  if (want.length === 0) return undefined;
  if (isMultiTenantSegment(want))
    return finding(
      'info',
      'TENANT_FROM_ACCOUNT',
      `The authority is /${want}, so the account's own tenant issued the tokens${c.tenantId ? `: ${c.tenantId}` : ''}.`,
      'Enter that tenant id (a GUID) in the product if it asks for one; /common lets any organisation’s account sign in.',
      { field: 'tid' },
    );
  if (isGuid(want)) {
    if (!c.tenantId)
      return finding(
        'warning',
        'TENANT_UNKNOWN',
        'The token has no tid claim, so its tenant cannot be checked.',
        'Check the tenant with an ID token or a token from Entra ID.',
        { field: 'tid' },
      );
    if (c.tenantId.toLowerCase() !== want)
      return finding(
        'error',
        'TENANT_MISMATCH',
        `The token comes from tenant ${c.tenantId}, not ${expected.trim()}.`,
        'Use the tenant id of the mailbox’s organisation in the authority URL, and sign in with an account of that tenant.',
        { field: 'tid' },
      );
    return undefined;
  }
  // A domain: compare with the account's domain (the tenant id itself is not a domain).
  const domain = c.account ? normalizeAccount(c.account).split('@')[1] : undefined;
  if (!domain)
    return finding(
      'info',
      'TENANT_NOT_CHECKED',
      `The tenant was given as a domain (${expected.trim()}) and the token names no account domain to compare.`,
      'Enter the tenant id (a GUID) to check the tid claim.',
      { field: 'tid' },
    );
  if (domain !== want && !domain.endsWith(`.${want}`)) {
    return finding(
      'warning',
      'TENANT_DOMAIN_DIFFERS',
      `The account's domain is ${domain}, not ${expected.trim()}.`,
      'Check that you signed in to the right organisation; enter the tenant id (GUID) for an exact check.',
      { field: 'tid' },
    );
  }
  return undefined;
}

function clientFinding(c: Classification, expected: string): Finding | undefined {
  const want = expected.trim().toLowerCase();
  if (want.length === 0) return undefined;
  const field = c.tokenType === 'id' ? 'aud' : c.version === '1.0' ? 'appid' : 'azp';
  if (!c.clientId)
    return finding(
      'warning',
      'CLIENT_UNKNOWN',
      'The token names no client (azp/appid), so the app that asked for it cannot be checked.',
      'Compare the Application (client) id in the product with the app registration.',
      { field: field },
    );
  if (c.clientId.toLowerCase() !== want) {
    return finding(
      'error',
      'CLIENT_MISMATCH',
      `The token was issued to app ${c.clientId}, not ${expected.trim()}.`,
      'Copy the Application (client) id from the app registration’s Overview page into the product; the token came from another app.',
      { field: field },
    );
  }
  return undefined;
}

function requirementFindings(
  c: Classification,
  req: Required<ProtocolRequirement>,
  extraScopes: readonly string[],
): Finding[] {
  const out: Finding[] = [];
  const label = PROTOCOL_LABELS[req.protocol];
  const wantResource = req.resource === 'outlook' ? 'Exchange Online (Outlook)' : 'Microsoft Graph';
  if (c.resource !== req.resource) {
    const got =
      c.resource === 'graph'
        ? 'a Microsoft Graph token'
        : c.resource === 'outlook'
          ? 'an Exchange Online (Outlook) token'
          : `a token for ${c.audience[0] ?? 'no audience'}`;
    const global = hostsFor('global');
    const scopeHint =
      req.resource === 'outlook'
        ? `https://${global.outlookResourceHost.value}/${req.scopes[0] ?? 'IMAP.AccessAsUser.All'}`
        : `https://${global.graphHost.value}/${req.scopes[0] ?? 'Mail.ReadWrite'}`;
    out.push(
      finding(
        'error',
        'AUDIENCE_MISMATCH',
        `${label} needs a token for ${wantResource}, but this is ${got}.`,
        `Request scopes of ${wantResource} only (e.g. ${scopeHint}); scopes of two resources cannot share one token.`,
        { field: 'aud' },
      ),
    );
  }
  if (c.permissionModel === 'delegated') {
    if (req.mode === 'app-only') {
      out.push(
        finding(
          'error',
          'PERMISSION_MODEL_MISMATCH',
          `This is a delegated token (a signed-in user, scp), but ${label} is set up for app-only access (client credentials, roles).`,
          'Use the client-credentials token the product gets with its secret, or switch the product to delegated (authorization code) mode.',
          { field: 'scp' },
        ),
      );
    }
    const required = [...req.scopes, ...extraScopes].map(shortScope).filter((s) => !isOidcScope(s) && s !== '.default');
    const missing = required.filter((s) => !grants(c.scopes, s));
    if (missing.length > 0 && req.mode !== 'app-only') {
      const asRole = missing.filter((s) => grants(c.roles, s));
      out.push(
        finding(
          'error',
          'SCOPE_MISSING',
          `The token lacks the delegated permission${missing.length > 1 ? 's' : ''} ${missing.join(', ')} that ${label} needs (it has: ${c.scopes.join(' ') || 'none'}).`,
          `Add ${missing.join(', ')} under API permissions → ${wantResource} → Delegated permissions, grant consent, include ${missing.length > 1 ? 'them' : 'it'} in the product's scopes and authorize again.${asRole.length > 0 ? ' It is present only as an Application permission.' : ''}`,
          { field: 'scp' },
        ),
      );
    }
  } else if (c.permissionModel === 'app-only') {
    if (req.mode === 'delegated') {
      out.push(
        finding(
          'error',
          'PERMISSION_MODEL_MISMATCH',
          `This is an app-only token (client credentials, no user), but ${label} is set up for a signed-in mailbox user (delegated).`,
          'Get the token with the authorization code flow (sign in as the mailbox), or switch the product to app-only mode.',
          { field: 'roles' },
        ),
      );
    }
    const missing = req.appRoles.filter((r) => !grants(c.roles, r));
    if (req.mode !== 'delegated') {
      if (c.roles.length === 0) {
        const named = req.appRoles.join(', ');
        out.push(
          finding(
            'error',
            'APP_ONLY_NO_ROLES',
            `This app-only token carries no roles: the app has no Application permissions on ${wantResource} — typically ${named} was added as Delegated instead of Application, or admin consent is missing.`,
            `In the app registration add ${named} under API permissions → ${wantResource} → Application permissions and click "Grant admin consent"; then get a new token.`,
            { field: 'roles' },
          ),
        );
      } else if (missing.length > 0) {
        out.push(
          finding(
            'error',
            'ROLE_MISSING',
            `The app-only token lacks the Application permission${missing.length > 1 ? 's' : ''} ${missing.join(', ')} for ${label} (it has: ${c.roles.join(' ')}).`,
            `Add ${missing.join(', ')} under Application permissions (not Delegated) for ${wantResource} and grant admin consent; then get a new token.`,
            { field: 'roles' },
          ),
        );
      }
    }
  }
  return out;
}

/** All findings for one decoded JWT. */
export function checkToken(
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
  c: Classification,
  ctx: CheckContext,
): Finding[] {
  const out: Finding[] = [];
  const e = ctx.expectations;
  const alg = header['alg'];
  if (typeof alg !== 'string' || alg.toLowerCase() === 'none') {
    out.push(
      finding(
        'error',
        'ALG_NONE',
        'The token is not signed (alg is "none" or missing), so anyone could have written it.',
        'Do not use this token; get a real one from Entra ID.',
        { field: 'alg' },
      ),
    );
  }
  for (const f of timeFindings(claims, c.tokenType, ctx)) out.push(f);

  // Identity: ID tokens and delegated access tokens speak for a user; app-only tokens do not.
  if (c.permissionModel === 'app-only') {
    if (e.expectedAccount || e.mailbox) {
      out.push(
        finding(
          'info',
          'APP_ONLY_NO_USER',
          'This app-only token speaks for the app, not a user; the mailbox is chosen by the product (user= or the Graph URL).',
          'Make sure the service principal is allowed on this mailbox in Exchange (application access policy or RBAC for Applications).',
          { field: 'roles' },
        ),
      );
    }
  } else if (e.expectedAccount || e.mailbox || c.account) {
    const v = identityVerdict({ expectedAccount: e.expectedAccount, mailbox: e.mailbox, tokenAccount: c.account });
    out.push(finding(v.severity, v.code, v.sentence, v.nextStep, { field: c.accountClaim ?? 'upn' }));
  }

  if (ctx.xoauth2User !== undefined) {
    const user = ctx.xoauth2User;
    if (e.mailbox && !sameAccount(user, e.mailbox)) {
      out.push(
        finding(
          'error',
          'XOAUTH2_USER_NOT_MAILBOX',
          `The XOAUTH2 blob asks for user=${user}, not the mailbox ${e.mailbox}.`,
          `Set the product's username/mailbox field to ${e.mailbox}.`,
          { field: 'user=' },
        ),
      );
    } else if (c.account && !sameAccount(user, c.account)) {
      out.push(
        finding(
          'warning',
          'XOAUTH2_USER_DIFFERS',
          `user=${user} differs from the token's account ${c.account}; the server accepts this only if ${c.account} has Full Access on ${user}.`,
          `Grant ${c.account} Full Access on ${user} (Add-MailboxPermission), or sign in as ${user}.`,
          { field: 'user=' },
        ),
      );
    } else if (c.account) {
      out.push(
        finding(
          'info',
          'XOAUTH2_USER_MATCH',
          `user=${user} is the token's own account, as IMAP/POP/SMTP servers require.`,
          'Nothing to do.',
          { field: 'user=' },
        ),
      );
    }
  }

  if (e.tenant) {
    const t = tenantFinding(c, e.tenant);
    if (t) out.push(t);
  }
  if (e.clientId) {
    const cl = clientFinding(c, e.clientId);
    if (cl) out.push(cl);
  }

  const req = resolveRequirement(e.requirement);
  const extra = e.requiredScopes ?? [];
  if (c.tokenType === 'id') {
    if (req && !ctx.inputHasAccessToken) {
      out.push(
        finding(
          'error',
          'ID_TOKEN_NOT_FOR_API',
          `This is an ID token (it proves who signed in to your app); ${PROTOCOL_LABELS[req.protocol]} needs an access token.`,
          'Use the access_token from the same token response, not the id_token.',
          { field: 'aud' },
        ),
      );
    }
    if (c.version === '1.0') {
      out.push(
        finding(
          'warning',
          'ID_TOKEN_V1',
          'This ID token is v1.0: the sign-in went through the v1 endpoint (/oauth2/authorize), which ignores v2 scopes such as IMAP.AccessAsUser.All.',
          'Use the v2.0 endpoints in the product: https://login.microsoftonline.com/<tenant>/oauth2/v2.0/authorize and …/oauth2/v2.0/token.',
          { field: 'ver' },
        ),
      );
    }
  } else if (c.tokenType === 'access') {
    if (req) for (const f of requirementFindings(c, req, extra)) out.push(f);
    else if (extra.length > 0 && c.permissionModel === 'delegated') {
      // `.default` asks for every granted permission; Entra never writes it into scp (entra-docs scopes-oidc.md).
      const missing = extra.map(shortScope).filter((s) => !isOidcScope(s) && s !== '.default' && !grants(c.scopes, s));
      if (missing.length > 0)
        out.push(
          finding(
            'error',
            'SCOPE_MISSING',
            `The token lacks ${missing.join(', ')} (it has: ${c.scopes.join(' ') || 'none'}).`,
            `Add ${missing.join(', ')} as Delegated permissions, include them in the product's scopes and authorize again.`,
            { field: 'scp' },
          ),
        );
    }
    if (c.version === '1.0' && (c.resource === 'graph' || c.resource === 'outlook')) {
      out.push(
        finding(
          'info',
          'TOKEN_V1_BY_RESOURCE',
          'A v1.0 access token is normal here: Graph and Exchange Online always receive v1.0 tokens, even from the v2.0 endpoint.',
          'Nothing to do; the token version is chosen by the resource, not by your app.',
          { field: 'ver' },
        ),
      );
    }
    const cloud = c.cloud === 'unknown' || c.cloud === 'custom' ? undefined : hostsFor(c.cloud);
    if (c.resource === 'outlook' && cloud !== undefined && !cloud.outlookResourceHost.verified) {
      out.push(
        finding(
          'info',
          'CLOUD_VALUES_UNVERIFIED',
          `Exchange hosts for ${cloud.label} are derived, not spelled out by Microsoft (${cloud.outlookResourceHost.note ?? 'pattern'}).`,
          'If a probe fails, override the host with the one your tenant documents.',
          { field: 'aud' },
        ),
      );
    }
    if (c.headerNonce || c.resource === 'graph' || c.resource === 'outlook') {
      out.push(
        finding(
          'info',
          'NOT_VERIFIABLE_BY_DESIGN',
          'Tokens for Microsoft’s own APIs cannot be signature-checked by clients (Graph tokens carry a header nonce); the claims were checked, the signature was not.',
          'Nothing to do: prove the token works with a live probe instead.',
          { field: c.headerNonce ? 'nonce' : 'aud' },
        ),
      );
    }
  } else if (req) {
    out.push(
      finding(
        'warning',
        'TOKEN_TYPE_UNKNOWN',
        'Could not tell whether this is an ID or an access token (no scp, roles or known audience).',
        'Paste the access_token from the token response.',
        { field: 'aud' },
      ),
    );
  }
  return out;
}
