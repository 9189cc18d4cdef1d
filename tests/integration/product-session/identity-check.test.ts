// The product session's identity check against the Entra emulator, with MSAL-node and the signature verifier as
// they are, and a browserless stand-in for the hidden page (fetchLogin with the session's SSO cookie): the code
// check redeemed with the secret, login_required naming the other account, delegate mode, the ID-token check with
// and without the registration's implicit setting, a wrong secret, a saved profile's secret bound to another app,
// and nothing of the codes and tokens the emulator issued in what the check returns or records.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkProductIdentity, type CheckSecret } from '../../../electron/services/product-session/identity-check';
import type { ProductBrowser } from '../../../electron/services/product-session/product-browser';
import type { NewStep } from '../../../electron/services/product-session/session-watcher';
import { createTokenVerifier } from '../../../electron/services/tokens/token-verifier';
import { parseAuthorizeRequest } from '../../../shared/product-session';
import { fetchLogin } from '../../emulator/fetch-login';
import { startEmulator, type Emulator } from '../../emulator/index';

let em: Emulator;
beforeAll(async () => {
  em = await startEmulator();
  em.trustInProcess();
});
afterAll(async () => {
  await em?.stop();
});

/** The product's authorize request, as the fake ServiceNow sends it. */
function productRequest(appKey: 'servicenow' | 'generic' = 'servicenow') {
  const app = em.directory.apps[appKey];
  const q = new URLSearchParams({
    response_type: 'code',
    redirect_uri: app.redirectUris.at(-1) ?? '',
    client_id: app.clientId,
    scope: 'https://outlook.office.com/IMAP.AccessAsUser.All https://outlook.office.com/SMTP.Send offline_access',
    state: 'product-state',
  });
  const r = parseAuthorizeRequest(`${em.authority()}/oauth2/v2.0/authorize?${q.toString()}`, {
    customHosts: [em.host],
  });
  if (!r) throw new Error('not recognised');
  return r;
}

/** The session's partition, signed in as `upn`: its silent requests carry that SSO cookie. */
function partitionSignedInAs(upn: string): { silent: ProductBrowser['silentRequest']; urls: string[] } {
  const c = em.ssoCookieFor(upn);
  const urls: string[] = [];
  return {
    urls,
    silent: async (url) => {
      urls.push(url);
      const r = await fetchLogin(url, undefined, `${c.name}=${c.value}`);
      if (r.callbackUrl === undefined) return { kind: 'failed', reason: 'the request ended on a page' };
      // form_post: the body the browser would post; query: the URL itself.
      return r.page === undefined
        ? { kind: 'callback', callbackUrl: r.callbackUrl }
        : { kind: 'callback', callbackUrl: r.callbackUrl, formBody: r.params.toString() };
    },
  };
}

async function check(opts: {
  signedInAs: string;
  signInAccount: string;
  mailbox?: string;
  secret?: CheckSecret;
  form?: string;
  appKey?: 'servicenow' | 'generic';
}) {
  const steps: NewStep[] = [];
  const partition = partitionSignedInAs(opts.signedInAs);
  const issuedBefore = em.issued.length;
  const verdict = await checkProductIdentity(
    {
      request: productRequest(opts.appKey),
      signInAccount: opts.signInAccount,
      mailbox: opts.mailbox ?? opts.signInAccount,
      secret: opts.secret,
      signInFormAccount: opts.form,
      preset: 'servicenow',
    },
    {
      silent: partition.silent,
      verifierFor: (host) => createTokenVerifier({ trustedIssuerHosts: [host] }),
      record: (s) => steps.push(s),
    },
  );
  const issued = em.issued.slice(issuedBefore);
  // Nothing the emulator issued during the check (codes, ID/access/refresh tokens) is in what the check returns.
  const out = JSON.stringify({ verdict, steps });
  for (const t of issued) expect(out.includes(t.value), `${t.kind} leaked`).toBe(false);
  if (opts.secret) expect(out).not.toContain(opts.secret.value);
  return { verdict, steps, urls: partition.urls, issued };
}

const sn = () => em.directory.apps.servicenow;

describe('the code check (the client secret given)', () => {
  it('servicedesk signed in: prompt=none + login_hint, code redeemed, the verified ID token decides green', async () => {
    const { verdict, steps, urls, issued } = await check({
      signedInAs: 'servicedesk@contoso.test',
      signInAccount: 'servicedesk@contoso.test',
      secret: { value: sn().secret.value },
    });
    expect(verdict).toMatchObject({
      ok: true,
      status: 'match',
      proof: 'proven',
      decidedBy: 'silent-code',
      account: 'servicedesk@contoso.test',
    });
    const q = new URL(urls[0] ?? '').searchParams;
    expect(Object.fromEntries(q)).toMatchObject({
      client_id: sn().clientId,
      redirect_uri: 'https://acme.service-now.example/oauth_redirect.do',
      response_type: 'code',
      prompt: 'none',
      login_hint: 'servicedesk@contoso.test',
      code_challenge_method: 'S256',
    });
    expect(q.get('scope')).toContain('https://outlook.office.com/IMAP.AccessAsUser.All');
    expect(urls).toHaveLength(1);
    // The app's code was redeemed once, by the app, for the product's client.
    expect(issued.filter((t) => t.kind === 'code')).toHaveLength(1);
    expect(issued.some((t) => t.kind === 'id_token' && t.clientId === sn().clientId)).toBe(true);
    expect(steps.map((s) => [s.kind, s.by])).toEqual([
      ['app-request', 'app'],
      ['app-answer', 'app'],
      ['verdict', 'app'],
    ]);
    expect(steps[1]?.claims).toMatchObject({ preferred_username: 'servicedesk@contoso.test', signature: 'valid' });
  });

  it('adele signed in instead: login_required for servicedesk, a second request names adele — red naming both', async () => {
    const { verdict, steps, urls } = await check({
      signedInAs: 'adele@contoso.test',
      signInAccount: 'servicedesk@contoso.test',
      secret: { value: sn().secret.value },
      form: 'adele@contoso.test',
    });
    expect(verdict).toMatchObject({
      ok: false,
      status: 'mismatch',
      proof: 'proven',
      decidedBy: 'silent-code',
      account: 'adele@contoso.test',
      sentence: 'The product received tokens for adele@contoso.test, not servicedesk@contoso.test.',
    });
    expect(verdict.how).toContain('login_required (AADSTS50058)');
    expect(urls.map((u) => new URL(u).searchParams.get('login_hint'))).toEqual(['servicedesk@contoso.test', null]);
    expect(steps.find((s) => s.kind === 'app-answer')?.message).toContain('AADSTS50058');
  });

  it('delegate mode: the delegate signed in for the shared mailbox is green naming both', async () => {
    const { verdict } = await check({
      signedInAs: 'helpdesk-delegate@contoso.test',
      signInAccount: 'helpdesk-delegate@contoso.test',
      mailbox: 'support@contoso.test',
      secret: { value: sn().secret.value },
    });
    expect(verdict).toMatchObject({ ok: true, status: 'delegate', code: 'DELEGATE_MODE', proof: 'proven' });
    expect(verdict.sentence).toBe(
      'The product received tokens for helpdesk-delegate@contoso.test, who signs in as a delegate for the mailbox support@contoso.test.',
    );
  });

  it('a wrong secret (the Secret ID) proves nothing: AADSTS7000215 on the timeline, then the ID-token check', async () => {
    const { verdict, steps } = await check({
      signedInAs: 'servicedesk@contoso.test',
      signInAccount: 'servicedesk@contoso.test',
      secret: { value: sn().secret.id },
      form: 'servicedesk@contoso.test',
    });
    expect(verdict.evidence.map((e) => [e.method, e.outcome.kind])).toEqual([
      ['silent-code', 'inconclusive'],
      ['silent-id-token', 'inconclusive'],
      ['sign-in-form', 'account'],
    ]);
    expect(verdict.evidence[0]?.outcome).toMatchObject({ code: 'AADSTS7000215' });
    expect(verdict.evidence[0]?.outcome.kind === 'inconclusive' && verdict.evidence[0].outcome.reason).toContain(
      'not its Secret ID',
    );
    expect(verdict).toMatchObject({ ok: true, proof: 'observed', decidedBy: 'sign-in-form' });
    expect(steps.filter((s) => s.kind === 'app-request')).toHaveLength(2);
  });

  it('a saved profile’s secret is sent only for its own app and login host', async () => {
    const { verdict, urls } = await check({
      signedInAs: 'servicedesk@contoso.test',
      signInAccount: 'servicedesk@contoso.test',
      secret: { value: sn().secret.value, boundTo: { clientId: em.directory.apps.jira.clientId, host: em.host } },
    });
    expect(verdict.evidence[0]).toMatchObject({ method: 'silent-code', outcome: { kind: 'not-tried' } });
    expect(verdict.evidence[0]?.outcome.kind === 'not-tried' && verdict.evidence[0].outcome.reason).toContain(
      'it was not sent',
    );
    // Only the ID-token request went out; no code was asked for.
    expect(urls.map((u) => new URL(u).searchParams.get('response_type'))).toEqual(['id_token']);
  });
});

describe('the ID-token check (no secret)', () => {
  it('the registration without implicit ID tokens answers AADSTS700054: only the sign-in page is left (observed)', async () => {
    const { verdict, steps } = await check({
      signedInAs: 'servicedesk@contoso.test',
      signInAccount: 'servicedesk@contoso.test',
      form: 'servicedesk@contoso.test',
    });
    expect(verdict.evidence[1]).toMatchObject({
      method: 'silent-id-token',
      outcome: { kind: 'inconclusive', code: 'AADSTS700054' },
    });
    expect(verdict).toMatchObject({ ok: true, status: 'match', proof: 'observed', decidedBy: 'sign-in-form' });
    const answer = steps.find((s) => s.kind === 'app-answer');
    expect(answer?.title).toContain('unsupported_response_type (AADSTS700054)');
    expect(answer?.message).toContain('ID tokens (used for implicit and hybrid flows)');
  });

  it('with implicit ID tokens on: the form_post ID token, signature verified, decides — and names adele', async () => {
    em.configureApp('servicenow', { enableIdTokenIssuance: true });
    try {
      const good = await check({ signedInAs: 'servicedesk@contoso.test', signInAccount: 'servicedesk@contoso.test' });
      expect(good.verdict).toMatchObject({ ok: true, proof: 'proven', decidedBy: 'silent-id-token' });
      const q = new URL(good.urls[0] ?? '').searchParams;
      expect(q.get('response_mode')).toBe('form_post');
      expect(q.get('nonce')).toBeTruthy();
      const bad = await check({ signedInAs: 'adele@contoso.test', signInAccount: 'servicedesk@contoso.test' });
      expect(bad.verdict).toMatchObject({
        ok: false,
        status: 'mismatch',
        proof: 'proven',
        decidedBy: 'silent-id-token',
        account: 'adele@contoso.test',
      });
    } finally {
      em.configureApp('servicenow', { enableIdTokenIssuance: false });
    }
  });
});
