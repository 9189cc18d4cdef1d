// A tiny ServiceNow-like product web app for the clean product session tests: HTTPS on loopback with a
// certificate from the emulator's CA for acme.service-now.example (Chromium maps the name to this port with
// --host-resolver-rules), a local login page (side_door.do), an OAuth admin page whose buttons build the
// authorize URL the way ServiceNow does (v2 endpoint, client_id, redirect_uri, response_type=code, scope,
// state; no prompt) — plus a misconfigured profile on the v1 endpoint with a comma-separated scope — and the
// callback (oauth_redirect.do) that redeems the code with the product's own secret against the emulator and
// shows whose mailbox the tokens are for. It counts what reaches its callback and every code it redeems (each
// code's fingerprint), so a test can prove the helper app neither redeems the product's code nor sends it its own.
// It keeps the tokens it redeemed, as ServiceNow does in oauth_credential, and has a "Scripts - Background" page
// (sys.scripts.do) that runs a pasted script in node:vm against them (tests/support/servicenow-standin.ts), so the
// app's verification script can be run on "the product" and its output read back.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Emulator } from '../emulator';
import { runBackgroundScript, type ServiceNowStore, type StoredToken } from './servicenow-standin';

export const PRODUCT_HOST = 'acme.service-now.example';
export const PRODUCT_USER = { name: 'admin', password: 'Product-Admin-1!' } as const;
/** The product's email account and OAuth Entity Profiles, as its records name them (sys_email_account, oauth_entity_profile). */
export const PRODUCT_RECORDS = {
  emailAccount: {
    sys_id: '5f1c0b7e2d3a4b5c6d7e8f9012345678',
    name: 'Service desk (IMAP)',
    user_name: 'servicedesk@contoso.test',
  },
  oauthProfiles: {
    imap: { sys_id: '9c4e78d3c302301089a7dd5c2840dd76', name: 'Microsoft 365 IMAP profile' },
    legacy: { sys_id: '248e3017c302301089a7dd5c2840dda5', name: 'Microsoft 365 legacy profile' },
  },
} as const;

export interface FakeProduct {
  /** https://acme.service-now.example (reachable in Chromium through `chromiumArgs`). */
  readonly origin: string;
  readonly port: number;
  /** The callback registered on the emulator's servicenow app. */
  readonly redirectUri: string;
  /** Chromium switches: map the product host to this port, and accept this certificate (plus `extraSpki`). */
  chromiumArgs(extraSpki?: readonly string[]): string[];
  /** Whose tokens each redemption returned, in order (upn, or the error), for assertions. */
  readonly redemptions: readonly { profile: string; upn?: string; error?: string }[];
  /** Every code the product redeemed at the token endpoint, in order: a fingerprint of the code and when. */
  readonly codeRedemptions: readonly { readonly codeSha256: string; readonly at: number }[];
  /** Every request that reached the callback, in order: when, and whether it answered a request of the product's. */
  readonly callbacks: readonly { readonly at: number; readonly knownState: boolean }[];
  stop(): Promise<void>;
}

interface Profile {
  readonly label: string;
  readonly endpoint: 'v1' | 'v2';
  readonly scope: string;
}

const PROFILES: Readonly<Record<string, Profile>> = {
  // As ServiceNow's Microsoft OAuth profile sends it: full scope URIs, space separated.
  imap: {
    label: 'Get OAuth Token (IMAP profile)',
    endpoint: 'v2',
    scope: 'https://outlook.office.com/IMAP.AccessAsUser.All https://outlook.office.com/SMTP.Send offline_access',
  },
  // A common misconfiguration: the v1 endpoint and scopes separated by commas.
  legacy: {
    label: 'Get OAuth Token (legacy profile)',
    endpoint: 'v1',
    scope: 'https://outlook.office.com/IMAP.AccessAsUser.All,offline_access',
  },
};

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (title: string, body: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)} | Fake ServiceNow</title></head><body><h1>${esc(title)}</h1>${body}</body></html>`;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function cookieOf(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

function upnOf(accessToken: string): string | undefined {
  const payload = accessToken.split('.')[1];
  if (!payload) return undefined;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
    upn?: string;
    unique_name?: string;
  };
  return claims.upn ?? claims.unique_name;
}

export async function startFakeProduct(emulator: Emulator): Promise<FakeProduct> {
  const app = emulator.directory.apps.servicenow;
  const redirectUri = `https://${PRODUCT_HOST}/oauth_redirect.do`;
  if (!app.redirectUris.includes(redirectUri))
    throw new Error(`the emulator's servicenow app must register ${redirectUri}`);
  const cert = await emulator.issueCertificate({ dns: [PRODUCT_HOST], ip: ['127.0.0.1'] });
  const sessions = new Map<string, { states: Map<string, string> }>();
  const redemptions: { profile: string; upn?: string; error?: string }[] = [];
  const codeRedemptions: { codeSha256: string; at: number }[] = [];
  const callbacks: { at: number; knownState: boolean }[] = [];
  const authority = emulator.authority('contoso.test');
  // What the product stored per OAuth profile (the last redemption wins, as a re-authorization replaces tokens).
  const stored = new Map<string, StoredToken>();
  const productStore = (): ServiceNowStore => ({
    emailAccounts: [{ ...PRODUCT_RECORDS.emailAccount }],
    oauthProfiles: Object.values(PRODUCT_RECORDS.oauthProfiles).map((p) => ({ ...p })),
    tokens: new Map(
      [...stored].map(([key, t]) => [
        `${PRODUCT_RECORDS.emailAccount.sys_id}|${PRODUCT_RECORDS.oauthProfiles[key as keyof typeof PRODUCT_RECORDS.oauthProfiles].sys_id}`,
        t,
      ]),
    ),
  });

  const send = (res: ServerResponse, status: number, html: string, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers });
    res.end(html);
  };
  const redirect = (res: ServerResponse, location: string, headers: Record<string, string> = {}): void => {
    res.writeHead(302, { location, 'cache-control': 'no-store', ...headers });
    res.end();
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', `https://${PRODUCT_HOST}`);
    const sid = cookieOf(req, 'glide_session');
    const session = sid === undefined ? undefined : sessions.get(sid);
    if (url.pathname === '/' || url.pathname === '/side_door.do') {
      if (req.method === 'POST') {
        const form = new URLSearchParams(await readBody(req));
        if (form.get('user_name') !== PRODUCT_USER.name || form.get('user_password') !== PRODUCT_USER.password) {
          return send(
            res,
            401,
            page(
              'Local login',
              '<p role="alert">User name or password invalid.</p><p><a href="/side_door.do">Try again</a></p>',
            ),
          );
        }
        const id = randomBytes(16).toString('hex');
        sessions.set(id, { states: new Map() });
        return redirect(res, '/oauth_admin.do', {
          'set-cookie': `glide_session=${id}; Path=/; Secure; HttpOnly; SameSite=Lax`,
        });
      }
      return send(
        res,
        200,
        page(
          'Local login',
          '<form method="post" action="/side_door.do"><label>User name <input name="user_name" autocomplete="username"></label> <label>Password <input name="user_password" type="password" autocomplete="current-password"></label> <button type="submit">Log in</button></form>',
        ),
      );
    }
    if (!session) return redirect(res, '/side_door.do');
    if (url.pathname === '/oauth_admin.do') {
      const buttons = Object.entries(PROFILES)
        .map(
          ([key, p]) =>
            `<form method="get" action="/oauth_entity_auth.do"><input type="hidden" name="profile" value="${key}"><button type="submit">${esc(p.label)}</button></form>`,
        )
        .join('');
      return send(
        res,
        200,
        page('Microsoft OAuth profile', `<p>Signed in to the product as ${PRODUCT_USER.name}.</p>${buttons}`),
      );
    }
    if (url.pathname === '/oauth_entity_auth.do') {
      const key = url.searchParams.get('profile') ?? 'imap';
      const p = PROFILES[key];
      if (!p) return send(res, 404, page('Unknown profile', ''));
      const state = randomBytes(12).toString('base64url');
      session.states.set(state, key);
      // ServiceNow's order and encoding: response_type, redirect_uri, client_id, scope, state (no prompt).
      const path = p.endpoint === 'v2' ? '/oauth2/v2.0/authorize' : '/oauth2/authorize';
      const q = `response_type=code&redirect_uri=${encodeURIComponent(redirectUri)}&client_id=${app.clientId}&scope=${encodeURIComponent(p.scope)}&state=${state}`;
      return redirect(res, `${authority}${path}?${q}`);
    }
    if (url.pathname === '/oauth_redirect.do') {
      const state = url.searchParams.get('state') ?? '';
      const profile = session.states.get(state);
      session.states.delete(state);
      callbacks.push({ at: Date.now(), knownState: profile !== undefined });
      if (profile === undefined)
        return send(
          res,
          400,
          page(
            'OAuth error',
            '<p role="alert" data-testid="oauth-result">The state does not match a request of this product.</p>',
          ),
        );
      const error = url.searchParams.get('error');
      if (error !== null) {
        redemptions.push({ profile, error });
        return send(
          res,
          400,
          page(
            'OAuth error',
            `<p role="alert" data-testid="oauth-result">${esc(error)}: ${esc(url.searchParams.get('error_description') ?? '')}</p>`,
          ),
        );
      }
      const code = url.searchParams.get('code') ?? '';
      const p = PROFILES[profile] as Profile;
      // The product redeems its own code with its own secret: this is the step the helper app never does here.
      const body = new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        client_id: app.clientId,
        client_secret: app.secret.value,
      });
      if (p.endpoint === 'v2') body.set('scope', p.scope);
      else body.set('resource', 'https://outlook.office.com');
      codeRedemptions.push({ codeSha256: createHash('sha256').update(code).digest('hex'), at: Date.now() });
      const r = await fetch(`${authority}${p.endpoint === 'v2' ? '/oauth2/v2.0/token' : '/oauth2/token'}`, {
        method: 'POST',
        body,
      });
      const json = (await r.json()) as {
        access_token?: string;
        refresh_token?: string;
        error?: string;
        error_description?: string;
      };
      if (!r.ok || !json.access_token) {
        redemptions.push({ profile, error: json.error ?? String(r.status) });
        return send(
          res,
          400,
          page(
            'OAuth error',
            `<p role="alert" data-testid="oauth-result">${esc(json.error ?? '')}: ${esc(json.error_description ?? '')}</p>`,
          ),
        );
      }
      const upn = upnOf(json.access_token) ?? '(unknown)';
      redemptions.push({ profile, upn });
      stored.set(profile, {
        accessToken: json.access_token,
        ...(json.refresh_token ? { refreshToken: json.refresh_token, refreshExpires: '2099-01-01 00:00:00' } : {}),
        expiresIn: 3599,
      });
      return send(
        res,
        200,
        page(
          'OAuth token received',
          `<p data-testid="oauth-result">Tokens received for <strong data-testid="token-owner">${esc(upn)}</strong>${json.refresh_token ? ' (with a refresh token)' : ''}.</p>`,
        ),
      );
    }
    if (url.pathname === '/sys.scripts.do') {
      const form =
        '<form method="post" action="/sys.scripts.do"><label for="script">Run script (JavaScript executed on server)</label><br><textarea id="script" name="script" rows="12" cols="100"></textarea><br><button type="submit">Run script</button></form>';
      if (req.method !== 'POST') return send(res, 200, page('Scripts - Background', form));
      const script = new URLSearchParams(await readBody(req)).get('script') ?? '';
      const run = runBackgroundScript(script, productStore());
      return send(
        res,
        200,
        page(
          'Scripts - Background',
          `<pre data-testid="script-output">${esc(run.output)}</pre>${run.error ? `<p role="alert">${esc(run.error)}</p>` : ''}${form}`,
        ),
      );
    }
    return send(res, 404, page('Not found', ''));
  };

  const server: Server = createServer({ key: cert.keyPem, cert: cert.certPem }, (req, res) => {
    handle(req, res).catch((e: unknown) =>
      send(res, 500, page('Server error', `<p>${esc(e instanceof Error ? e.message : String(e))}</p>`)),
    );
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    origin: `https://${PRODUCT_HOST}`,
    port,
    redirectUri,
    redemptions,
    codeRedemptions,
    callbacks,
    chromiumArgs: (extraSpki = []) => [
      `--host-resolver-rules=MAP ${PRODUCT_HOST} 127.0.0.1:${port}`,
      `--ignore-certificate-errors-spki-list=${[...extraSpki, cert.spkiHash].join(',')}`,
    ],
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
