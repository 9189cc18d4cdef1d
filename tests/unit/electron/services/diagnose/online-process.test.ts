// The process steps of the online checks on answers recorded from the emulator (tests/support/recorded/, written
// by tests/support/record-online-responses.ts): the same findings the integration test gets over the network,
// from the pure half alone. A few cases change one field of a recorded answer (marked "derived") to reach the
// branches the emulator has no seed for: another cloud's tenant, a body that is not JSON, an unmapped AADSTS code.
import { describe, expect, it } from 'vitest';
import {
  processClientCredentials,
  processDiscovery,
  processPermissions,
  processRedirect,
  skipCredentials,
  skipRedirect,
  skipTenant,
} from '../../../../../electron/services/diagnose/online-process';
import type { DiagnoseFinding } from '../../../../../shared/diagnose';
import { recordedAnswer as recorded } from '../../../../support/recorded';

const codes = (findings: readonly DiagnoseFinding[]) => findings.map((f) => f.code);
const only = (findings: readonly DiagnoseFinding[]): DiagnoseFinding => {
  expect(findings).toHaveLength(1);
  return findings[0] as DiagnoseFinding;
};

describe('recorded refusals are shaped like Entra’s', () => {
  it.each([
    ['discovery-unknown-tenant', 90002],
    ['credentials-wrong-secret', 7000215],
    ['credentials-secret-id', 7000215],
    ['credentials-expired-secret', 7000222],
    ['credentials-unknown-app', 700016],
    ['credentials-unknown-tenant', 90002],
  ])('%s: error, error_description "AADSTS%i: …", error_codes, trace and correlation ids', (name, code) => {
    const body = JSON.parse(recorded(name).response.body) as Record<string, unknown>;
    expect(body.error).toMatch(/^[a-z_]+$/);
    expect(body.error_description).toMatch(new RegExp(`^AADSTS${code}: .+Trace ID: .+Correlation ID: `, 's'));
    expect(body.error_codes).toEqual([code]);
    expect(body).toHaveProperty('trace_id');
    expect(body).toHaveProperty('correlation_id');
  });

  it.each([
    ['authorize-redirect-not-registered', 50011],
    ['authorize-unknown-app', 700016],
    ['authorize-unknown-tenant', 90002],
  ])('%s: Entra’s sign-in error page naming AADSTS%i', (name, code) => {
    const { response } = recorded(name);
    expect(response.location).toBeUndefined();
    expect(response.body).toContain('<title>Sign in to your account</title>');
    expect(response.body).toContain(`AADSTS${code}: `);
  });
});

describe('processDiscovery', () => {
  it('a tenant that exists: TENANT_FOUND with its id, and nothing wrong', () => {
    const { input, response } = recorded('discovery-found');
    const f = only(processDiscovery(input, response));
    expect(f).toMatchObject({ code: 'TENANT_FOUND', severity: 'info', field: 'tenant', check: 'tenant' });
    expect(f.message).toContain(input.tenant);
  });

  it('an unknown tenant (AADSTS90002): TENANT_NOT_FOUND on the tenant field, with Entra’s words', () => {
    const { input, response } = recorded('discovery-unknown-tenant');
    const f = only(processDiscovery(input, response));
    expect(f).toMatchObject({ code: 'TENANT_NOT_FOUND', severity: 'error', field: 'tenant' });
    expect(f.detail).toContain('nosuchtenant.test');
  });

  it('a domain whose GUID differs from the one in the token URL: ENDPOINT_TENANT_MISMATCH', () => {
    const { input, response } = recorded('discovery-found');
    const other = '11111111-2222-4333-8444-555555555555';
    const findings = processDiscovery(
      { ...input, tenant: 'contoso.test', tokenUrl: `https://login.microsoftonline.com/${other}/oauth2/v2.0/token` },
      response,
    );
    expect(findings.find((f) => f.code === 'ENDPOINT_TENANT_MISMATCH')).toMatchObject({ field: 'tokenUrl' });
  });

  it('derived: the document of a US Government tenant looked up as Global is TENANT_OTHER_CLOUD', () => {
    const { input, response } = recorded('discovery-found');
    const doc = { ...(JSON.parse(response.body) as object), tenant_region_scope: 'USGov' };
    const findings = processDiscovery(input, { ...response, body: JSON.stringify(doc) });
    expect(codes(findings)).toEqual(['TENANT_OTHER_CLOUD', 'TENANT_FOUND']);
    expect(findings[0]?.severity).toBe('error');
  });

  it('derived: a 200 whose body is not JSON is CHECK_UNEXPECTED_RESPONSE, not a crash', () => {
    const { input, response } = recorded('discovery-found');
    expect(only(processDiscovery(input, { ...response, body: '<html>proxy</html>' }))).toMatchObject({
      code: 'CHECK_UNEXPECTED_RESPONSE',
      severity: 'warning',
    });
  });
});

describe('processClientCredentials', () => {
  it('accepted: CLIENT_CREDENTIALS_OK and the app-only token for the permissions check', () => {
    const { input, response } = recorded('credentials-accepted-with-roles');
    const r = processClientCredentials(input, response);
    expect(codes(r.findings)).toEqual(['CLIENT_CREDENTIALS_OK']);
    expect(r.token).toMatch(/^eyJ/);
  });

  it.each([
    ['credentials-wrong-secret', 'CLIENT_SECRET_WRONG', 'clientSecret'],
    ['credentials-secret-id', 'CLIENT_SECRET_IS_SECRET_ID', 'clientSecret'],
    ['credentials-expired-secret', 'CLIENT_SECRET_EXPIRED', 'clientSecret'],
    ['credentials-unknown-app', 'CLIENT_APP_NOT_FOUND', 'clientId'],
    ['credentials-unknown-tenant', 'TENANT_NOT_FOUND', 'tenant'],
  ])('%s: %s on %s, with no token', (name, code, field) => {
    const { input, response } = recorded(name);
    const r = processClientCredentials(input, response);
    expect(only(r.findings)).toMatchObject({ code, field, severity: 'error', check: 'credentials' });
    expect(r.token).toBeUndefined();
  });

  it('derived: an AADSTS code the check has no rule for is explained from the catalog', () => {
    const { input, response } = recorded('credentials-wrong-secret');
    const body = response.body.replaceAll('7000215', '7000112');
    expect(only(processClientCredentials(input, { ...response, body }).findings)).toMatchObject({
      code: 'AADSTS7000112',
      severity: 'error',
    });
  });
});

describe('processPermissions', () => {
  const graphToken = (name: string) => {
    const { input, response } = recorded(name);
    return processClientCredentials(input, response).token;
  };

  it('the ServiceOps preset with Mail.ReadWrite granted and consented: APP_PERMISSIONS_OK', () => {
    const { input } = recorded('credentials-accepted-without-roles');
    const f = only(processPermissions(input, graphToken('credentials-accepted-with-roles')));
    expect(f).toMatchObject({ code: 'APP_PERMISSIONS_OK', severity: 'info' });
    expect(f.detail).toContain('Mail.ReadWrite');
  });

  it('Mail.ReadWrite added but not consented: APP_PERMISSION_MISSING naming the role', () => {
    const { input } = recorded('credentials-accepted-without-roles');
    const f = only(processPermissions(input, graphToken('credentials-accepted-without-roles')));
    expect(f).toMatchObject({ code: 'APP_PERMISSION_MISSING', severity: 'error', field: 'scopes' });
    expect(f.message).toContain('Mail.ReadWrite');
  });

  it('delegated protocols only: APP_PERMISSIONS_NOT_NEEDED; no token to read: APP_PERMISSIONS_NOT_CHECKED', () => {
    expect(only(processPermissions(recorded('credentials-accepted-with-roles').input, undefined)).code).toBe(
      'APP_PERMISSIONS_NOT_NEEDED',
    );
    expect(only(processPermissions(recorded('credentials-accepted-without-roles').input, undefined)).code).toBe(
      'APP_PERMISSIONS_NOT_CHECKED',
    );
  });
});

describe('processRedirect', () => {
  it('the sign-in page offered: REDIRECT_REGISTERED', () => {
    const { input, response } = recorded('authorize-registered');
    expect(only(processRedirect(input, response))).toMatchObject({ code: 'REDIRECT_REGISTERED', severity: 'info' });
  });

  it.each([
    ['authorize-redirect-not-registered', 'REDIRECT_NOT_REGISTERED', 'redirectUri'],
    ['authorize-unknown-app', 'CLIENT_APP_NOT_FOUND', 'clientId'],
    ['authorize-unknown-tenant', 'TENANT_NOT_FOUND', 'tenant'],
  ])('%s: %s on %s', (name, code, field) => {
    const { input, response } = recorded(name);
    expect(only(processRedirect(input, response))).toMatchObject({ code, field, severity: 'error', check: 'redirect' });
  });

  it('derived: an error sent back to the redirect URI proves the URI is registered', () => {
    const { input, response } = recorded('authorize-registered');
    const location = `${input.redirectUri}?error=access_denied&state=mah-probe`;
    expect(only(processRedirect(input, { ...response, status: 302, location, body: '' })).code).toBe(
      'REDIRECT_REGISTERED',
    );
  });
});

describe('a check is skipped, saying why, when a field it needs is empty', () => {
  const { input } = recorded('discovery-found');
  it('tenant', () => {
    expect(skipTenant(input)).toBeUndefined();
    expect(only(skipTenant({ ...input, tenant: '' }) ?? [])).toMatchObject({ code: 'TENANT_NOT_CHECKED' });
  });
  it('credentials', () => {
    expect(skipCredentials(input)).toBeUndefined();
    expect(only(skipCredentials({ ...input, clientSecret: '' })?.findings ?? [])).toMatchObject({
      code: 'CREDENTIALS_NOT_CHECKED',
      field: 'clientSecret',
    });
    expect(only(skipCredentials({ ...input, clientId: '' })?.findings ?? [])).toMatchObject({
      code: 'CREDENTIALS_NOT_CHECKED',
      field: 'clientId',
    });
  });
  it('redirect', () => {
    expect(skipRedirect(input)).toBeUndefined();
    expect(only(skipRedirect({ ...input, redirectUri: ' ' }) ?? [])).toMatchObject({ code: 'REDIRECT_NOT_CHECKED' });
  });
});
