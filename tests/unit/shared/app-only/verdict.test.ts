// The app-only judgement (shared/app-only/verdict.ts): roles in the portal's words, the canary's red/green/amber with
// the fix and its sources, and the service-principal explanation of a refused IMAP/POP app-only login.
import { describe, expect, it } from 'vitest';
import {
  SOURCES,
  neededRoles,
  rolesFindings,
  scopeVerdict,
  servicePrincipalExplanation,
} from '../../../../shared/app-only/verdict';

const NAMES = {
  canary: 'adele@contoso.com',
  mailbox: 'servicedesk@contoso.com',
  clientId: 'c0ffee00-0000-4000-8000-000000000001',
};

describe('roles', () => {
  it('needs Mail.Read on Graph and IMAP/POP.AccessAsApp on Exchange for the protocols asked', () => {
    expect(neededRoles(['graph', 'imap'])).toEqual([
      { resource: 'graph', roles: ['Mail.Read'] },
      { resource: 'exchange', roles: ['IMAP.AccessAsApp'] },
    ]);
    expect(neededRoles(['pop'])).toEqual([{ resource: 'exchange', roles: ['POP.AccessAsApp'] }]);
  });

  it('Mail.ReadWrite satisfies Graph; a missing Exchange role is an error naming it and the portal step', () => {
    const f = rolesFindings(
      [
        { resource: 'graph', roles: ['Mail.ReadWrite'] },
        { resource: 'exchange', roles: ['IMAP.AccessAsApp'] },
      ],
      ['graph', 'imap', 'pop'],
    );
    expect(f.map((x) => [x.severity, x.code])).toEqual([
      ['info', 'APP_ONLY_ROLES'],
      ['error', 'APP_ONLY_ROLE_MISSING'],
    ]);
    expect(f[1]?.message).toBe(
      'The Office 365 Exchange Online token carries IMAP.AccessAsApp: it lacks POP.AccessAsApp.',
    );
    expect(f[1]?.nextStep).toMatch(/Application permission and select "Grant admin consent"/);
  });

  it('SMTP needs SMTP.SendAsApp on the Exchange token', () => {
    const [f] = rolesFindings([{ resource: 'exchange', roles: ['IMAP.AccessAsApp'] }], ['smtp']);
    expect(f?.message).toBe('The Office 365 Exchange Online token carries IMAP.AccessAsApp: it lacks SMTP.SendAsApp.');
  });

  it('a token with no roles says so', () => {
    const [f] = rolesFindings([{ resource: 'graph', roles: [] }], ['graph']);
    expect(f?.message).toBe(
      'The Microsoft Graph token carries no application permissions: it lacks Mail.Read (or Mail.ReadWrite).',
    );
  });
});

describe('scope proof from the canary', () => {
  it('reached → red, every mailbox, with the RBAC for Applications and access policy fix naming the app', () => {
    const v = scopeVerdict({ kind: 'reached' }, NAMES);
    expect(v.status).toBe('red');
    expect(v.headline).toBe('This app can read every mailbox in the tenant');
    const fix = v.fix.join('\n');
    // -App is the service principal's ObjectId (New-ManagementRoleAssignment's App parameter), not the client id.
    expect(fix).toContain(
      'New-ManagementRoleAssignment -App <the same Object ID (Get-ServicePrincipal shows it)> -Role "Application Mail.Read"',
    );
    expect(fix).toContain(`Test-ServicePrincipalAuthorization -Identity ${NAMES.clientId} -Resource ${NAMES.canary}`);
    expect(fix).toContain(`-RecipientRestrictionFilter "PrimarySmtpAddress -eq '${NAMES.mailbox}'"`);
    expect(fix).toContain(`New-ApplicationAccessPolicy -AppId ${NAMES.clientId}`);
    expect(v.sources).toEqual([SOURCES.rbacApps, SOURCES.accessPolicy]);
  });

  it('the refusal as the Graph page documents it ("Access to OData is disabled.") → green too', () => {
    const v = scopeVerdict(
      { kind: 'refused', status: 403, code: 'ErrorAccessDenied', message: 'Access to OData is disabled.' },
      NAMES,
    );
    expect(v.status).toBe('green');
  });

  it("Exchange's policy refusal (403 ErrorAccessDenied, OData disabled) → green", () => {
    const v = scopeVerdict(
      {
        kind: 'refused',
        status: 403,
        code: 'ErrorAccessDenied',
        message: 'Access to OData is disabled: [RAOP] : Blocked by tenant configured AppOnly AccessPolicy settings.',
      },
      NAMES,
    );
    expect(v.status).toBe('green');
    expect(v.fix).toEqual([]);
  });

  it('a plain 403 (no permission), a 404 or no answer proves nothing → amber', () => {
    for (const obs of [
      {
        kind: 'refused',
        status: 403,
        code: 'ErrorAccessDenied',
        message: 'Access is denied. Check credentials and try again.',
      },
      { kind: 'refused', status: 404, code: 'ErrorInvalidUser' },
      // The policy's words under another code are not Exchange's scope refusal.
      { kind: 'refused', status: 403, code: 'Authorization_RequestDenied', message: 'Access to OData is disabled.' },
      { kind: 'no-answer', message: 'connection refused' },
    ] as const)
      expect(scopeVerdict(obs, NAMES).status, JSON.stringify(obs)).toBe('amber');
  });
});

describe('IMAP/POP app-only refusal', () => {
  it('names the Enterprise application object id, FullAccess and the Microsoft document', () => {
    const e = servicePrincipalExplanation('pop', { mailbox: 'support@contoso.com', clientId: NAMES.clientId });
    expect(e.explanation).toMatch(/^POP refused/);
    expect(e.explanation).toContain("App registration's Object ID instead of the Enterprise application's");
    expect(e.nextStep).toContain(`New-ServicePrincipal -AppId ${NAMES.clientId}`);
    expect(e.nextStep).toContain('Add-MailboxPermission -Identity "support@contoso.com"');
    expect(e.nextStep).toContain(SOURCES.imapOauth.url);
  });
});

describe('the fields app-only mode needs', () => {
  it('ServiceOps: client id, secret, tenant, token URL, scope as .default and the mailbox; not the sign-in fields', async () => {
    const { presetById } = await import('../../../../shared/presets');
    const { appOnlyFields } = await import('../../../../shared/app-only/verdict');
    const r = appOnlyFields(presetById('motadata-serviceops').fields);
    expect(r.needed.map((f) => f.label)).toEqual([
      'Client ID',
      'Client Secret',
      'Tenant ID',
      'Token Endpoint URL',
      'Scope',
      'Email',
    ]);
    expect(r.needed.find((f) => f.label === 'Scope')?.note).toContain('https://graph.microsoft.com/.default');
    expect(r.unused).toEqual(['Authorization Endpoint URL', 'Redirect URL']);
  });
});
