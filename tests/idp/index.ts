// The second identity provider of the test suite: panva's oidc-provider (a certified OpenID Provider library),
// configured Entra-shaped and sharing no code with tests/emulator — its own PKI (openssl), its own RS256 keys (jose),
// its own accounts and claim set (ID tokens carry preferred_username, never upn), its own sign-in pages with Entra's
// element ids. Paths as Entra's: /{tenant}/v2.0/.well-known/openid-configuration, /{tenant}/oauth2/v2.0/authorize|
// token, /{tenant}/discovery/v2.0/keys, for the tenant id and the domain alike. Access tokens are JWTs for the
// Exchange (Outlook) resource with Entra's v2 claims (aud, scp short names, azp, tid, oid, preferred_username).
// startIdp() runs it on 127.0.0.1; the authorize e2e runs against it and against the emulator from one spec.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';
import { createIdpPki } from './pki';
import { errorText, passwordForm, staySignedInForm, usernameForm } from './pages';

export interface IdpAccount {
  readonly upn: string;
  /** null: a shared mailbox, which cannot sign in. */
  readonly password: string | null;
  readonly displayName: string;
  readonly oid: string;
}

export interface Idp {
  readonly host: string;
  readonly baseUrl: string;
  readonly caPem: string;
  readonly caPath: string;
  readonly spkiHash: string;
  readonly tenantId: string;
  readonly domain: string;
  readonly issuer: string;
  readonly client: { readonly clientId: string; readonly clientSecret: string; readonly redirectUri: string };
  readonly users: Readonly<Record<'servicedesk' | 'adele' | 'delegate' | 'support', IdpAccount>>;
  /** Authorization codes it handed out (for leak scans). */
  readonly issuedCodes: readonly string[];
  stop(): Promise<void>;
}

/** Resource servers as Entra names them: the resource URI, and its delegated permissions as full scope URIs. */
const RESOURCES: Readonly<Record<string, readonly string[]>> = {
  'https://outlook.office.com': ['IMAP.AccessAsUser.All', 'POP.AccessAsUser.All', 'SMTP.Send'],
  'https://graph.microsoft.com': ['User.Read', 'Mail.ReadWrite', 'Mail.Send'],
};

const resourceOfScope = (scope: string): string | undefined => {
  const m = /^(https:\/\/[^/\s]+)\/[^/\s]+$/.exec(scope);
  return m?.[1] !== undefined && m[1] in RESOURCES ? m[1] : undefined;
};

function readBody(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

const html = (res: ServerResponse, status: number, body: string): void => {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(body);
};

export async function startIdp(): Promise<Idp> {
  const pki = createIdpPki();
  const tenantId = randomUUID();
  const domain = 'contoso.test';
  const account = (upn: string, displayName: string, password: string | null): IdpAccount => ({
    upn,
    displayName,
    password,
    oid: randomUUID(),
  });
  const users = {
    servicedesk: account('servicedesk@contoso.test', 'Service Desk', `Sd-${randomBytes(6).toString('hex')}!`),
    adele: account('adele@contoso.test', 'Adele Vance', `Ad-${randomBytes(6).toString('hex')}!`),
    delegate: account('helpdesk-delegate@contoso.test', 'Helpdesk Delegate', `Dg-${randomBytes(6).toString('hex')}!`),
    support: account('support@contoso.test', 'Support (shared mailbox)', null),
  };
  const byUpn = (upn: string): IdpAccount | undefined =>
    Object.values(users).find((u) => u.upn.toLowerCase() === upn.trim().toLowerCase());
  const byOid = (oid: string): IdpAccount | undefined => Object.values(users).find((u) => u.oid === oid);
  const client = {
    clientId: randomUUID(),
    clientSecret: `Idp8Q~${randomBytes(24).toString('base64url')}`,
    redirectUri: 'https://acme.service-now.example/oauth_redirect.do',
  };
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingJwk = {
    ...(await exportJWK(privateKey)),
    kid: randomBytes(8).toString('hex'),
    use: 'sig',
    alg: 'RS256',
  };

  const server: Server = createServer({ key: pki.keyPem, cert: pki.certPem });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const host = `localhost:${port}`;
  const baseUrl = `https://${host}`;
  const issuer = `${baseUrl}/${tenantId}/v2.0`;
  const issuedCodes: string[] = [];

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        client_name: 'ServiceNow Email (oidc-provider)',
        redirect_uris: [client.redirectUri],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [signingJwk] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    scopes: ['openid', 'offline_access', 'profile', 'email'],
    // Its own claim set: sub, oid, tid and ver with openid; name and preferred_username with profile; no upn.
    claims: { openid: ['sub', 'oid', 'tid', 'ver'], profile: ['name', 'preferred_username'], email: ['email'] },
    conformIdTokenClaims: false,
    findAccount: async (_ctx: unknown, sub: string) => {
      const u = byOid(sub);
      if (!u) return undefined;
      return {
        accountId: sub,
        claims: async () => ({
          sub,
          oid: u.oid,
          tid: tenantId,
          ver: '2.0',
          name: u.displayName,
          preferred_username: u.upn,
        }),
      };
    },
    pkce: { required: () => true },
    routes: {
      authorization: '/oauth2/v2.0/authorize',
      token: '/oauth2/v2.0/token',
      jwks: '/discovery/v2.0/keys',
      end_session: '/oauth2/v2.0/logout',
      userinfo: '/openid/userinfo',
    },
    interactions: {
      url: (_ctx: unknown, interaction: { uid: string }) => `/${tenantId}/interaction/${interaction.uid}`,
    },
    features: {
      devInteractions: { enabled: false },
      resourceIndicators: {
        enabled: true,
        // MSAL sends Entra-style scopes (https://outlook.office.com/IMAP.AccessAsUser.All) and no `resource`: the
        // resource is the scopes' own, as Entra derives it (entra-docs scopes-oidc.md).
        defaultResource: async (ctx: { oidc: { params: { scope?: string } } }, _c: unknown, oneOf?: string[]) =>
          oneOf?.[0] ??
          (ctx.oidc.params.scope ?? '')
            .split(' ')
            .map(resourceOfScope)
            .find((r) => r !== undefined),
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx: unknown, indicator: string) => {
          const names = RESOURCES[indicator];
          if (names === undefined) throw new Error(`unknown resource ${indicator}`);
          return {
            scope: names.map((n) => `${indicator}/${n}`).join(' '),
            audience: indicator,
            accessTokenTTL: 3600,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    // Entra's v2 access-token claims (entra-docs access-token-claims-reference.md): scp holds short permission names.
    extraTokenClaims: async (_ctx: unknown, token: { accountId?: string; clientId?: string; scope?: string }) => {
      const u = token.accountId === undefined ? undefined : byOid(token.accountId);
      if (!u) return undefined;
      const scp = (token.scope ?? '')
        .split(' ')
        .filter((s) => resourceOfScope(s) !== undefined)
        .map((s) => s.slice(s.lastIndexOf('/') + 1));
      return {
        scp: scp.join(' '),
        azp: token.clientId,
        tid: tenantId,
        oid: u.oid,
        name: u.displayName,
        preferred_username: u.upn,
        ver: '2.0',
      };
    },
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 600,
      IdToken: 3600,
      RefreshToken: 86_400,
      Interaction: 600,
      Session: 3600,
      Grant: 86_400,
    },
    renderError: async (ctx: { type: string; body: string }, out: Record<string, string>) => {
      ctx.type = 'html';
      ctx.body = errorText(
        'Sorry, but we’re having trouble signing you in.',
        `${out.error ?? ''}: ${out.error_description ?? ''}`,
      );
    },
  });
  const callback = provider.callback();
  const verified = new Map<string, string>(); // interaction uid → the account whose password it accepted

  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string, step: string): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) return html(res, 400, errorText('Sign-in expired', 'Start the sign-in again.'));
    const action = (next: string): string => `/${tenantId}/interaction/${uid}/${next}`;
    if (details.prompt.name === 'consent') {
      // The app registration has admin consent (as the e2e's Entra app has): grant what was asked, with no page.
      const missing = details.prompt.details;
      const grant =
        (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ??
        new provider.Grant({
          accountId: details.session?.accountId ?? '',
          clientId: String(details.params.client_id ?? ''),
        });
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      if (missing.missingOIDCClaims) grant.addOIDCClaims([...missing.missingOIDCClaims]);
      for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {}))
        grant.addResourceScope(indicator, scopes.join(' '));
      const grantId = await grant.save();
      return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    }
    const hint = typeof details.params.login_hint === 'string' ? details.params.login_hint : undefined;
    if (req.method === 'GET') return html(res, 200, usernameForm(action('username'), 'ServiceNow Email', hint));
    const form = await readBody(req);
    if (step === 'kmsi') {
      // Only the account whose password this interaction accepted finishes here.
      const accountId = verified.get(uid);
      verified.delete(uid);
      if (accountId === undefined) return html(res, 400, errorText('Sign-in expired', 'Start the sign-in again.'));
      return provider.interactionFinished(
        req,
        res,
        { login: { accountId, remember: form.get('kmsi') === 'Yes' } },
        { mergeWithLastSubmission: false },
      );
    }
    const user = byUpn(form.get('loginfmt') ?? '');
    if (!user)
      return html(res, 200, errorText('We couldn’t find an account with that username.', 'Try another account.'));
    if (step === 'username') return html(res, 200, passwordForm(action('password'), user.upn));
    if (step === 'password') {
      if (user.password === null)
        return html(res, 200, errorText('Your account is disabled.', 'A shared mailbox cannot sign in.'));
      if (form.get('passwd') !== user.password)
        return html(res, 200, passwordForm(action('password'), user.upn, 'Your account or password is incorrect.'));
      verified.set(uid, user.oid);
      return html(res, 200, staySignedInForm(action('kmsi'), user.upn));
    }
    return html(res, 400, errorText('Sign-in expired', 'Start the sign-in again.'));
  }

  server.on('request', (req: IncomingMessage & { originalUrl?: string }, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', baseUrl);
    const [segment = '', ...rest] = url.pathname.split('/').filter(Boolean);
    // The tenant segment: its id or its domain, as Entra accepts both.
    if (segment !== tenantId && segment.toLowerCase() !== domain) {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'invalid_tenant', error_description: `Tenant '${segment}' not found.` }));
      return;
    }
    let tail = `/${rest.join('/')}`;
    const inter = /^\/interaction\/([A-Za-z0-9_-]+)(?:\/(username|password|kmsi))?$/.exec(tail);
    if (inter) {
      interaction(req, res, inter[1] ?? '', inter[2] ?? '').catch((e: unknown) => {
        if (!res.headersSent) html(res, 500, errorText('Sign-in failed', e instanceof Error ? e.message : String(e)));
      });
      return;
    }
    // Entra keeps discovery under /v2.0/; oidc-provider serves it at its mount's /.well-known/.
    if (tail === '/v2.0/.well-known/openid-configuration') tail = '/.well-known/openid-configuration';
    if (tail === '/oauth2/v2.0/authorize') {
      // Entra issues a refresh token whenever offline_access is requested (entra-docs scopes-oidc.md); OpenID
      // Connect Core (and oidc-provider) honour offline_access only with prompt=consent. Adding consent to an
      // interactive prompt makes this provider do what Entra does; consent itself is granted without a page.
      const prompt = url.searchParams.get('prompt');
      const scope = url.searchParams.get('scope') ?? '';
      if (
        prompt &&
        prompt !== 'none' &&
        !prompt.split(' ').includes('consent') &&
        scope.split(' ').includes('offline_access')
      )
        url.searchParams.set('prompt', `${prompt} consent`);
    }
    req.originalUrl = `/${tenantId}${tail}${url.search}`;
    req.url = `${tail}${url.search}`;
    if (tail === '/oauth2/v2.0/authorize' || tail.startsWith('/oauth2/v2.0/authorize/')) {
      res.on('finish', () => {
        const location = res.getHeader('location');
        const code = typeof location === 'string' ? new URL(location, baseUrl).searchParams.get('code') : null;
        if (code) issuedCodes.push(code);
      });
    }
    callback(req, res);
  });

  const dir = await mkdtemp(join(tmpdir(), 'idp-'));
  const caPath = join(dir, 'idp-ca.pem');
  await writeFile(caPath, pki.caPem, { mode: 0o600 });
  return {
    host,
    baseUrl,
    caPem: pki.caPem,
    caPath,
    spkiHash: pki.spkiHash,
    tenantId,
    domain,
    issuer,
    client,
    users,
    issuedCodes,
    stop: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await rm(dir, { recursive: true, force: true });
    },
  };
}
