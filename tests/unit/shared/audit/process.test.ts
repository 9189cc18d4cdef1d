// The audit's judgement on plain Graph objects: each problem an admin meets gives its finding at its field, in the
// portal's and the product's words; refused reads say which permission they need; nothing is invented when all is
// well. The emulator-backed path is in tests/integration/audit.
import { describe, expect, it } from 'vitest';
import { EXCHANGE_RESOURCE_APP_ID, GRAPH_RESOURCE_APP_ID } from '../../../../shared/audit/graph-calls';
import { neededPermissions, processAudit, type AuditReadings } from '../../../../shared/audit/process';
import {
  AuditTargetSchema,
  type AuditTarget,
  type GraphApplication,
  type GraphServicePrincipal,
  type GraphUser,
} from '../../../../shared/audit/schema';
import { presetById } from '../../../../shared/presets';

const NOW = new Date('2026-06-01T12:00:00Z');
const REDIRECT = 'https://acme.service-now.com/oauth_redirect.do';
const target = (over: Partial<AuditTarget> = {}): AuditTarget =>
  AuditTargetSchema.parse({
    presetId: 'servicenow',
    cloud: 'global',
    tenant: 'contoso.onmicrosoft.com',
    clientId: '11111111-2222-4333-8444-555555555555',
    redirectUri: REDIRECT,
    protocols: ['imap', 'smtp'],
    mailbox: 'desk@contoso.com',
    ...over,
  });

const id = (n: string) => `00000000-0000-4000-8000-${n.padStart(12, '0')}`;
const scopeId = (name: string) => id(String(name.length * 7 + name.charCodeAt(0)));
const resources: GraphServicePrincipal[] = [
  {
    id: 'sp-exo',
    appId: EXCHANGE_RESOURCE_APP_ID,
    displayName: 'Office 365 Exchange Online',
    appRoles: [{ id: id('901'), value: 'IMAP.AccessAsApp' }],
    oauth2PermissionScopes: ['IMAP.AccessAsUser.All', 'SMTP.Send'].map((value) => ({ id: scopeId(value), value })),
  },
  {
    id: 'sp-graph',
    appId: GRAPH_RESOURCE_APP_ID,
    displayName: 'Microsoft Graph',
    appRoles: [{ id: id('902'), value: 'Mail.ReadWrite' }],
    oauth2PermissionScopes: ['User.Read', 'Mail.Send'].map((value) => ({ id: scopeId(value), value })),
  },
];
const app = (over: Partial<GraphApplication> = {}): GraphApplication => ({
  id: 'app-object',
  appId: target().clientId,
  displayName: 'ServiceNow mail',
  signInAudience: 'AzureADMyOrg',
  isFallbackPublicClient: null,
  web: { redirectUris: [REDIRECT] },
  spa: { redirectUris: [] },
  publicClient: { redirectUris: [] },
  passwordCredentials: [{ keyId: 'k-live', displayName: 'current', endDateTime: '2027-06-01T00:00:00Z' }],
  keyCredentials: [],
  requiredResourceAccess: [
    {
      resourceAppId: EXCHANGE_RESOURCE_APP_ID,
      resourceAccess: [
        { id: scopeId('IMAP.AccessAsUser.All'), type: 'Scope' },
        { id: scopeId('SMTP.Send'), type: 'Scope' },
      ],
    },
  ],
  ...over,
});
const sp: GraphServicePrincipal = {
  id: 'client-sp',
  appId: target().clientId,
  accountEnabled: true,
  appRoleAssignmentRequired: false,
  appRoles: [],
  oauth2PermissionScopes: [],
};
const user = (over: Partial<GraphUser> = {}): GraphUser => ({
  id: 'u1',
  userPrincipalName: 'desk@contoso.com',
  mail: 'desk@contoso.com',
  accountEnabled: true,
  assignedPlans: [{ service: 'exchange', capabilityStatus: 'Enabled' }],
  ...over,
});
const ok = <T>(value: T) => ({ status: 'ok' as const, value });
const readings = (over: Partial<AuditReadings> = {}): AuditReadings => ({
  application: ok(app()),
  servicePrincipal: ok(sp),
  resources: ok(resources),
  grants: ok([
    {
      clientId: 'client-sp',
      consentType: 'AllPrincipals',
      resourceId: 'sp-exo',
      scope: 'IMAP.AccessAsUser.All SMTP.Send',
    },
  ]),
  appRoles: ok([]),
  mailbox: ok(user()),
  signInAccount: { status: 'skipped', why: 'not delegate mode' },
  ...over,
});
const run = (t = target(), r = readings()) =>
  processAudit(t, r, NOW, {
    label: 'Microsoft Graph Command Line Tools',
    clientId: '14d82eec-204b-4c2f-b7e8-296a70dab67e',
  });
const codes = (t = target(), r = readings()) => run(t, r).findings.map((f) => `${f.code}@${f.field}`);

describe('processAudit', () => {
  it('a healthy registration and mailbox give no finding, and every read is ok', () => {
    const out = run();
    expect(out.findings).toEqual([]);
    expect(out.checks.map((c) => `${c.id}:${c.status}`)).toEqual([
      'application:ok',
      'service-principal:ok',
      'resources:ok',
      'consent:ok',
      'app-roles:ok',
      'mailbox:ok',
      'sign-in-account:skipped',
    ]);
    expect(out.facts.permissions.map((p) => `${p.name}:${p.granted}:${p.needed}`)).toEqual([
      'IMAP.AccessAsUser.All:true:true',
      'SMTP.Send:true:true',
    ]);
  });

  it('secrets: every one expired is an error, expired beside a live one a warning, ending within 30 days a warning', () => {
    const expired = { keyId: 'k-old', displayName: 'old', endDateTime: '2026-01-01T00:00:00Z' };
    const only = run(target(), readings({ application: ok(app({ passwordCredentials: [expired] })) }));
    expect(only.findings.map((f) => `${f.code}:${f.severity}@${f.field}`)).toEqual([
      'AUDIT_SECRET_EXPIRED:error@secretExpiry',
    ]);
    expect(only.findings[0]?.nextStep).toContain("ServiceNow's “Client Secret”");
    const beside = run(
      target(),
      readings({ application: ok(app({ passwordCredentials: [...app().passwordCredentials, expired] })) }),
    );
    expect(beside.findings.map((f) => `${f.code}:${f.severity}`)).toEqual(['AUDIT_SECRET_EXPIRED:warning']);
    const soon = { keyId: 'k-soon', displayName: 'soon', endDateTime: '2026-06-06T00:00:00Z' };
    const expiring = run(target(), readings({ application: ok(app({ passwordCredentials: [soon] })) }));
    expect(expiring.findings[0]).toMatchObject({ code: 'AUDIT_SECRET_EXPIRING', severity: 'warning' });
    expect(expiring.findings[0]?.message).toContain('in 5 days');
    expect(codes(target(), readings({ application: ok(app({ passwordCredentials: [] })) }))).toEqual([
      'AUDIT_NO_CREDENTIAL@clientSecret',
    ]);
  });

  it('certificates: named by Certificate ID, AADSTS700027 when expired, replaced by uploading one', () => {
    const cert = (endDateTime: string) => ({
      keyId: 'c-1',
      displayName: 'CN=desk',
      endDateTime,
      type: 'AsymmetricX509Cert',
    });
    const expired = run(
      target(),
      readings({ application: ok(app({ passwordCredentials: [], keyCredentials: [cert('2026-01-01T00:00:00Z')] })) }),
    ).findings;
    expect(expired.map((f) => `${f.code}:${f.severity}@${f.field}`)).toEqual([
      'AUDIT_CERTIFICATE_EXPIRED:error@secretExpiry',
    ]);
    expect(expired[0]?.message).toContain('Certificate “CN=desk” (Certificate ID c-1)');
    expect(expired[0]?.message).toContain('AADSTS700027');
    expect(expired[0]?.nextStep).toContain('Certificates & secrets > Certificates > Upload certificate');
    expect(expired[0]?.nextStep).not.toContain('client secret');
    const soon = run(
      target(),
      readings({ application: ok(app({ keyCredentials: [cert('2026-06-08T00:00:00Z')] })) }),
    ).findings;
    expect(soon.map((f) => `${f.code}:${f.severity}`)).toEqual(['AUDIT_CERTIFICATE_EXPIRING:warning']);
    expect(soon[0]?.message).toContain('in 7 days');
    expect(soon[0]?.nextStep).toContain('Upload a new certificate now');
  });

  it('app-only IMAP: a note that Graph cannot show Exchange Online knowing the app', () => {
    const imapApp = target({ presetId: 'generic', mode: 'app-only', protocols: ['imap'] });
    const found = run(imapApp, readings()).findings.filter((f) => f.code === 'AUDIT_EXCHANGE_REGISTRATION_UNSEEN');
    expect(found.map((f) => `${f.severity}@${f.field}`)).toEqual(['info@mailbox']);
    expect(found[0]?.nextStep).toContain(`Get-ServicePrincipal | where AppId -eq '${imapApp.clientId}'`);
    expect(codes(target(), readings())).not.toContain('AUDIT_EXCHANGE_REGISTRATION_UNSEEN@mailbox');
    // Nor for a product that signs in as a user (it has no app registration in Exchange to look for).
    expect(codes(target({ mode: 'app-only', protocols: ['imap'] }), readings())).not.toContain(
      'AUDIT_EXCHANGE_REGISTRATION_UNSEEN@mailbox',
    );
  });

  it('app-only for a product that signs in as a user: says so, instead of marking every permission unused unexplained', () => {
    const serviceNowAppOnly = run(target({ mode: 'app-only', protocols: ['imap'] }), readings());
    const note = serviceNowAppOnly.findings.filter((f) => f.code === 'AUDIT_APP_ONLY_NOT_USED');
    expect(note.map((f) => `${f.severity}@${f.field}`)).toEqual(['info@scopes']);
    expect(note[0]?.message).toContain('connects with a user sign-in (delegated permissions)');
    expect(note[0]?.nextStep).toContain('A user signs in (delegated permissions)');
    expect(serviceNowAppOnly.facts.permissions.every((p) => !p.needed)).toBe(true);
    // Not said where the product has an app-only setup, nor for a delegated audit.
    const serviceOps = target({ presetId: 'motadata-serviceops', mode: 'app-only', protocols: ['graph-read'] });
    expect(codes(serviceOps, readings())).not.toContain('AUDIT_APP_ONLY_NOT_USED@scopes');
    expect(codes(target(), readings())).not.toContain('AUDIT_APP_ONLY_NOT_USED@scopes');
  });

  it('app-only for a custom product: Microsoft’s application permission for each chosen protocol is what is needed', () => {
    expect(neededPermissions(presetById('generic'), ['imap', 'graph-read', 'smtp', 'ews'], 'app-only')).toEqual([
      { resource: 'outlook', name: 'IMAP.AccessAsApp', type: 'Application' },
      { resource: 'outlook', name: 'SMTP.SendAsApp', type: 'Application' },
      { resource: 'graph', name: 'Mail.ReadWrite', type: 'Application' },
    ]);
    const generic = target({ presetId: 'generic', mode: 'app-only', protocols: ['imap'] });
    expect(codes(generic, readings())).not.toContain('AUDIT_APP_ONLY_NOT_USED@scopes');
    expect(
      run(generic, readings())
        .facts.permissions.filter((p) => p.needed)
        .map((p) => p.name),
    ).toEqual(['IMAP.AccessAsApp']);
  });

  it('redirect URIs: missing, a trailing slash, letter case, and registered under another platform', () => {
    const with_ = (web: string[], more: Partial<GraphApplication> = {}) =>
      run(target(), readings({ application: ok(app({ web: { redirectUris: web }, ...more })) })).findings;
    expect(with_([]).map((f) => f.code)).toEqual(['AUDIT_REDIRECT_NOT_REGISTERED']);
    expect(with_([`${REDIRECT}/`])[0]?.message).toContain('by a trailing slash');
    expect(with_([REDIRECT.toUpperCase().replace('HTTPS', 'https')])[0]?.message).toContain('letter case');
    const spa = with_([], { spa: { redirectUris: [REDIRECT] } });
    expect(spa.map((f) => `${f.code}@${f.field}`)).toEqual(['AUDIT_REDIRECT_WRONG_PLATFORM@redirectUri']);
    expect(spa[0]?.nextStep).toContain('Web > Redirect URIs');
    // App-only setups have no redirect to check.
    expect(
      run(
        target({ mode: 'app-only', protocols: ['imap'] }),
        readings({ application: ok(app({ web: { redirectUris: [] } })) }),
      ).findings.map((f) => f.code),
    ).not.toContain('AUDIT_REDIRECT_NOT_REGISTERED');
  });

  it('permissions: a needed one missing, one of the wrong type, one without admin consent', () => {
    const noSmtp = app({
      requiredResourceAccess: [
        {
          resourceAppId: EXCHANGE_RESOURCE_APP_ID,
          resourceAccess: [{ id: scopeId('IMAP.AccessAsUser.All'), type: 'Scope' }],
        },
      ],
    });
    expect(codes(target(), readings({ application: ok(noSmtp) }))).toEqual(['AUDIT_PERMISSION_MISSING@scopes']);
    const notGranted = readings({
      grants: ok([
        { clientId: 'client-sp', consentType: 'AllPrincipals', resourceId: 'sp-exo', scope: 'IMAP.AccessAsUser.All' },
      ]),
    });
    const c = run(target(), notGranted).findings;
    expect(c.map((f) => `${f.code}:${f.severity}@${f.field}`)).toEqual(['AUDIT_CONSENT_MISSING:error@scopes']);
    expect(c[0]?.message).toContain('Office 365 Exchange Online SMTP.Send (Delegated)');
    expect(c[0]?.nextStep).toContain('Grant admin consent');
    // A per-user grant is not admin consent.
    const perUser = readings({
      grants: ok([
        {
          clientId: 'client-sp',
          consentType: 'Principal',
          principalId: 'u1',
          resourceId: 'sp-exo',
          scope: 'IMAP.AccessAsUser.All SMTP.Send',
        },
      ]),
    });
    expect(codes(target(), perUser)).toEqual(['AUDIT_CONSENT_MISSING@scopes', 'AUDIT_CONSENT_MISSING@scopes']);
    // Motadata ServiceOps app-only needs Mail.ReadWrite as an application permission; delegated is the wrong type.
    const serviceOps = target({ presetId: 'motadata-serviceops', mode: 'app-only', protocols: ['graph-read'] });
    expect(neededPermissions(presetById('motadata-serviceops'), ['graph-read'], 'app-only')).toEqual([
      { resource: 'graph', name: 'Mail.ReadWrite', type: 'Application' },
    ]);
    const delegatedOnly = app({
      requiredResourceAccess: [
        { resourceAppId: GRAPH_RESOURCE_APP_ID, resourceAccess: [{ id: id('77'), type: 'Scope' }] },
      ],
    });
    const graphWithDelegated = resources.map((r) =>
      r.appId === GRAPH_RESOURCE_APP_ID
        ? { ...r, oauth2PermissionScopes: [{ id: id('77'), value: 'Mail.ReadWrite' }] }
        : r,
    );
    expect(
      codes(
        serviceOps,
        readings({ application: ok(delegatedOnly), resources: ok(graphWithDelegated), grants: ok([]) }),
      ),
    ).toContain('AUDIT_PERMISSION_WRONG_TYPE@scopes');
    const granted = app({
      requiredResourceAccess: [
        { resourceAppId: GRAPH_RESOURCE_APP_ID, resourceAccess: [{ id: id('902'), type: 'Role' }] },
      ],
    });
    expect(codes(serviceOps, readings({ application: ok(granted), appRoles: ok([]) }))).toContain(
      'AUDIT_ROLE_NOT_GRANTED@scopes',
    );
    expect(
      codes(
        serviceOps,
        readings({ application: ok(granted), appRoles: ok([{ appRoleId: id('902'), resourceId: 'sp-graph' }]) }),
      ),
    ).not.toContain('AUDIT_ROLE_NOT_GRANTED@scopes');
  });

  it('registration settings: public client flows, a personal-accounts-only audience, multi-tenant as a note', () => {
    expect(codes(target(), readings({ application: ok(app({ isFallbackPublicClient: true })) }))).toEqual([
      'AUDIT_PUBLIC_CLIENT_FLOWS@clientId',
    ]);
    expect(codes(target(), readings({ application: ok(app({ signInAudience: 'PersonalMicrosoftAccount' })) }))).toEqual(
      ['AUDIT_AUDIENCE_PERSONAL_ONLY@tenant'],
    );
    const multi = run(target(), readings({ application: ok(app({ signInAudience: 'AzureADMultipleOrgs' })) }));
    expect(multi.findings.map((f) => `${f.code}:${f.severity}`)).toEqual(['AUDIT_AUDIENCE_MULTITENANT:info']);
  });

  it('app registration or enterprise application missing, enterprise application disabled or assignment required', () => {
    const none = run(target(), readings({ application: ok(undefined) }));
    expect(none.findings.map((f) => `${f.code}@${f.field}`)).toEqual(['AUDIT_APP_NOT_FOUND@clientId']);
    expect(none.checks.find((c) => c.id === 'application')?.status).toBe('not-found');
    expect(none.checks.filter((c) => c.status === 'skipped').map((c) => c.id)).toEqual(
      expect.arrayContaining(['service-principal', 'resources', 'consent', 'app-roles']),
    );
    expect(codes(target(), readings({ servicePrincipal: ok(undefined) }))).toContain(
      'AUDIT_NO_SERVICE_PRINCIPAL@clientId',
    );
    expect(codes(target(), readings({ servicePrincipal: ok({ ...sp, accountEnabled: false }) }))).toEqual([
      'AUDIT_APP_DISABLED@clientId',
    ]);
    expect(codes(target(), readings({ servicePrincipal: ok({ ...sp, appRoleAssignmentRequired: true }) }))).toEqual([
      'AUDIT_ASSIGNMENT_REQUIRED@signInAccount',
    ]);
  });

  it('mailbox: missing, sign-in blocked (error when it signs in itself, a note in delegate mode), no licence', () => {
    expect(codes(target(), readings({ mailbox: ok(undefined) }))).toEqual(['AUDIT_MAILBOX_NOT_FOUND@mailbox']);
    const shared = user({
      userPrincipalName: 'support@contoso.com',
      mail: 'support@contoso.com',
      accountEnabled: false,
      assignedPlans: [],
    });
    const itself = run(target({ mailbox: 'support@contoso.com' }), readings({ mailbox: ok(shared) })).findings;
    expect(itself.map((f) => `${f.code}:${f.severity}@${f.field}`)).toEqual([
      'AUDIT_MAILBOX_SIGN_IN_BLOCKED:error@mailbox',
    ]);
    expect(itself[0]?.message).toContain('a shared mailbox');
    expect(itself[0]?.nextStep).toContain('“User name”');
    const delegate = target({ mailbox: 'support@contoso.com', signInAccount: 'agent@contoso.com' });
    const viaDelegate = run(
      delegate,
      readings({ mailbox: ok(shared), signInAccount: ok(user({ userPrincipalName: 'agent@contoso.com' })) }),
    );
    expect(viaDelegate.findings.map((f) => `${f.code}:${f.severity}`)).toEqual([
      'AUDIT_MAILBOX_SIGN_IN_BLOCKED_OK:info',
    ]);
    const blockedDelegate = readings({
      mailbox: ok(shared),
      signInAccount: ok(user({ userPrincipalName: 'agent@contoso.com', accountEnabled: false })),
    });
    expect(codes(delegate, blockedDelegate)).toContain('AUDIT_SIGN_IN_BLOCKED@signInAccount');
    expect(codes(delegate, readings({ mailbox: ok(shared), signInAccount: ok(undefined) }))).toContain(
      'AUDIT_SIGN_IN_ACCOUNT_NOT_FOUND@signInAccount',
    );
    expect(codes(target(), readings({ mailbox: ok(user({ assignedPlans: [] })) }))).toEqual([
      'AUDIT_MAILBOX_NO_LICENCE@mailbox',
    ]);
    expect(codes(target(), readings({ mailbox: ok(user({ mail: null })) }))).toEqual(['AUDIT_MAILBOX_NO_MAIL@mailbox']);
  });

  it('a refused read is "not checked" with the permission it needs, at the field it is about; others still judged', () => {
    const refused = {
      status: 'denied' as const,
      code: 'Authorization_RequestDenied',
      message: 'Insufficient privileges',
    };
    const out = run(target(), readings({ grants: refused, mailbox: refused }));
    expect(out.findings.map((f) => `${f.code}@${f.field}:${f.check ?? ''}`)).toEqual([
      'AUDIT_READ_DENIED@scopes:consent',
      'AUDIT_READ_DENIED@mailbox:mailbox',
    ]);
    expect(out.findings[0]?.message).toContain('needs Directory.Read.All');
    expect(out.findings[0]?.nextStep).toContain('to Microsoft Graph Command Line Tools: Entra admin center');
    expect(out.facts.permissions.every((p) => p.granted === undefined)).toBe(true);
  });
});
