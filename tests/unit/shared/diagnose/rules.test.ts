// One row per offline rule: a configuration that makes it fire (at the expected field) and a near miss that
// does not. The base configuration is clean, so each row changes only what it is about.
import { describe, expect, it } from 'vitest';
import { RULES, lint, type DiagnoseInput, type FieldKey } from '../../../../shared/diagnose';

const T = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const C = '9247ff64-4fa2-4b31-9d1d-d624d2ea2cda';
const NOW = new Date('2026-03-01T00:00:00Z');
const AUTH = `https://login.microsoftonline.com/${T}/oauth2/v2.0/authorize`;
const TOKEN = `https://login.microsoftonline.com/${T}/oauth2/v2.0/token`;
const SN_SCOPES =
  'https://outlook.office.com/IMAP.AccessAsUser.All https://outlook.office.com/SMTP.Send offline_access';

const base: DiagnoseInput = {
  preset: 'servicenow',
  cloud: 'global',
  protocols: ['imap', 'smtp'],
  tenant: T,
  clientId: C,
  clientSecret: 'Snw8Q~F1635bVSw0FeJ9hVuuAJhFmueyl2MhrqZe',
  secretExpiry: '2027-12-31',
  authorizeUrl: AUTH,
  tokenUrl: TOKEN,
  redirectUri: 'https://acme.service-now.com/oauth_redirect.do',
  scopes: SN_SCOPES,
  signInAccount: 'servicedesk@contoso.com',
  mailbox: 'servicedesk@contoso.com',
};
const ops: Partial<DiagnoseInput> = {
  preset: 'motadata-serviceops',
  redirectUri: 'https://demo.serviceops.com/oauth/callback',
};
const graph: Partial<DiagnoseInput> = {
  ...ops,
  protocols: ['graph-read'],
  scopes:
    'https://graph.microsoft.com/Mail.ReadWrite https://graph.microsoft.com/Files.Read.All https://graph.microsoft.com/User.Read offline_access',
};
const gcc: Partial<DiagnoseInput> = {
  cloud: 'usgov-high',
  authorizeUrl: AUTH.replace('.com', '.us'),
  tokenUrl: TOKEN.replace('.com', '.us'),
  scopes: SN_SCOPES.replaceAll('outlook.office.com', 'outlook.office365.us'),
};

type Row = [code: string, field: FieldKey, fires: Partial<DiagnoseInput>, nearMiss: Partial<DiagnoseInput>];
const ROWS: Row[] = [
  ['FIELD_EDGE_WHITESPACE', 'clientId', { clientId: `${C} ` }, { clientId: C }],
  [
    'PROTOCOL_EWS_RETIRING',
    'protocols',
    { preset: 'email-this-issue', protocols: ['ews'] },
    { preset: 'email-this-issue', protocols: ['graph-send'] },
  ],
  [
    'FIELD_EDGE_WHITESPACE',
    'clientSecret',
    { clientSecret: ' Snw8Q~F1635bVSw0FeJ9hVuuAJhFmueyl2MhrqZe' },
    { clientSecret: 'Snw8Q~F1635bVSw0FeJ9hVuuAJhFmueyl2MhrqZe' },
  ],
  ['FIELD_INNER_WHITESPACE', 'tenant', { tenant: '72f988bf-86f1-41af-91ab- 2d7cd011db47' }, { tenant: T }],
  ['FIELD_INVISIBLE_CHAR', 'clientId', { clientId: `${C}\u200b` }, { clientId: C }],
  ['FIELD_INVISIBLE_CHAR', 'scopes', { scopes: SN_SCOPES.replace(' offline', '\u00a0offline') }, { scopes: SN_SCOPES }],
  ['TENANT_MISSING', 'tenant', { tenant: '' }, { tenant: 'contoso.com' }],
  ['TENANT_FORMAT', 'tenant', { tenant: 'admin@contoso.com' }, { tenant: 'contoso.onmicrosoft.com' }],
  ['TENANT_FORMAT', 'tenant', { tenant: '72f988bf-86f1-41af-91ab' }, { tenant: T }],
  ['TENANT_MULTI_TENANT', 'tenant', { tenant: 'common' }, { tenant: T }],
  [
    'TENANT_MULTI_TENANT',
    'authorizeUrl',
    { authorizeUrl: AUTH.replace(T, 'organizations') },
    {
      preset: 'jira-data-center',
      redirectUri: 'https://jira.contoso.com/x',
      authorizeUrl: AUTH.replace(T, 'organizations'),
      tokenUrl: TOKEN.replace(T, 'organizations'),
      protocols: ['imap'],
      scopes: 'https://outlook.office.com/IMAP.AccessAsUser.All offline_access',
    },
  ],
  ['CLIENT_ID_MISSING', 'clientId', { clientId: '' }, { clientId: C }],
  ['CLIENT_ID_FORMAT', 'clientId', { clientId: 'ServiceNow Mail' }, { clientId: C.toUpperCase() }],
  ['CLIENT_ID_IS_TENANT', 'clientId', { clientId: T }, { clientId: C }],
  [
    'SECRET_IS_SECRET_ID',
    'clientSecret',
    { clientSecret: 'fb04f440-59a3-4c3d-aecc-2e3587a603ba' },
    { clientSecret: 'fb04f440~59a3-4c3d-aecc-2e3587a603ba' },
  ],
  [
    'SECRET_SHAPE',
    'clientSecret',
    { clientSecret: 'Snw8Q~short' },
    { clientSecret: 'Snw8Q~F1635bVSw0FeJ9hVuuAJhFmueyl2MhrqZe' },
  ],
  [
    'SECRET_SHAPE',
    'clientSecret',
    { clientSecret: '********' },
    { clientSecret: 'aB3+/=aB3+/=aB3+/=aB3+/=aB3+/=aB3+/=' },
  ],
  ['SECRET_EXPIRED', 'secretExpiry', { secretExpiry: '2026-02-27' }, { secretExpiry: '2026-03-01' }],
  ['SECRET_EXPIRING', 'secretExpiry', { secretExpiry: '2026-03-20' }, { secretExpiry: '2026-04-15' }],
  ['SECRET_EXPIRY_INVALID', 'secretExpiry', { secretExpiry: 'next spring' }, { secretExpiry: '2027-01-01' }],
  // A day that does not exist is unreadable, not rolled over into 2025-02-14 (and then "expired").
  ['SECRET_EXPIRY_INVALID', 'secretExpiry', { secretExpiry: '2024-13-45' }, { secretExpiry: '2028-02-29' }],
  ['ENDPOINT_INVALID', 'tokenUrl', { tokenUrl: 'login.microsoftonline.com token' }, { tokenUrl: TOKEN }],
  [
    'ENDPOINT_INVALID',
    'authorizeUrl',
    { authorizeUrl: `https://login.microsoftonline.com/${T}/v2.0/authorize` },
    { authorizeUrl: AUTH },
  ],
  [
    'ENDPOINT_V1',
    'authorizeUrl',
    { authorizeUrl: `https://login.microsoftonline.com/${T}/oauth2/authorize` },
    { authorizeUrl: AUTH },
  ],
  ['ENDPOINT_V1', 'tokenUrl', { tokenUrl: `https://login.microsoftonline.com/${T}/oauth2/token` }, { tokenUrl: TOKEN }],
  [
    'ENDPOINT_SWAPPED',
    'authorizeUrl',
    { authorizeUrl: TOKEN, tokenUrl: AUTH },
    { authorizeUrl: AUTH, tokenUrl: TOKEN },
  ],
  [
    'ENDPOINT_UNKNOWN_HOST',
    'tokenUrl',
    { tokenUrl: TOKEN.replace('login.microsoftonline.com', 'login.microsoft.com.evil.test') },
    { tokenUrl: TOKEN.replace('login.microsoftonline.com', 'login.windows.net') },
  ],
  ['ENDPOINT_TENANT_MISMATCH', 'tokenUrl', { tokenUrl: TOKEN.replace(T, C) }, { tenant: T.toUpperCase() }],
  [
    'ENDPOINT_PAIR_MISMATCH',
    'tokenUrl',
    {
      authorizeUrl: AUTH.replace(T, 'contoso.com'),
      tenant: 'contoso.com',
      tokenUrl: TOKEN.replace(T, 'contoso.com').replace('microsoftonline.com', 'microsoftonline.us'),
    },
    { authorizeUrl: AUTH.replace(T, 'contoso.com'), tenant: 'contoso.com', tokenUrl: TOKEN.replace(T, 'CONTOSO.com') },
  ],
  ['ENDPOINT_CLOUD_MISMATCH', 'authorizeUrl', { authorizeUrl: AUTH.replace('.com', '.us') }, { ...gcc }],
  [
    'IMPLICIT_GRANT_HINT',
    'authorizeUrl',
    { authorizeUrl: `${AUTH}?response_type=id_token%20token` },
    { authorizeUrl: `${AUTH}?response_type=code` },
  ],
  ['SCOPES_MISSING', 'scopes', { scopes: '  ' }, { scopes: SN_SCOPES }],
  ['SCOPE_SEPARATOR', 'scopes', { scopes: SN_SCOPES.replaceAll(' ', ',') }, { scopes: SN_SCOPES }],
  ['SCOPE_SEPARATOR', 'scopes', { scopes: SN_SCOPES.replaceAll(' ', '; ') }, { scopes: SN_SCOPES }],
  [
    'SCOPE_NEWLINE',
    'scopes',
    { ...ops, scopes: SN_SCOPES.replaceAll(' ', '\n') },
    { scopes: SN_SCOPES.replaceAll(' ', '\n') },
  ],
  ['SCOPE_EXTRA_SPACES', 'scopes', { ...ops, scopes: ` ${SN_SCOPES}  ` }, { ...ops, scopes: SN_SCOPES }],
  ['SCOPE_DUPLICATE', 'scopes', { scopes: `${SN_SCOPES} https://outlook.office.com/SMTP.Send` }, { scopes: SN_SCOPES }],
  [
    'SCOPE_OFFLINE_ACCESS_MISSING',
    'scopes',
    { scopes: SN_SCOPES.replace(' offline_access', '') },
    {
      ...graph,
      scopes:
        'https://graph.microsoft.com/Mail.ReadWrite https://graph.microsoft.com/Files.Read.All https://graph.microsoft.com/User.Read https://graph.microsoft.com/offline_access',
    },
  ],
  [
    'SCOPE_MIXED_RESOURCES',
    'scopes',
    { scopes: `${SN_SCOPES} https://graph.microsoft.com/Mail.Read` },
    { scopes: SN_SCOPES },
  ],
  [
    'SCOPE_SHORT_EXCHANGE',
    'scopes',
    { scopes: 'IMAP.AccessAsUser.All SMTP.Send offline_access' },
    { scopes: SN_SCOPES },
  ],
  [
    'SCOPE_SHORT_NAME',
    'scopes',
    { ...graph, scopes: 'Mail.ReadWrite Files.Read.All User.Read offline_access' },
    { ...graph, preset: 'generic', redirectUri: 'https://x.example/cb', scopes: 'Mail.ReadWrite offline_access' },
  ],
  [
    'SCOPE_PROTOCOL_MISMATCH',
    'scopes',
    { scopes: 'https://graph.microsoft.com/Mail.ReadWrite offline_access' },
    { ...graph },
  ],
  [
    'SCOPE_PROTOCOL_MISMATCH',
    'scopes',
    { ...graph, scopes: 'https://outlook.office.com/IMAP.AccessAsUser.All offline_access' },
    { ...ops, protocols: ['imap'], scopes: 'https://outlook.office.com/IMAP.AccessAsUser.All offline_access' },
  ],
  [
    'SCOPE_MISSING_FOR_PROTOCOL',
    'scopes',
    { scopes: 'https://outlook.office.com/IMAP.AccessAsUser.All offline_access' },
    { protocols: ['imap'], scopes: 'https://outlook.office.com/IMAP.AccessAsUser.All offline_access' },
  ],
  ['SCOPE_GCC_HIGH_ON_GLOBAL', 'scopes', { scopes: gcc.scopes ?? '' }, { ...gcc }],
  ['SCOPE_GLOBAL_ON_GCC_HIGH', 'scopes', { ...gcc, scopes: SN_SCOPES }, { ...gcc }],
  [
    'SCOPE_CLOUD_MISMATCH',
    'scopes',
    { scopes: SN_SCOPES.replaceAll('outlook.office.com', 'partner.outlook.cn') },
    {
      cloud: 'china',
      authorizeUrl: AUTH.replace('microsoftonline.com', 'partner.microsoftonline.cn'),
      tokenUrl: TOKEN.replace('microsoftonline.com', 'partner.microsoftonline.cn'),
      scopes: SN_SCOPES.replaceAll('outlook.office.com', 'partner.outlook.cn'),
    },
  ],
  [
    'REDIRECT_MISSING',
    'redirectUri',
    { redirectUri: '' },
    { redirectUri: 'https://acme.service-now.com/oauth_redirect.do' },
  ],
  [
    'REDIRECT_INVALID',
    'redirectUri',
    { redirectUri: 'acme.service-now.com/oauth_redirect.do' },
    { redirectUri: 'https://acme.service-now.com/oauth_redirect.do' },
  ],
  [
    'REDIRECT_NOT_HTTPS',
    'redirectUri',
    { redirectUri: 'http://acme.service-now.com/oauth_redirect.do' },
    { redirectUri: 'https://acme.service-now.com/oauth_redirect.do' },
  ],
  [
    'REDIRECT_LOCALHOST',
    'redirectUri',
    { redirectUri: 'http://localhost:8080/oauth_redirect.do' },
    { redirectUri: 'https://localhost.service-now.com/oauth_redirect.do' },
  ],
  [
    'REDIRECT_FRAGMENT_OR_QUERY',
    'redirectUri',
    { redirectUri: 'https://acme.service-now.com/oauth_redirect.do#x' },
    { redirectUri: 'https://acme.service-now.com/oauth_redirect.do' },
  ],
  [
    'REDIRECT_HOST_MISMATCH',
    'redirectUri',
    {
      preset: 'servicely',
      protocols: ['imap'],
      scopes: 'https://outlook.office.com/IMAP.AccessAsUser.All offline_access',
      redirectUri: 'https://acme.service-now.com/sso/oauth_callback',
    },
    {
      preset: 'servicely',
      protocols: ['imap'],
      scopes: 'https://outlook.office.com/IMAP.AccessAsUser.All offline_access',
      redirectUri: 'https://acme.servicely.ai/sso/oauth_callback',
    },
  ],
  [
    'REDIRECT_TRAILING_SLASH',
    'redirectUri',
    { redirectUri: 'https://acme.service-now.com/oauth_redirect.do/' },
    { redirectUri: 'https://acme.service-now.com/oauth_redirect.do' },
  ],
  [
    'REDIRECT_PATH_CASE',
    'redirectUri',
    { redirectUri: 'https://acme.service-now.com/OAuth_Redirect.do' },
    { redirectUri: 'https://ACME.service-now.com/oauth_redirect.do' },
  ],
  [
    'REDIRECT_PATH_MISMATCH',
    'redirectUri',
    { redirectUri: 'https://acme.service-now.com/oauth_callback.do' },
    { redirectUri: 'https://acme.service-now.com/oauth_redirect.do' },
  ],
  [
    'REDIRECT_PORT',
    'redirectUri',
    { redirectUri: 'https://acme.service-now.com:443/oauth_redirect.do' },
    { redirectUri: 'https://acme.service-now.com/oauth_redirect.do' },
  ],
  ['ACCOUNT_FORMAT', 'mailbox', { mailbox: 'servicedesk' }, { mailbox: 'service.desk+mail@contoso.co.uk' }],
  ['ACCOUNT_FORMAT', 'signInAccount', { signInAccount: 'CONTOSO\\svc' }, { signInAccount: 'svc@contoso.com' }],
  [
    'ACCOUNT_BIDI_CONTROL',
    'mailbox',
    { mailbox: 'servicedesk@\u202Emoc.osotnoc' },
    { mailbox: 'servicedesk@contoso.com' },
  ],
  [
    'ACCOUNT_MIXED_SCRIPT',
    'signInAccount',
    { signInAccount: 'sеrvicedesk@contoso.com' /* Cyrillic е */ },
    { signInAccount: 'иван@contoso.com' },
  ],
  [
    'ACCOUNT_LOOKALIKE_LETTERS',
    'mailbox',
    { mailbox: 'servicedesk@сосо.com' /* Cyrillic с, о */ },
    { mailbox: 'servicedesk@пример.рф' },
  ],
];

const run = (over: Partial<DiagnoseInput>) => lint({ ...base, ...over }, { now: NOW });

describe('offline lint', () => {
  it('the base configuration is clean', () => {
    expect(run({})).toEqual([]);
  });
  it.each(ROWS)('%s fires at %s, and its near miss does not', (code, field, fires, nearMiss) => {
    const hit = run(fires).filter((f) => f.code === code);
    expect(hit.map((f) => f.field)).toContain(field);
    for (const h of hit) {
      expect(h.message.length).toBeGreaterThan(10);
      expect(h.nextStep.length).toBeGreaterThan(5);
    }
    expect(run(nearMiss).filter((f) => f.code === code)).toEqual([]);
  });
  it('a secret expiry on a day that does not exist is not called expired', () => {
    expect(run({ secretExpiry: '2024-13-45' }).map((f) => f.code)).toEqual(['SECRET_EXPIRY_INVALID']);
  });
  it('the missing Redirect URL step shows the pattern its "Replace {instance}" refers to', () => {
    const step = run({ redirectUri: '' }).find((f) => f.code === 'REDIRECT_MISSING')?.nextStep;
    expect(step).toMatch(
      /^The pattern is https:\/\/\{instance\}\/oauth_redirect\.do \(e\.g\. https:\/\/acme\.service-now\.com\/oauth_redirect\.do\)\. Replace \{instance\}/,
    );
  });
  it('every rule has at least one row', () => {
    const covered = new Set(ROWS.map((r) => r[0]));
    expect(RULES.map((r) => r.code).filter((c) => !covered.has(c))).toEqual([]);
  });
  it('a ServiceNow config with comma-separated scopes and a trailing space in the client id shows both at their fields', () => {
    const fs = run({ clientId: `${C} `, scopes: SN_SCOPES.replaceAll(' ', ',') });
    expect(fs.filter((f) => f.severity === 'error').map((f) => [f.code, f.field])).toEqual(
      expect.arrayContaining([
        ['FIELD_EDGE_WHITESPACE', 'clientId'],
        ['SCOPE_SEPARATOR', 'scopes'],
      ]),
    );
    // The Azure portal's names, whichever product is chosen (the product's own labels are for its field sheet).
    expect(fs.find((f) => f.code === 'FIELD_EDGE_WHITESPACE')?.message).toMatch(/^Application \(client\) ID /);
  });
  // Linting runs on every keystroke. Its speed budget is a bench figure; what a unit test can assert without a
  // clock that a loaded machine skews is that messy input costs about what a clean one of the same size does.
  it('costs about the same on a messy configuration as on a clean one of the same size (ratio, not time)', () => {
    const messy = {
      clientId: ` ${C}\u200b `,
      scopes: `${SN_SCOPES.replaceAll(' ', ',')} https://graph.microsoft.com/Mail.Read`.repeat(20),
      redirectUri: 'http://Acme.service-now.com:8443/OAuth_redirect.do/#x',
    };
    const clean = {
      scopes: `${SN_SCOPES} https://graph.microsoft.com/Mail.Read`.repeat(20).slice(0, messy.scopes.length),
    };
    const time = (over: Partial<DiagnoseInput>): number => {
      let best = Infinity;
      for (let round = 0; round < 5; round++) {
        const t0 = performance.now();
        for (let i = 0; i < 200; i++) run(over);
        best = Math.min(best, performance.now() - t0);
      }
      return best;
    };
    time(clean); // warm up both paths before measuring
    const ratio = time(messy) / Math.max(time(clean), 0.01);
    expect(run(messy).length).toBeGreaterThan(0);
    expect(ratio).toBeLessThan(5);
  });
});
