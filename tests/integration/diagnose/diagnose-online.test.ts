// Online diagnose checks against the Entra ID emulator: each failure mode gives its finding code, and one slow
// check does not delay the others (total bounded by the slowest single timeout, not the sum).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnoseOnline } from '../../../electron/services/diagnose/diagnose-online';
import { globalFetch } from '../../../electron/services/diagnose/online-requests';
import type { DiagnoseInput } from '../../../shared/diagnose';
import { startEmulator, type Emulator } from '../../emulator';

let emu: Emulator;

const TENANT = '93730ac9-67de-40eb-bc94-85ac0d4949a7';
const SN = {
  clientId: '9247ff64-4fa2-4b31-9d1d-d624d2ea2cda',
  secret: 'Snw8Q~F1635bVSw0FeJ9hVuuAJhFmueyl2MhrqZe',
  secretId: 'fb04f440-59a3-4c3d-aecc-2e3587a603ba',
  expired: 'Snw7Q~avhQCHUoSLIcgH~_buYajhDeN2cdi2KMuk',
  redirect: 'https://acme.service-now.example/oauth_redirect.do',
};
const SOPS = {
  clientId: '963b2618-6810-4a4e-b7ff-7899bbcb0fd6',
  secret: 'Sop8Q~1Cl33hD3Ye~o2Kndw0FB~1zmtky.VQQLfQ',
  redirect: 'https://serviceops.contoso.example/oauth/callback',
};

const input = (over: Partial<DiagnoseInput> = {}): DiagnoseInput => ({
  preset: 'servicenow',
  cloud: 'global',
  protocols: ['imap'],
  tenant: TENANT,
  clientId: SN.clientId,
  clientSecret: SN.secret,
  redirectUri: SN.redirect,
  scopes: 'https://outlook.office.com/IMAP.AccessAsUser.All offline_access',
  ...over,
});
const run = (i: DiagnoseInput, extra: { timeouts?: Record<string, number>; timeoutMs?: number } = {}) =>
  diagnoseOnline(i, { fetch: globalFetch, authorityBase: emu.baseUrl, ...extra });
const codes = (r: Awaited<ReturnType<typeof run>>) => r.findings.map((x) => x.code);

beforeAll(async () => {
  emu = await startEmulator();
  emu.trustInProcess();
});
afterAll(async () => {
  await emu?.stop();
});

describe('diagnose online against the emulator', () => {
  it('all good: tenant found, credentials accepted, redirect registered, no app permission needed', async () => {
    const r = await run(input());
    expect(codes(r)).toEqual(
      expect.arrayContaining([
        'TENANT_FOUND',
        'CLIENT_CREDENTIALS_OK',
        'REDIRECT_REGISTERED',
        'APP_PERMISSIONS_NOT_NEEDED',
      ]),
    );
    expect(r.findings.filter((x) => x.severity === 'error')).toEqual([]);
    // Application permissions asked Entra nothing (the product uses delegated ones): skipped, not "ok".
    expect(r.checks.map((c) => c.status)).toEqual(['ok', 'ok', 'skipped', 'ok']);
  });

  it('all good with an application permission the preset needs (ServiceOps Graph, Mail.ReadWrite granted)', async () => {
    // The ServiceNow emulated app has Mail.ReadWrite (Application) consented; use it under the ServiceOps preset.
    const r = await run(input({ preset: 'motadata-serviceops', protocols: ['graph-read'] }));
    expect(codes(r)).toContain('APP_PERMISSIONS_OK');
  });

  it('wrong secret', async () => {
    const r = await run(input({ clientSecret: 'Snw8Q~wrongwrongwrongwrongwrongwrongwrong' }));
    expect(r.findings.find((x) => x.code === 'CLIENT_SECRET_WRONG')).toMatchObject({
      field: 'clientSecret',
      severity: 'error',
    });
  });

  it('Secret ID pasted as the secret', async () => {
    const r = await run(input({ clientSecret: SN.secretId }));
    expect(codes(r)).toContain('CLIENT_SECRET_IS_SECRET_ID');
    expect(codes(r)).not.toContain('CLIENT_SECRET_WRONG');
  });

  it('expired secret', async () => {
    const r = await run(input({ clientSecret: SN.expired }));
    expect(r.findings.find((x) => x.code === 'CLIENT_SECRET_EXPIRED')).toMatchObject({ field: 'clientSecret' });
  });

  it('unknown app', async () => {
    const r = await run(input({ clientId: '00000000-1111-2222-3333-444444444444' }));
    expect(r.findings.find((x) => x.code === 'CLIENT_APP_NOT_FOUND')).toMatchObject({
      field: 'clientId',
      severity: 'error',
    });
  });

  it('unknown tenant', async () => {
    const r = await run(input({ tenant: 'nosuchtenant.test' }));
    expect(r.findings.find((x) => x.code === 'TENANT_NOT_FOUND')).toMatchObject({ field: 'tenant', severity: 'error' });
    expect(r.checks.find((c) => c.id === 'tenant')?.status).toBe('problem');
  });

  it('unregistered redirect URI (a trailing slash is enough)', async () => {
    const r = await run(input({ redirectUri: `${SN.redirect}/` }));
    expect(r.findings.find((x) => x.code === 'REDIRECT_NOT_REGISTERED')).toMatchObject({
      field: 'redirectUri',
      severity: 'error',
    });
    expect(codes(r)).toContain('CLIENT_CREDENTIALS_OK');
  });

  it('missing application permission (ServiceOps app: Mail.ReadWrite added but not consented)', async () => {
    const r = await run(
      input({
        preset: 'motadata-serviceops',
        protocols: ['graph-read'],
        clientId: SOPS.clientId,
        clientSecret: SOPS.secret,
        redirectUri: SOPS.redirect,
        scopes: 'https://graph.microsoft.com/Mail.ReadWrite offline_access',
      }),
    );
    expect(codes(r)).toContain('CLIENT_CREDENTIALS_OK');
    const miss = r.findings.find((x) => x.code === 'APP_PERMISSION_MISSING');
    expect(miss?.message).toContain('Mail.ReadWrite');
  });

  it('one slow check times out without delaying the others (total bounded by the slowest single timeout)', async () => {
    emu.setFaults({ latencyMs: 5000, paths: [`/${TENANT}/v2.0/.well-known`] });
    try {
      const timeout = 1500;
      const t0 = Date.now();
      const r = await run(input(), { timeoutMs: timeout });
      const total = Date.now() - t0;
      const tenant = r.checks.find((c) => c.id === 'tenant');
      expect(tenant?.status).toBe('timeout');
      expect(tenant?.findings[0]?.code).toBe('CHECK_TIMEOUT');
      // The other checks finished on their own, well before the slow one gave up.
      for (const id of ['credentials', 'redirect'] as const) {
        const c = r.checks.find((x) => x.id === id);
        expect(c?.status).toBe('ok');
        expect(c?.durationMs ?? Infinity).toBeLessThan(timeout);
      }
      // Generous bound: one timeout plus slack, far below the sum of four timeouts.
      expect(total).toBeLessThan(timeout + 1200);
    } finally {
      emu.clearFaults();
    }
  });
});
