// The app-only run end to end with real parts: MSAL-node client credentials against the emulator, the Graph probe
// against the emulator's Graph, IMAP and POP against real Dovecot whose oauth2 passdb asks the emulator's
// introspection. Proves the "Done when" below the UI: ServiceOps with its own identity reaches servicedesk's
// Inbox; the canary (adele) is reached → red with the fix; once Exchange scopes the app to servicedesk the canary is
// refused with Exchange's policy error → green; IMAP app-only opens servicedesk (FullAccess) and refuses support
// (no FullAccess) with the service-principal explanation.
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireAppOnlyToken, runAppOnly, type AppOnlyRequest } from '../../../electron/services/app-only/app-only-run';
import { startEmulator, type Emulator } from '../../emulator/index';
import { dovecotUnavailable, loopbackSource, startDovecot, type DovecotServer } from '../../support/dovecot';

const SERVICEDESK = 'servicedesk@contoso.test';
const ADELE = 'adele@contoso.test';
const SUPPORT = 'support@contoso.test';
const unavailable = dovecotUnavailable();
if (unavailable) console.warn(`Skipping the app-only IMAP/POP tests: ${unavailable}`);

let em: Emulator;
let dc: DovecotServer | undefined;

beforeAll(async () => {
  em = await startEmulator();
  // The admin grants the application permissions the app-only mode uses (API permissions → Grant admin consent).
  em.configureApp('serviceops', {
    grantApplication: [
      { resource: 'https://graph.microsoft.com', role: 'Mail.ReadWrite' },
      { resource: 'https://outlook.office365.com', role: 'IMAP.AccessAsApp' },
      { resource: 'https://outlook.office365.com', role: 'POP.AccessAsApp' },
    ],
  });
  if (!unavailable) dc = await startDovecot(em);
}, 60_000);
afterAll(async () => {
  await dc?.stop();
  await em?.stop();
});

function request(over: Partial<AppOnlyRequest> = {}): AppOnlyRequest {
  const app = em.directory.apps.serviceops;
  const graph = { host: '127.0.0.1', port: em.port, caPem: em.caPem };
  return {
    authority: em.authority(),
    cloud: 'custom',
    clientId: app.clientId,
    clientSecret: app.secret.value,
    mailbox: SERVICEDESK,
    protocols: ['graph'],
    ca: em.caPem,
    overrides: {
      graph,
      ...(dc
        ? {
            imap: { host: '127.0.0.1', port: dc.imapsPort, caPem: em.caPem, localAddress: loopbackSource() },
            pop: { host: '127.0.0.1', port: dc.pop3sPort, caPem: em.caPem, localAddress: loopbackSource() },
          }
        : {}),
    },
    phaseTimeoutMs: 10_000,
    ...over,
  };
}

describe('app-only tokens from the emulator (MSAL-node client credentials)', () => {
  it('carry the granted roles per resource and no user', async () => {
    const graph = await acquireAppOnlyToken(request(), 'https://graph.microsoft.com/.default');
    const exchange = await acquireAppOnlyToken(request(), 'https://outlook.office365.com/.default');
    expect(graph.roles).toEqual(['Mail.ReadWrite']);
    expect([...exchange.roles].sort()).toEqual(['IMAP.AccessAsApp', 'POP.AccessAsApp']);
    expect(decodeJwt(graph.accessToken).upn).toBeUndefined();
  });

  it('a wrong secret ends with the AADSTS error as a coded error, not a run', async () => {
    await expect(runAppOnly(request({ clientSecret: 'not-the-secret' }))).rejects.toMatchObject({
      code: 'AADSTS7000215',
    });
  });
});

describe('Graph app-only and the canary', () => {
  it('unscoped: servicedesk reached, the canary reached → red with the fix in PowerShell words', async () => {
    em.configureApp('serviceops', { mailboxScope: null });
    const run = await runAppOnly(request({ canary: ADELE }));
    expect(run.results.map((r) => [r.protocol, r.outcome])).toEqual([['graph', 'ok']]);
    expect(run.findings.map((f) => f.code)).toEqual(['APP_ONLY_ROLES']);
    expect(run.scope?.status).toBe('red');
    expect(run.scope?.headline).toBe('This app can read every mailbox in the tenant');
    expect(run.scope?.fix.join('\n')).toMatch(/New-ManagementRoleAssignment -App .* -CustomResourceScope/);
    expect(run.scope?.fix.join('\n')).toMatch(/New-ApplicationAccessPolicy/);
  });

  it('scoped to servicedesk: servicedesk still reached, the canary refused with the policy error → green', async () => {
    em.configureApp('serviceops', { mailboxScope: [SERVICEDESK] });
    try {
      const run = await runAppOnly(request({ canary: ADELE }));
      expect(run.results[0]?.outcome).toBe('ok');
      expect(run.scope?.status).toBe('green');
      expect(run.scope?.explanation).toMatch(/ErrorAccessDenied: Access to OData is disabled/);
    } finally {
      em.configureApp('serviceops', { mailboxScope: null });
    }
  });

  it('a canary that does not exist proves nothing → amber', async () => {
    const run = await runAppOnly(request({ canary: 'nobody@contoso.test' }));
    expect(run.scope?.status).toBe('amber');
  });
});

describe('the one subject line, only when the admin asks', () => {
  const messageReads = (): string[] =>
    em.requestLog.filter((r) => /\/messages/i.test(new URL(r.url).pathname)).map((r) => r.url);

  it('showSubject: one request for $top=1 and the subject only; the count stays the Inbox folder count', async () => {
    const before = messageReads().length;
    const run = await runAppOnly(request({ showSubject: true }));
    expect(run.results[0]?.detail).toBe('3 items in Inbox');
    expect(run.newestSubject).toEqual({ state: 'shown', subject: 'Seeded message 1 for Service Desk' });
    const asked = messageReads().slice(before);
    expect(asked).toHaveLength(1);
    const url = new URL(asked[0] ?? '');
    expect(url.pathname).toBe('/v1.0/users/servicedesk%40contoso.test/mailFolders/inbox/messages');
    expect(url.searchParams.get('$top')).toBe('1');
    expect(url.searchParams.get('$select')).toBe('subject');
  });

  it('not asked: no message is read at all, and no subject comes back', async () => {
    const before = messageReads().length;
    const run = await runAppOnly(request({ canary: ADELE }));
    expect(run.results[0]?.outcome).toBe('ok');
    expect(run.newestSubject).toBeUndefined();
    expect(messageReads().slice(before)).toEqual([]);
  });

  it('a Graph probe that failed reads no subject either', async () => {
    const before = messageReads().length;
    const run = await runAppOnly(request({ mailbox: 'nobody@contoso.test', showSubject: true }));
    expect(run.results[0]?.outcome).not.toBe('ok');
    expect(run.newestSubject).toBeUndefined();
    expect(messageReads().slice(before)).toEqual([]);
  });
});

describe.skipIf(unavailable !== undefined)('IMAP and POP app-only against Dovecot', () => {
  it('opens servicedesk, which the service principal has FullAccess to', async () => {
    const run = await runAppOnly(request({ protocols: ['imap', 'pop'] }));
    expect(run.results.map((r) => [r.protocol, r.outcome])).toEqual([
      ['imap', 'ok'],
      ['pop', 'ok'],
    ]);
    expect(run.findings.every((f) => f.severity === 'info')).toBe(true);
  });

  it('refuses support (no FullAccess) and explains the service principal and FullAccess', async () => {
    const run = await runAppOnly(request({ mailbox: SUPPORT, protocols: ['imap'] }));
    const [imap] = run.results;
    expect(imap?.outcome).toBe('auth-failed');
    expect(imap?.explanation).toMatch(/Enterprise application's/);
    expect(imap?.nextStep).toMatch(
      /New-ServicePrincipal -AppId .* Add-MailboxPermission -Identity "support@contoso.test"/,
    );
    expect(imap?.nextStep).toContain('Authenticate an IMAP, POP or SMTP connection using OAuth');
  });

  it('without the Exchange service principal even servicedesk is refused', async () => {
    em.configureApp('serviceops', { exchangeFullAccessTo: null });
    try {
      const run = await runAppOnly(request({ protocols: ['imap'] }));
      expect(run.results[0]?.outcome).toBe('auth-failed');
    } finally {
      em.configureApp('serviceops', { exchangeFullAccessTo: [SERVICEDESK] });
    }
  });
});
