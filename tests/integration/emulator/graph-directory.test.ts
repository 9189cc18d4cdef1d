// The emulator's Graph v1.0 directory surface as a client sees it: Graph's collection and error shapes, $filter on
// appId / clientId, $select, paging with $top and @odata.nextLink, 404 for an unknown user, 400 for an unsupported
// filter, 403 Authorization_RequestDenied without a read permission (delegated scp or application roles), another
// tenant's objects invisible; and public clients redeeming a code without a secret while confidential ones cannot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRAPH, startEmulator, type Emulator } from '../../emulator/index';
import { fetchLogin } from '../../emulator/fetch-login';
import { EXCHANGE_APP_ID, GRAPH_APP_ID } from '../../emulator/graph-directory';

let em: Emulator;
let reader: string;
beforeAll(async () => {
  em = await startEmulator();
  em.trustInProcess();
  reader = await em.mintUserAccessToken('adele@contoso.test', {
    resource: GRAPH,
    scopes: ['Application.Read.All', 'Directory.Read.All', 'User.Read.All'],
    appKey: 'graph-cli',
  });
});
afterAll(async () => {
  await em?.stop();
});

const get = async (path: string, token = reader) => {
  const res = await fetch(`${em.baseUrl}/v1.0${path}`, { headers: { authorization: `Bearer ${token}` } });
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown> & { value?: Record<string, unknown>[] },
  };
};
const filter = (expr: string) => `$filter=${encodeURIComponent(expr)}`;

describe('Graph directory reads', () => {
  it('an application by appId: Graph shape, secrets with end dates and no values, permissions by resource app id', async () => {
    const app = em.directory.apps.servicenow;
    const r = await get(`/applications?${filter(`appId eq '${app.clientId}'`)}`);
    expect(r.status).toBe(200);
    expect(r.body['@odata.context']).toContain('$metadata#applications');
    const a = r.body.value?.[0] as {
      appId: string;
      passwordCredentials: { keyId: string; endDateTime: string; secretText: null; hint: string }[];
      web: { redirectUris: string[] };
      requiredResourceAccess: { resourceAppId: string; resourceAccess: { type: string }[] }[];
    };
    expect(a.appId).toBe(app.clientId);
    expect(a.passwordCredentials.map((c) => c.keyId).sort()).toEqual(app.secrets.map((s) => s.id).sort());
    expect(a.passwordCredentials.find((c) => c.keyId === app.expiredSecret.id)?.endDateTime).toBe(
      '2024-01-31T00:00:00Z',
    );
    expect(JSON.stringify(a)).not.toContain(app.secret.value);
    expect(a.web.redirectUris).toEqual(app.redirectUris);
    expect(a.requiredResourceAccess.map((x) => x.resourceAppId).sort()).toEqual([EXCHANGE_APP_ID, GRAPH_APP_ID].sort());
    const sel = await get(`/applications?${filter(`appId eq '${app.clientId}'`)}&$select=appId,displayName`);
    expect(Object.keys(sel.body.value?.[0] ?? {}).sort()).toEqual(['appId', 'displayName', 'id']);
  });

  it('consent as AllPrincipals grants and app role assignments; the permission names from the resource principals', async () => {
    const sp = em.directory.apps.servicenow.servicePrincipalId;
    const grants = await get(`/oauth2PermissionGrants?${filter(`clientId eq '${sp}'`)}`);
    const scopes = grants.body.value?.map((g) => String(g.scope).trim().split(' ')).flat() ?? [];
    expect(scopes).toEqual(expect.arrayContaining(['IMAP.AccessAsUser.All', 'SMTP.Send', 'Mail.Read']));
    expect(scopes).not.toContain('Mail.Send');
    const roles = await get(`/servicePrincipals/${sp}/appRoleAssignments`);
    expect(roles.body.value?.map((r) => r.resourceDisplayName).sort()).toEqual([
      'Microsoft Graph',
      'Office 365 Exchange Online',
    ]);
    const graph = await get(`/servicePrincipals?${filter(`appId eq '${GRAPH_APP_ID}'`)}`);
    const g = graph.body.value?.[0] as { oauth2PermissionScopes: { value: string }[]; appRoles: { value: string }[] };
    expect(g.oauth2PermissionScopes.map((s) => s.value)).toContain('Mail.Send');
    expect(g.appRoles.map((s) => s.value)).toContain('Mail.ReadWrite');
  });

  it('users by UPN: accountEnabled and Exchange plans; 404 for nobody; another tenant invisible', async () => {
    const shared = await get('/users/support@contoso.test?$select=accountEnabled,assignedPlans,mail');
    expect(shared.body).toMatchObject({ accountEnabled: false, assignedPlans: [], mail: 'support@contoso.test' });
    const desk = await get('/users/servicedesk@contoso.test');
    expect((desk.body.assignedPlans as { service: string }[])[0]?.service).toBe('exchange');
    expect((await get('/users/nobody@contoso.test')).body).toMatchObject({
      error: { code: 'Request_ResourceNotFound' },
    });
    expect((await get('/users/megan@fabrikam.test')).status).toBe(404);
  });

  it('pages with $top and @odata.nextLink until the list ends', async () => {
    const seen: string[] = [];
    let next: string | undefined = `${em.baseUrl}/v1.0/servicePrincipals?$top=2`;
    while (next !== undefined) {
      const res = await fetch(next, { headers: { authorization: `Bearer ${reader}` } });
      const page = (await res.json()) as { value: { id: string }[]; '@odata.nextLink'?: string };
      expect(page.value.length).toBeLessThanOrEqual(2);
      seen.push(...page.value.map((x) => x.id));
      next = page['@odata.nextLink'];
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toContain(em.directory.apps.servicenow.servicePrincipalId);
    expect(seen.length).toBe(em.directory.all.apps.length + 2);
  });

  it('403 without the read permission, delegated or app-only; 400 for a filter the directory does not support', async () => {
    const userRead = await em.mintUserAccessToken('adele@contoso.test', {
      resource: GRAPH,
      scopes: ['User.Read'],
      appKey: 'graph-cli',
    });
    for (const path of [
      '/applications',
      '/servicePrincipals',
      '/oauth2PermissionGrants',
      '/users/support@contoso.test',
    ])
      expect((await get(path, userRead)).body, path).toMatchObject({
        error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' },
      });
    const appOnly = await em.mintAppAccessToken('audit-job');
    expect((await get('/applications', appOnly)).status).toBe(200);
    const noRoles = await em.mintAppAccessToken('servicenow');
    expect((await get('/applications', noRoles)).status).toBe(403);
    expect((await get(`/applications?${filter("startswith(displayName,'S')")}`)).body).toMatchObject({
      error: { code: 'Request_UnsupportedQuery' },
    });
    expect((await get('/applications', 'not-a-token')).status).toBe(401);
  });
});

describe('public clients', () => {
  it('Graph Command Line Tools redeems its code with PKCE and no secret; a confidential app without a secret is refused', async () => {
    const cli = em.directory.auditClients.graphCli;
    const verifier = 'v'.repeat(50);
    const challenge = Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))).toString(
      'base64url',
    );
    const q = new URLSearchParams({
      client_id: cli.clientId,
      response_type: 'code',
      redirect_uri: 'http://localhost',
      scope: 'Application.Read.All User.Read.All',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      prompt: 'login',
    });
    const adele = em.directory.users.adele;
    const login = await fetchLogin(`${em.authority()}/oauth2/v2.0/authorize?${q}`, {
      upn: adele.upn,
      password: adele.password ?? '',
    });
    const code = login.params.get('code') ?? '';
    expect(code).not.toBe('');
    const token = async (clientId: string) =>
      fetch(`${em.authority()}/oauth2/v2.0/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          client_id: clientId,
          code,
          redirect_uri: 'http://localhost',
          code_verifier: verifier,
          scope: 'Application.Read.All User.Read.All',
        }).toString(),
      });
    const ok = (await (await token(cli.clientId)).json()) as { access_token?: string; scope?: string };
    expect(ok.access_token).toBeTruthy();
    expect(ok.scope?.split(' ')).toEqual(expect.arrayContaining(['Application.Read.All', 'User.Read.All']));
    const refused = (await (await token(em.directory.apps.servicenow.clientId)).json()) as { error_codes?: number[] };
    expect(refused.error_codes).toBeDefined();
  });
});
