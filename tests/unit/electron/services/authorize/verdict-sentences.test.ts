// The verdict's sentences about refresh tokens, scopes and tenants, each held to what Entra does with the PRODUCT's
// request (the run's configured scopes and tenant), not with this app's own sign-in: MSAL adds offline_access by
// itself, Entra never writes `.default` into `scp`, and /common or /organizations is not a domain.
import { describe, expect, it } from 'vitest';
import { verifyTokenSet } from '../../../../../electron/services/authorize/verify-token-set';
import { TokenStore } from '../../../../../electron/services/tokens/token-store';
import type { AuthorizeConfig, AuthorizeResult } from '../../../../../shared/authorize/schema';
import { CLIENT_ID, NOW, TENANT, createMinter, idTokenV2, outlookAccessV1 } from '../../../../support/tokens-mint';

const ACCOUNT = 'servicedesk@contoso.test';

function config(over: Partial<AuthorizeConfig> = {}): AuthorizeConfig {
  return {
    cloud: 'global',
    tenant: TENANT,
    clientId: CLIENT_ID,
    clientSecret: 'Abc8Q~test-secret-value-000000000000000',
    redirectUri: 'https://acme.service-now.example/oauth_redirect.do',
    signInAccount: ACCOUNT,
    scopes: ['https://outlook.office.com/IMAP.AccessAsUser.All', 'offline_access', 'openid', 'profile'],
    prompt: 'login',
    timeoutMs: 10_000,
    ...over,
  } as AuthorizeConfig;
}

/** A token set as this app's sign-in gets it: MSAL always adds offline_access, so a refresh token is there. */
async function verify(
  cfg: AuthorizeConfig,
  o: { aud?: string; scp?: string; grantedScopes?: string[]; refresh?: boolean } = {},
): Promise<AuthorizeResult> {
  const minter = await createMinter();
  const aud = o.aud ?? 'https://outlook.office.com';
  const set = new TokenStore().put({
    accessTokens: [
      {
        value: await minter.sign(outlookAccessV1({ upn: ACCOUNT, aud, scp: o.scp ?? 'IMAP.AccessAsUser.All' })),
        resource: aud,
        scopes: o.grantedScopes ?? [`${aud}/IMAP.AccessAsUser.All`],
      },
    ],
    idToken: { value: await minter.sign(idTokenV2({ upn: ACCOUNT, nonce: 'n-1' })) },
    ...(o.refresh === false ? {} : { refreshToken: { value: '1.AAAA-refresh-token' } }),
  });
  return verifyTokenSet(set, {
    cfg,
    mailbox: cfg.signInAccount,
    nonce: 'n-1',
    now: () => NOW * 1000,
    verifier: { verify: async () => ({ status: 'valid', code: 'SIGNATURE_VALID', reason: 'test verifier' }) },
  });
}

const codes = (r: AuthorizeResult): string[] => r.findings.map((f) => f.code);

describe('refresh token: what the product’s own scopes will get', () => {
  it('offline_access in the product’s scopes and a refresh token back: green, and the sentence says so', async () => {
    const r = await verify(config());
    expect(r.verdict.ok).toBe(true);
    expect(r.verdict.sentence).toContain('offline_access');
    expect(r.productRefreshToken).toBe('expected');
  });

  it('no offline_access in the product’s scopes: red even though MSAL’s own request got a refresh token', async () => {
    // entra-docs scopes-oidc.md (commit 011322de): "your app must explicitly request the offline_access scope, to
    // receive refresh tokens"; @azure/msal-common OIDC_DEFAULT_SCOPES adds it to every request of this app.
    const r = await verify(
      config({ scopes: ['https://outlook.office.com/IMAP.AccessAsUser.All', 'openid', 'profile'] }),
    );
    expect(r.refreshTokenPresent).toBe(true);
    expect(r.verdict.ok).toBe(false);
    expect(r.verdict.code).toBe('REFRESH_TOKEN_NOT_REQUESTED');
    expect(r.verdict.sentence).not.toContain('so the product can stay signed in');
    expect(r.verdict.sentence).toContain('offline_access');
    expect(r.productRefreshToken).toBe('not-requested');
  });

  it('offline_access requested but none came back: red, REFRESH_TOKEN_MISSING', async () => {
    const r = await verify(config(), { refresh: false });
    expect(r.verdict.ok).toBe(false);
    expect(codes(r)).toContain('REFRESH_TOKEN_MISSING');
    expect(r.productRefreshToken).toBe('missing');
  });
});

describe('.default: a request for every granted permission, never a permission in scp', () => {
  it('https://outlook.office365.com/.default with the granted permissions in scp is green, no SCOPE_MISSING', async () => {
    // entra-docs scopes-oidc.md: "If consent exists, the returned token contains all scopes granted for that resource".
    const aud = 'https://outlook.office365.com';
    const r = await verify(config({ scopes: [`${aud}/.default`, 'offline_access', 'openid', 'profile'] }), {
      aud,
      scp: 'IMAP.AccessAsUser.All SMTP.Send',
      grantedScopes: [`${aud}/IMAP.AccessAsUser.All`, `${aud}/SMTP.Send`],
    });
    expect(codes(r)).not.toContain('SCOPE_MISSING');
    expect(r.verdict.ok).toBe(true);
    expect(r.verdict.sentence).not.toContain('.default,');
  });

  it('a named permission that is missing is still SCOPE_MISSING beside .default', async () => {
    const aud = 'https://outlook.office.com';
    const r = await verify(config({ scopes: [`${aud}/SMTP.Send`, 'offline_access', 'openid'] }), { aud });
    expect(codes(r)).toContain('SCOPE_MISSING');
  });
});

describe('tenant common / organizations: not a domain to compare', () => {
  for (const tenant of ['common', 'organizations']) {
    it(`tenant ${tenant}: no "domain is …, not ${tenant}", the verdict names the tenant the tokens came from`, async () => {
      const r = await verify(config({ tenant }));
      expect(codes(r)).not.toContain('TENANT_DOMAIN_DIFFERS');
      expect(JSON.stringify(r.findings)).not.toContain(`not ${tenant}`);
      expect(r.verdict.ok).toBe(true);
      expect(r.verdict.sentence).toContain(TENANT);
      expect(r.verdict.sentence).not.toContain(`Tenant ${tenant}`);
    });
  }
});
