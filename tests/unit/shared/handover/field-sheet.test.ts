// The field sheet builder: product order and labels, values per cloud, one scope per row where the product
// wants it, secrets never carried, findings attached to the field they concern, identity failures.
import { describe, expect, it } from 'vitest';
import { buildFieldSheet, findRow, SECRET_PLACEHOLDER, type FieldSheet } from '../../../../shared/handover';
import { FieldSheetSchema } from '../../../../shared/handover/schema';
import { SERVICENOW } from '../../../../shared/presets/servicenow';
import { MISMATCH_VERDICT, OK_VERDICT, RUN, SECRET } from '../../../support/handover-fixtures';

const field = (s: FieldSheet, key: string) => {
  const f = s.fields.find((x) => x.key === key);
  if (!f) throw new Error(`no field ${key}`);
  return f;
};

describe('buildFieldSheet', () => {
  it('lists the ServiceNow fields in the product’s order with its labels and verified values', () => {
    const s = buildFieldSheet({
      run: RUN,
      verdict: OK_VERDICT,
      findings: [],
      secretHeld: true,
      tokens: { access: 1, refresh: true },
    });
    expect(FieldSheetSchema.parse(s)).toEqual(s);
    expect(s.status).toBe('verified');
    expect(s.fields.map((f) => f.label)).toEqual(SERVICENOW.fields.map((f) => f.label));
    expect(field(s, 'clientId').rows).toEqual([{ copyKey: 'clientId', display: RUN.clientId }]);
    expect(field(s, 'authorizationUrl').rows[0]?.display).toBe(
      'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize',
    );
    expect(field(s, 'tokenUrl').rows[0]?.display).toBe(
      'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token',
    );
    expect(field(s, 'redirectUrl').rows[0]?.display).toBe(RUN.redirectUri);
    // One scope per row, without the OIDC scopes this app added for its own ID token.
    expect(field(s, 'entityScopes').rows).toEqual([
      { copyKey: 'entityScopes.0', display: 'https://outlook.office.com/IMAP.AccessAsUser.All' },
      { copyKey: 'entityScopes.1', display: 'https://outlook.office.com/SMTP.Send' },
      { copyKey: 'entityScopes.2', display: 'offline_access' },
    ]);
    expect(field(s, 'imapServer').rows[0]?.display).toBe('outlook.office365.com');
    expect(field(s, 'imapPort').rows[0]?.display).toBe('993');
    expect(field(s, 'smtpServer').rows[0]?.display).toBe('smtp.office365.com');
    expect(field(s, 'emailUserName').rows[0]?.display).toBe('servicedesk@contoso.com');
    expect(s.fields.every((f) => f.copyable)).toBe(true);
    // "Verified" only for what was proved: the registration's values and the account by the sign-in; the mail
    // servers by a Test mailbox probe (none ran here); the connection's name is the admin's own choice.
    for (const key of ['clientId', 'authorizationUrl', 'tokenUrl', 'redirectUrl', 'entityScopes', 'emailUserName'])
      expect(field(s, key).status, key).toBe('verified');
    expect(field(s, 'imapServer').status).toBe('not-tested');
    expect(field(s, 'smtpServer').status).toBe('not-tested');
    expect(field(s, 'name').status).toBe('unverified');
  });

  it('a mail server value is verified by a Test mailbox probe that worked at that very host and port', () => {
    const s = buildFieldSheet({
      run: RUN,
      verdict: OK_VERDICT,
      findings: [],
      secretHeld: true,
      probes: [
        { protocol: 'imap', outcome: 'ok', endpoint: 'outlook.office365.com:993' },
        { protocol: 'smtp', outcome: 'ok', endpoint: '127.0.0.1:2587' },
      ],
    });
    expect(field(s, 'imapServer').status).toBe('verified');
    expect(field(s, 'imapPort').status).toBe('verified');
    // The SMTP probe ran elsewhere: the sheet's value is not proved by it, and says where the probe ran.
    expect(field(s, 'smtpServer').status).toBe('not-tested');
    expect(field(s, 'smtpServer').findings.map((f) => f.code)).toEqual(['PROBE_RAN_ELSEWHERE']);
    expect(field(s, 'smtpServer').copyable).toBe(true);
  });

  it('never carries the client secret: a placeholder when held, no row when not', () => {
    const held = buildFieldSheet({ run: RUN, verdict: OK_VERDICT, secretHeld: true });
    expect(field(held, 'clientSecret')).toMatchObject({
      kind: 'secret',
      rows: [{ copyKey: 'clientSecret', display: SECRET_PLACEHOLDER }],
    });
    expect(JSON.stringify(held)).not.toContain(SECRET);
    const none = buildFieldSheet({ run: RUN, verdict: OK_VERDICT, secretHeld: false });
    expect(field(none, 'clientSecret')).toMatchObject({ rows: [], status: 'missing', copyable: false });
  });

  it('uses one space-separated scope line where the product has a single field (ServiceOps) and GCC High hosts', () => {
    const s = buildFieldSheet({
      run: {
        ...RUN,
        presetId: 'motadata-serviceops',
        cloud: 'usgov-high',
        scopes: ['https://outlook.office365.us/IMAP.AccessAsUser.All', 'offline_access'],
      },
      verdict: OK_VERDICT,
      secretHeld: true,
    });
    expect(s.fields.map((f) => f.label)).toEqual([
      'Client ID',
      'Client Secret',
      'Tenant ID',
      'Authorization Endpoint URL',
      'Token Endpoint URL',
      'Scope',
      'Redirect URL',
      'Email',
    ]);
    expect(field(s, 'scope').rows).toEqual([
      { copyKey: 'scope', display: 'https://outlook.office365.us/IMAP.AccessAsUser.All offline_access' },
    ]);
    expect(field(s, 'authorizationEndpointUrl').rows[0]?.display).toBe(
      'https://login.microsoftonline.us/contoso.onmicrosoft.com/oauth2/v2.0/authorize',
    );
  });

  it('marks a value that fails the offline lint as failed and not copyable, with its finding', () => {
    const s = buildFieldSheet({
      run: { ...RUN, redirectUri: 'https://acme.service-now.com/oauth_redirect.do/' },
      verdict: OK_VERDICT,
      secretHeld: true,
    });
    const r = field(s, 'redirectUrl');
    expect(r.status).toBe('failed');
    expect(r.copyable).toBe(false);
    expect(r.findings.map((f) => f.code)).toContain('REDIRECT_TRAILING_SLASH');
    expect(s.status).toBe('failed-checks');
    // Other fields are unaffected.
    expect(field(s, 'clientId').copyable).toBe(true);
  });

  it('attaches authorize findings to the field they concern (client mismatch → Client ID; scope missing → scopes)', () => {
    const s = buildFieldSheet({
      run: RUN,
      verdict: { ok: false, code: 'CLIENT_MISMATCH', sentence: 'x', nextStep: 'y' },
      findings: [
        {
          severity: 'error',
          code: 'CLIENT_MISMATCH',
          field: 'appid',
          message: 'The token was issued to another app.',
          nextStep: 'Copy the right id.',
        },
        {
          severity: 'error',
          code: 'SCOPE_MISSING',
          field: 'scp',
          message: 'SMTP.Send was not granted.',
          nextStep: 'Grant consent.',
        },
      ],
      secretHeld: true,
    });
    expect(field(s, 'clientId')).toMatchObject({ status: 'failed', copyable: false });
    expect(field(s, 'clientId').findings[0]).toMatchObject({ code: 'CLIENT_MISMATCH', source: 'verdict' });
    expect(field(s, 'entityScopes').copyable).toBe(false);
    expect(field(s, 'profileScopes').findings.map((f) => f.code)).toEqual(['SCOPE_MISSING']);
    expect(field(s, 'tokenUrl').copyable).toBe(true);
    expect(s.status).toBe('failed-checks');
  });

  it('an IDENTITY_MISMATCH verdict marks the account rows and the tokens, not the app registration values', () => {
    const s = buildFieldSheet({
      run: RUN,
      verdict: MISMATCH_VERDICT,
      findings: [],
      secretHeld: true,
      tokens: { access: 1, refresh: true },
    });
    expect(s.status).toBe('not-verified');
    expect(s.statusSentence).toMatch(/not the mailbox’s/);
    // The account is wrong, and so are the tokens (they are the other account's): blocked, with the reason.
    for (const f of [field(s, 'emailUserName'), ...s.tokens]) {
      expect(f.copyable, f.key).toBe(false);
      expect(f.status, f.key).toBe('failed');
      expect(f.findings[0]?.code, f.key).toBe('IDENTITY_MISMATCH');
    }
    // The registration's values worked in that sign-in: they are not "failed".
    for (const key of ['clientId', 'tokenUrl', 'redirectUrl']) {
      expect(field(s, key).copyable, key).toBe(true);
      expect(
        field(s, key).findings.map((f) => f.code),
        key,
      ).not.toContain('IDENTITY_MISMATCH');
    }
  });

  it('a profile (no run) is lint-only and unverified; tokens are only listed for a run', () => {
    const s = buildFieldSheet({ run: RUN, secretHeld: false });
    expect(s.status).toBe('lint-only');
    expect(field(s, 'clientId').status).toBe('unverified');
    expect(s.tokens).toEqual([]);
  });

  it('lists tokens as token rows (main asks before copying them), and findRow resolves row copy keys', () => {
    const s = buildFieldSheet({
      run: RUN,
      verdict: OK_VERDICT,
      secretHeld: true,
      tokens: { access: 2, refresh: false },
    });
    expect(s.tokens.map((t) => [t.key, t.rows.length, t.kind, t.status])).toEqual([
      ['accessToken', 2, 'token', 'verified'],
      ['refreshToken', 0, 'token', 'missing'],
    ]);
    expect(findRow(s, 'accessToken.1')).toMatchObject({ index: 1, field: { key: 'accessToken' } });
    expect(findRow(s, 'entityScopes.1')?.row.display).toBe('https://outlook.office.com/SMTP.Send');
    expect(findRow(s, 'nope')).toBeUndefined();
  });

  it('flags mail hosts that Microsoft does not spell out for the cloud (DoD) as derived, without blocking them', () => {
    const s = buildFieldSheet({
      run: {
        ...RUN,
        cloud: 'usgov-dod',
        scopes: ['https://outlook-dod.office365.us/IMAP.AccessAsUser.All', 'offline_access'],
      },
      verdict: OK_VERDICT,
      secretHeld: true,
    });
    const imap = field(s, 'imapServer');
    expect(imap.rows[0]?.display).toBe('outlook-dod.office365.us');
    expect(imap.findings).toEqual([expect.objectContaining({ code: 'CLOUD_VALUE_DERIVED', severity: 'info' })]);
    expect(imap.copyable).toBe(true);
  });
});
