// Shared fixtures of the hand-over tests: a ServiceNow run as the authorize flow stores it (token set with
// secret, tokens and the verified result), recognisable secret values to scan for, and a dispatcher over the
// real handler table.
import type { AuthorizeService } from '../../electron/services/authorize/authorize-service';
import { createDispatcher, trustedOriginPredicate, type CallContext } from '../../electron/services/ipc/dispatch';
import { createHandlers } from '../../electron/services/ipc/handlers';
import { createServices, type ServiceDeps } from '../../electron/services/ipc/services';
import type { ProfileStore } from '../../electron/services/profiles/profile-store';
import { TokenStore } from '../../electron/services/tokens/token-store';
import type { AuthorizeResult, RunConfig, Verdict } from '../../shared/authorize/schema';
import type { Result } from '../../shared/result';

export const SECRET = 'Snw8Q~F1635bVSw0FeJ9hVuuAJhFmueyl2MhrqZe';
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
export const ACCESS_TOKEN = `${b64({ typ: 'JWT', alg: 'RS256' })}.${b64({ aud: 'https://outlook.office.com', upn: 'servicedesk@contoso.com', scp: 'IMAP.AccessAsUser.All SMTP.Send' })}.c2lnbmF0dXJlLXBhcnQtb2YtdGhlLXRva2Vu`;
export const REFRESH_TOKEN = '1.AXoAPLACEHOLDERrefreshTOKENvalue_0123456789abcdefghijklmnopqrstuv-wxyz.AgABAAEAAAD';
export const ID_TOKEN = `${b64({ typ: 'JWT', alg: 'RS256' })}.${b64({ aud: 'x', preferred_username: 'servicedesk@contoso.com', nonce: 'n' })}.aWQtdG9rZW4tc2lnbmF0dXJl`;

export const RUN: RunConfig = {
  presetId: 'servicenow',
  cloud: 'global',
  tenant: 'contoso.onmicrosoft.com',
  clientId: '9247ff64-4fa2-4b31-9d1d-d624d2ea2cda',
  redirectUri: 'https://acme.service-now.com/oauth_redirect.do',
  scopes: [
    'https://outlook.office.com/IMAP.AccessAsUser.All',
    'https://outlook.office.com/SMTP.Send',
    'offline_access',
    'openid',
    'profile',
  ],
  signInAccount: 'servicedesk@contoso.com',
  mailbox: 'servicedesk@contoso.com',
};

export const OK_VERDICT: Verdict = {
  ok: true,
  code: 'VERIFIED',
  sentence: 'These tokens belong to servicedesk@contoso.com, the expected account.',
  nextStep: 'Copy the values.',
};
export const MISMATCH_VERDICT: Verdict = {
  ok: false,
  code: 'IDENTITY_MISMATCH',
  sentence: 'These tokens belong to adele@contoso.com, not servicedesk@contoso.com: your own session was used.',
  nextStep: 'Authorize again and sign in as servicedesk@contoso.com.',
};

export function resultFor(tokenSetId: string, over: Partial<AuthorizeResult> = {}): AuthorizeResult {
  return {
    tokenSetId,
    verdict: OK_VERDICT,
    signedInAs: 'servicedesk@contoso.com',
    signInAccount: 'servicedesk@contoso.com',
    mailbox: 'servicedesk@contoso.com',
    delegateMode: false,
    tenantId: '93730ac9-67de-40eb-bc94-85ac0d4949a7',
    clientId: RUN.clientId,
    grantedScopes: ['IMAP.AccessAsUser.All', 'SMTP.Send'],
    refreshTokenPresent: true,
    tokens: [
      {
        role: 'access',
        preview: 'eyJ0eX…dG9r',
        length: ACCESS_TOKEN.length,
        resource: 'https://outlook.office.com',
        claims: {
          aud: 'https://outlook.office.com',
          upn: 'servicedesk@contoso.com',
          scp: 'IMAP.AccessAsUser.All SMTP.Send',
        },
        signature: 'not-verifiable-by-design',
      },
      { role: 'refresh', preview: '1.AXoA…AAD', length: REFRESH_TOKEN.length, signature: 'opaque' },
    ],
    findings: [],
    run: RUN,
    ...over,
  };
}

/** A token store holding one finished run; `over` changes its result (verdict, findings, run). */
export function storeWithRun(
  over: Partial<AuthorizeResult> = {},
  opts: { refresh?: boolean } = {},
): { store: TokenStore; id: string } {
  const store = new TokenStore();
  const set = store.put({
    accessTokens: [
      { value: ACCESS_TOKEN, resource: 'https://outlook.office.com', scopes: ['IMAP.AccessAsUser.All', 'SMTP.Send'] },
    ],
    idToken: { value: ID_TOKEN },
    ...(opts.refresh === false ? {} : { refreshToken: { value: REFRESH_TOKEN } }),
    clientSecret: SECRET,
  });
  store.setResult(set.id, resultFor(set.id, over));
  return { store, id: set.id };
}

export const runtime = {
  name: 'Mailbox Auth Helper',
  version: '0.0.0-test',
  platform: 'linux',
  runtime: 'node' as const,
  versions: { node: '22.0.0' },
};
const trusted: CallContext = { senderUrl: 'app://renderer/index.html', isMainFrame: true };

/** Services a test builds itself: a token store holding its runs, a fake authorize flow, a filled profile store. */
export interface BuiltByTest {
  readonly tokenStore?: TokenStore;
  readonly authorize?: AuthorizeService;
  readonly profiles?: ProfileStore;
}

/** Calls through the real dispatcher (schema validation included), recording every payload as JSON. */
export function caller(deps: Partial<ServiceDeps>, built: BuiltByTest = {}) {
  const services = createServices({ runtime, ...deps });
  const d = createDispatcher(
    createHandlers({
      ...services,
      tokens: { ...services.tokens, store: built.tokenStore ?? services.tokens.store },
      ...(built.authorize ? { authorize: built.authorize } : {}),
      ...(built.profiles ? { profiles: built.profiles } : {}),
    }),
    { isTrustedSender: trustedOriginPredicate(['app://renderer']) },
  );
  const payloads: string[] = [];
  const call = async <T = unknown>(method: string, req: unknown): Promise<Result<T>> => {
    const r = (await d(method, req, trusted)) as Result<T>;
    payloads.push(JSON.stringify(req), JSON.stringify(r));
    return r;
  };
  return { call, payloads };
}

export function expectOk<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.value;
}
