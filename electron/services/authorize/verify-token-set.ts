// Verifies a freshly obtained token set against what the admin asked for and turns it into the public
// AuthorizeResult: identity verdict (sign-in account, delegate mode), tenant, client, scopes, refresh token,
// ID token nonce and signature, and that the ID token and every access token name the same user (oid) in the same
// tenant (tid). The checks themselves are the token inspector's (shared/tokens), so a pasted token and an
// authorized one are judged by the same rules. A custom authority's run is never VERIFIED: its keys are the only
// thing that vouches for its tokens, so a passing run is amber (CUSTOM_AUTHORITY) and names the host.
// verifyIdToken is the ID token half on its own: the clean product session's identity check
// (product-session/identity-check.ts) judges its ID tokens with it too.
import type { AuthorizeConfig, AuthorizeResult, TokenView, Verdict } from '../../../shared/authorize/schema';
import { authorityOf } from '../../../shared/cloud/hosts';
import { isOidcScope, shortScope } from '../../../shared/cloud/scopes';
import { finding, type Finding } from '../../../shared/findings';
import { identityVerdict, inspectInput, isMultiTenantSegment, type TokenInspection } from '../../../shared/tokens';
import { previewOf, type StoredToken, type TokenSet } from '../tokens/token-store';
import type { TokenVerifier } from '../tokens/token-verifier';

export interface VerifyContext {
  readonly cfg: AuthorizeConfig;
  readonly mailbox: string;
  /** The nonce sent in the authorize request; the ID token must carry it. */
  readonly nonce: string;
  readonly now: () => number;
  /** Checks the ID token's signature against its issuer's published keys. */
  readonly verifier?: TokenVerifier;
}

export interface IdTokenExpectations {
  readonly clientId: string;
  readonly tenant: string;
  /** The nonce sent in the authorize request; the ID token must carry it. */
  readonly nonce: string;
  readonly nowSeconds: number;
  /** Checks the signature against its issuer's published keys; without one the signature stays unchecked. */
  readonly verifier?: TokenVerifier | undefined;
}

export interface IdTokenCheck {
  readonly inspection: TokenInspection | undefined;
  readonly signature: { readonly status: string; readonly reason: string };
  /** Nonce, signature and the inspector's non-info findings (audience, tenant, expiry…). */
  readonly findings: Finding[];
  /** The account the ID token names (preferred_username / upn / unique_name). */
  readonly account: string | undefined;
}

/** The ID token of a sign-in: claims checked against the client and tenant, nonce compared, signature verified. */
export async function verifyIdToken(idToken: string, ctx: IdTokenExpectations): Promise<IdTokenCheck> {
  const findings: Finding[] = [];
  const inspection = inspectInput(idToken, {
    nowSeconds: ctx.nowSeconds,
    expectations: { clientId: ctx.clientId, tenant: ctx.tenant },
  }).tokens[0];
  if (inspection?.claims?.nonce !== ctx.nonce) {
    findings.push(
      finding(
        'error',
        'NONCE_MISMATCH',
        'The ID token does not carry the nonce this app sent, so it may not belong to this sign-in.',
        'Authorize again; if it repeats, the sign-in is being tampered with.',
        { field: 'nonce' },
      ),
    );
  }
  const signature = ctx.verifier
    ? await ctx.verifier.verify({ token: idToken })
    : { status: 'unchecked', reason: 'No signature verifier configured.' };
  if (signature.status === 'invalid-signature' || signature.status === 'untrusted-issuer')
    findings.push(
      finding(
        'error',
        'ID_TOKEN_SIGNATURE_INVALID',
        `The ID token’s signature did not verify: ${signature.reason}`,
        'Do not use these tokens; check the authority/cloud setting and authorize again.',
        { field: 'signature' },
      ),
    );
  if (signature.status === 'not-verified-offline')
    findings.push(
      finding(
        'warning',
        'ID_TOKEN_NOT_VERIFIED',
        `The ID token’s signature could not be checked: ${signature.reason}`,
        'Check the network to the identity provider; the claims were still checked.',
        { field: 'signature' },
      ),
    );
  for (const f of inspection?.findings ?? []) if (f.severity !== 'info') findings.push(f);
  return {
    inspection,
    signature: { status: signature.status, reason: signature.reason },
    findings,
    account: inspection?.classification?.account || undefined,
  };
}

function view(
  role: TokenView['role'],
  stored: StoredToken,
  inspected: TokenInspection | undefined,
  sig?: { status: string; reason: string },
): TokenView {
  const p = previewOf(stored);
  return {
    role,
    preview: p.preview,
    length: p.length,
    ...(p.resource !== undefined ? { resource: p.resource } : {}),
    ...(p.scopes !== undefined ? { scopes: [...p.scopes] } : {}),
    ...(p.expiresAt !== undefined ? { expiresAt: p.expiresAt } : {}),
    ...(inspected?.header ? { header: inspected.header } : {}),
    ...(inspected?.claims ? { claims: inspected.claims } : {}),
    ...(sig
      ? { signature: sig.status, signatureReason: sig.reason }
      : inspected
        ? { signature: inspected.signature.status, signatureReason: inspected.signature.reason }
        : {}),
  };
}

export async function verifyTokenSet(set: TokenSet, ctx: VerifyContext): Promise<AuthorizeResult> {
  const { cfg, mailbox } = ctx;
  const nowSeconds = Math.floor(ctx.now() / 1000);
  // What the PRODUCT will get: its configured scopes, not this app's sign-in (MSAL adds offline_access to every
  // request by itself, @azure/msal-common OIDC_DEFAULT_SCOPES). Entra issues a refresh token only when offline_access
  // is requested (entra-docs v2-oauth2-auth-code-flow.md, "Only provided if offline_access scope was requested").
  const wantsRefresh = cfg.scopes.some((s) => s.trim().toLowerCase() === 'offline_access');
  const findings: Finding[] = [];
  const tokens: TokenView[] = [];
  const granted = new Set<string>();

  // ID token: identity source of truth for a delegated flow; nonce and signature checked here.
  let idInspection: TokenInspection | undefined;
  if (set.idToken) {
    const checked = await verifyIdToken(set.idToken.value, {
      clientId: cfg.clientId,
      tenant: cfg.tenant,
      nonce: ctx.nonce,
      nowSeconds,
      verifier: ctx.verifier,
    });
    idInspection = checked.inspection;
    findings.push(...checked.findings);
    tokens.push(view('id', set.idToken, idInspection, checked.signature));
  } else if (cfg.scopes.some((s) => s.trim().toLowerCase() === 'openid')) {
    findings.push(
      finding(
        'warning',
        'ID_TOKEN_MISSING',
        'No ID token came back although openid was requested.',
        'Check the scopes; the identity was taken from the access token instead.',
        { field: 'id_token' },
      ),
    );
  }

  // Access tokens: one per resource; the inspector checks audience, scopes, tenant, client, expiry, identity.
  let accessAccount: string | undefined;
  const disagreements: Finding[] = [];
  for (const [i, t] of set.accessTokens.entries()) {
    const required = (t.scopes ?? []).map(shortScope).filter((s) => !isOidcScope(s));
    // `.default` asks for every permission granted on the resource; Entra puts those in scp, never `.default`
    // itself (entra-docs scopes-oidc.md, "The .default scope"), so it is not a permission to look for.
    const requested = cfg.scopes.filter(
      (s) =>
        !isOidcScope(s) &&
        shortScope(s) !== '.default' &&
        (t.resource === undefined || s.toLowerCase().startsWith(t.resource.toLowerCase()) || !s.includes('/')),
    );
    const askedDefault = cfg.scopes.some((s) => shortScope(s) === '.default');
    const response = JSON.stringify({
      token_type: 'Bearer',
      access_token: t.value,
      scope: (t.scopes ?? []).join(' '),
      ...(i === 0 && set.refreshToken ? { refresh_token: set.refreshToken.value } : {}),
    });
    const inspection = inspectInput(response, {
      nowSeconds,
      expectations: {
        expectedAccount: cfg.signInAccount,
        mailbox,
        tenant: cfg.tenant,
        clientId: cfg.clientId,
        requiredScopes: requested.length > 0 || askedDefault ? requested.map(shortScope) : required,
        ...(i === 0 ? { expectRefreshToken: wantsRefresh } : {}),
      },
    });
    const at = inspection.tokens.find((x) => x.role === 'access_token');
    // One sign-in gives one user in one tenant: an access token naming another than the ID token is not this sign-in's.
    for (const [claim, what] of [
      ['oid', 'user (oid)'],
      ['tid', 'tenant (tid)'],
    ] as const) {
      const fromId = idInspection?.claims?.[claim];
      const fromAccess = at?.claims?.[claim];
      if (
        typeof fromId === 'string' &&
        typeof fromAccess === 'string' &&
        fromId.toLowerCase() !== fromAccess.toLowerCase()
      )
        disagreements.push(
          finding(
            'error',
            'TOKENS_DISAGREE',
            `The ID token and the access token for ${t.resource ?? 'the API'} name a different ${what}: ${fromId} and ${fromAccess}. They do not come from one sign-in.`,
            'Do not use these tokens. Authorize again in a clean session; if it repeats, the identity provider is not answering like Entra ID.',
            { field: claim },
          ),
        );
    }
    for (const s of at?.classification?.scopes ?? t.scopes ?? []) granted.add(s);
    accessAccount ??= at?.classification?.account;
    tokens.push(view('access', t, at));
    for (const f of [...inspection.findings, ...(at?.findings ?? [])]) {
      // The identity verdict below speaks for identity; keep the rest.
      if (f.severity === 'info' || f.code.startsWith('IDENTITY_') || f.code === 'DELEGATE_MODE') continue;
      if (!findings.some((x) => x.code === f.code && x.field === f.field)) findings.push(f);
    }
  }
  if (!wantsRefresh)
    findings.push(
      finding(
        'error',
        'REFRESH_TOKEN_NOT_REQUESTED',
        `The product’s scopes do not include offline_access, so Entra gives the product no refresh token: its mail access stops when the access token expires, after about an hour.${set.refreshToken ? ' (This test sign-in got one only because the app’s sign-in library always adds offline_access.)' : ''}`,
        'Add offline_access to the product’s scopes (and as a delegated permission on the app registration), then authorize again.',
        { field: 'scopes' },
      ),
    );
  const productRefreshToken: AuthorizeResult['productRefreshToken'] = !wantsRefresh
    ? 'not-requested'
    : set.refreshToken
      ? 'expected'
      : 'missing';
  if (set.refreshToken)
    tokens.push(
      view('refresh', set.refreshToken, undefined, {
        status: 'opaque',
        reason: 'Refresh tokens are opaque to clients by design.',
      }),
    );

  findings.unshift(...disagreements);
  const askedDefaultAnywhere = cfg.scopes.some((s) => shortScope(s) === '.default');
  const signedInAs = (idInspection?.classification?.account ?? accessAccount) || undefined;
  const identity = identityVerdict({ expectedAccount: cfg.signInAccount, mailbox, tokenAccount: signedInAs });
  const tenantId = idInspection?.classification?.tenantId ?? undefined;
  const errors = findings.filter((f) => f.severity === 'error');

  let verdict: Verdict;
  if (identity.status === 'mismatch' || identity.status === 'no-account') {
    verdict = { ok: false, code: identity.code, sentence: identity.sentence, nextStep: identity.nextStep };
  } else if (errors[0] !== undefined) {
    const more =
      errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''} below)` : '';
    verdict = {
      ok: false,
      code: errors[0].code,
      sentence: `${identity.sentence} But: ${errors[0].message}${more}`,
      nextStep: errors[0].nextStep,
    };
  } else {
    const scopes = [...granted].filter((s) => !isOidcScope(s));
    // Here offline_access was requested and a refresh token came back (otherwise a finding above made it red).
    const refresh = ' The product’s scopes include offline_access, so it gets a refresh token and can stay signed in.';
    // /common and /organizations name no tenant: the account's own tenant (the tokens' tid) issued them.
    const tenantText =
      tenantId ??
      (isMultiTenantSegment(cfg.tenant) ? `(not named in the tokens; authority /${cfg.tenant.trim()})` : cfg.tenant);
    const permissions = `${scopes.join(', ') || '(none)'}${askedDefaultAnywhere ? ' (all granted, asked for with .default)' : ''}`;
    const delegate = identity.code === 'DELEGATE_MODE';
    const facts = `Tenant ${tenantText}, app ${cfg.clientId}, permissions ${permissions}.${refresh}`;
    const custom = cfg.cloud === 'custom' ? (authorityOf(cfg)?.host ?? 'the custom authority') : undefined;
    verdict =
      custom === undefined
        ? {
            ok: true,
            code: delegate ? 'VERIFIED_DELEGATE' : 'VERIFIED',
            sentence: `${identity.sentence} ${facts}`,
            nextStep: delegate
              ? identity.nextStep
              : 'Test the mailbox, then copy the verified values into the product.',
          }
        : {
            // Amber: the checks passed, but a host the admin named issued and signed the tokens, not Microsoft.
            ok: true,
            code: delegate ? 'CUSTOM_AUTHORITY_DELEGATE' : 'CUSTOM_AUTHORITY',
            sentence: `Microsoft did not issue these tokens: the custom authority ${custom} did, and only its own keys vouch for them. It says: ${identity.sentence} ${facts}`,
            nextStep: `Use this run only to test against ${custom}. For the product's mailbox, authorize against your Microsoft cloud (Global, GCC High, DoD or China).`,
            customAuthority: custom,
          };
  }

  return {
    tokenSetId: set.id,
    verdict,
    ...(signedInAs !== undefined ? { signedInAs } : {}),
    signInAccount: cfg.signInAccount,
    mailbox,
    delegateMode: identity.status === 'delegate',
    ...(tenantId !== undefined ? { tenantId } : {}),
    clientId: cfg.clientId,
    grantedScopes: [...granted],
    refreshTokenPresent: set.refreshToken !== undefined,
    productRefreshToken,
    tokens,
    findings,
    run: {
      presetId: cfg.presetId ?? 'generic',
      cloud: cfg.cloud,
      ...(cfg.customAuthority !== undefined ? { customAuthority: cfg.customAuthority } : {}),
      tenant: cfg.tenant,
      clientId: cfg.clientId,
      redirectUri: cfg.redirectUri,
      scopes: [...cfg.scopes],
      signInAccount: cfg.signInAccount,
      mailbox,
    },
  };
}
