// SMTP AUTH with the app's own token (issue 24 point 3): "Authenticate an IMAP, POP or SMTP connection using OAuth"
// supports client credentials for SMTP (SMTP.SendAsApp, the Exchange service principal and its mailbox permission).
// MSAL-node gets the Exchange token from the emulator; the smtp-server test double (STARTTLS, XOAUTH2 checked against
// the emulator's introspection, refuses MAIL FROM) accepts it for the mailbox the principal has FullAccess to, and
// refuses another mailbox, which the run explains with the service-principal steps. AUTH only: no mail is sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAppOnly, type AppOnlyRequest } from '../../../electron/services/app-only/app-only-run';
import { startEmulator, type Emulator } from '../../emulator/index';
import { startSmtpForEmulator, type SmtpTestServer } from '../../support/smtp-server';

let em: Emulator;
let smtp: SmtpTestServer;
beforeAll(async () => {
  em = await startEmulator();
  em.configureApp('serviceops', {
    grantApplication: [{ resource: 'https://outlook.office365.com', role: 'SMTP.SendAsApp' }],
    exchangeFullAccessTo: ['servicedesk@contoso.test'],
  });
  smtp = await startSmtpForEmulator(em);
}, 60_000);
afterAll(async () => {
  await smtp?.stop();
  await em?.stop();
});

const request = (mailbox: string): AppOnlyRequest => ({
  authority: em.authority(),
  cloud: 'custom',
  clientId: em.directory.apps.serviceops.clientId,
  clientSecret: em.directory.apps.serviceops.secret.value,
  mailbox,
  protocols: ['smtp'],
  ca: em.caPem,
  overrides: { smtp: { host: 'localhost', port: smtp.port, caPem: em.caPem } },
  phaseTimeoutMs: 10_000,
});

describe('SMTP AUTH app-only', () => {
  it('authenticates as servicedesk (the principal has FullAccess) with the SMTP.SendAsApp token', async () => {
    const run = await runAppOnly(request('servicedesk@contoso.test'));
    expect(run.roles).toEqual([{ resource: 'exchange', roles: ['SMTP.SendAsApp'] }]);
    expect(run.results.map((r) => [r.protocol, r.outcome])).toEqual([['smtp', 'ok']]);
    expect(run.findings.map((f) => f.code)).toEqual(['APP_ONLY_ROLES']);
    expect(smtp.authLog.at(-1)).toMatchObject({ user: 'servicedesk@contoso.test', accepted: true });
  });

  it('refuses support (no FullAccess) and explains the service principal in SMTP AUTH words', async () => {
    const run = await runAppOnly(request('support@contoso.test'));
    const [r] = run.results;
    expect(r?.outcome).not.toBe('ok');
    expect(r?.explanation).toMatch(/^SMTP AUTH refused the app's own token for support@contoso\.test/);
    expect(r?.nextStep).toContain('Add-MailboxPermission -Identity "support@contoso.test"');
  });
});
