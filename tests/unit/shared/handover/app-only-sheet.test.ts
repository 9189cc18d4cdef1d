// The field sheet of an app-only run (issue 24 point 2): the product's fields for client credentials — client id,
// secret, tenant, token URL and the resources' `.default` scope verified by Entra issuing the tokens, the mailbox by a
// probe that opened it — and the sign-in-only rows (authorization URL, redirect URI) marked "not used" and empty; no
// token rows; a certificate run says its secret row was not tested; a reached canary adds a warning note; the export
// leaves out what app-only does not use.
import { describe, expect, it } from 'vitest';
import type { RunConfig } from '../../../../shared/authorize/schema';
import { buildFieldSheet, type FieldSheet } from '../../../../shared/handover';
import { exportValues, toJson } from '../../../../shared/handover/export-format';
import { FieldSheetSchema } from '../../../../shared/handover/schema';
import { PRESETS } from '../../../../shared/presets';

const RUN: RunConfig = {
  presetId: 'motadata-serviceops',
  cloud: 'global',
  tenant: 'contoso.onmicrosoft.com',
  clientId: '11111111-2222-3333-4444-555555555555',
  redirectUri: 'https://acme.serviceops.example/oauth/callback',
  scopes: ['https://graph.microsoft.com/.default'],
  mailbox: 'servicedesk@contoso.com',
  appOnly: { protocols: ['graph'], credential: 'secret' },
};
const OK = { ok: true, code: 'APP_ONLY_VERIFIED', sentence: 'ok', nextStep: 'hand over' };
const GRAPH_OK = { protocol: 'graph' as const, outcome: 'ok', endpoint: 'https://graph.microsoft.com/v1.0/users/x' };

const field = (s: FieldSheet, key: string) => {
  const f = s.fields.find((x) => x.key === key);
  if (!f) throw new Error(`no field ${key}`);
  return f;
};

describe('an app-only run’s field sheet', () => {
  it('verifies the client-credentials values, marks the sign-in-only rows not used, holds no tokens', () => {
    const s = buildFieldSheet({ run: RUN, verdict: OK, findings: [], secretHeld: true, probes: [GRAPH_OK] });
    expect(FieldSheetSchema.parse(s)).toEqual(s);
    expect(s.mode).toBe('app-only');
    expect(s.status).toBe('verified');
    expect(s.statusSentence).toMatch(/client credentials/);
    for (const key of ['clientId', 'clientSecret', 'tenantId', 'tokenEndpointUrl', 'scope', 'emailAddress'])
      expect(field(s, key).status, key).toBe('verified');
    expect(field(s, 'scope').rows.map((r) => r.display)).toEqual(['https://graph.microsoft.com/.default']);
    expect(field(s, 'tokenEndpointUrl').rows[0]?.display).toBe(
      'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token',
    );
    for (const key of ['authorizationEndpointUrl', 'redirectUrl']) {
      expect(field(s, key)).toMatchObject({ status: 'not-used', rows: [], copyable: false });
      expect(field(s, key).hint).toMatch(/Not used in app-only mode/);
    }
    expect(s.tokens).toEqual([]);
  });

  it('a mailbox no probe opened is not tested; a certificate run says the secret was not tested', () => {
    const s = buildFieldSheet({
      run: { ...RUN, appOnly: { protocols: ['imap'], credential: 'certificate', thumbprint: 'AB'.repeat(20) } },
      verdict: { ...OK, ok: false, code: 'APP_ONLY_CHECKS_FAILED' },
      findings: [],
      secretHeld: false,
      probes: [{ protocol: 'imap', outcome: 'auth-failed', endpoint: 'outlook.office365.com:993' }],
    });
    expect(field(s, 'emailAddress').status).toBe('not-tested');
    expect(field(s, 'clientSecret').status).toBe('missing');
    expect(field(s, 'clientSecret').findings.map((f) => f.code)).toContain('APP_ONLY_CERTIFICATE');
    expect(field(s, 'clientSecret').findings[0]?.message).toContain(`Thumbprint ${'AB'.repeat(20)}`);
    expect(s.status).toBe('failed-checks');
  });

  it('a missing application permission marks the scope row; a reached canary adds a warning note', () => {
    const s = buildFieldSheet({
      run: RUN,
      verdict: { ...OK, ok: false, code: 'APP_ONLY_CHECKS_FAILED' },
      findings: [
        {
          severity: 'error',
          code: 'APP_ONLY_ROLE_MISSING',
          message: 'The Microsoft Graph token carries no application permissions: it lacks Mail.Read.',
          nextStep: 'Add it.',
          field: 'roles',
        },
      ],
      secretHeld: true,
      probes: [GRAPH_OK],
      appOnlyScope: { status: 'red', headline: 'This app can read every mailbox in the tenant' },
    });
    expect(field(s, 'scope').status).toBe('failed');
    expect(s.notes[0]).toMatchObject({ id: 'app-only-scope', severity: 'warning' });
    expect(s.notes[0]?.text).toMatch(/^This app can read every mailbox in the tenant: limit it/);
  });

  it('the export leaves out the authorization URL, redirect URI and sign-in account', () => {
    const sheet = buildFieldSheet({ run: RUN, verdict: OK, findings: [], secretHeld: true, probes: [GRAPH_OK] });
    const input = { run: { ...RUN, signInAccount: 'admin@contoso.com' }, sheet, exportedAt: new Date(0) };
    const env = exportValues(input);
    expect(env.MAH_AUTHORIZE_URL).toBeUndefined();
    expect(env.MAH_REDIRECT_URI).toBeUndefined();
    expect(env.MAH_SIGN_IN_ACCOUNT).toBeUndefined();
    expect(env.MAH_TOKEN_URL).toMatch(/oauth2\/v2\.0\/token$/);
    expect(env.MAH_SCOPES).toBe('https://graph.microsoft.com/.default');
    const json = JSON.parse(toJson(input)) as Record<string, unknown>;
    expect(json).toMatchObject({ mode: 'app-only', credential: 'secret', authorizeUrl: null, redirectUri: null });
  });

  it('shows only the notes true for app-only: no sign-in, consent-by-a-person or whose-account notes', () => {
    const s = buildFieldSheet({ run: RUN, verdict: OK, findings: [], secretHeld: true, probes: [GRAPH_OK] });
    const ids = s.notes.map((n) => n.id);
    // ServiceOps' guide: re-authentication by a Global Administrator is a sign-in, which app-only mode has none of.
    expect(ids).not.toContain('global-admin');
    expect(ids).not.toContain('prove-owner');
    expect(ids).toEqual(expect.arrayContaining(['application-type', 'admin-consent', 'app-only-reach']));
    const text = s.notes.map((n) => n.text).join('\n');
    expect(text).not.toMatch(/whose token|whose account|re-authentication|Global Administrator/i);
    // Not checked: the last note asks for a canary; the delegated sheet of the same product keeps its own notes.
    expect(s.notes.at(-1)?.text).toMatch(/belong to no account.*Name a mailbox the app must not reach \(canary\)/);
    expect(s.notes.at(-1)?.text).toContain('servicedesk@contoso.com');
    const delegated = buildFieldSheet({
      run: { ...RUN, appOnly: undefined, scopes: ['https://graph.microsoft.com/Mail.ReadWrite', 'offline_access'] },
      verdict: { ...OK, code: 'VERIFIED' },
      findings: [],
      secretHeld: true,
    });
    expect(delegated.notes.map((n) => n.id)).toEqual(expect.arrayContaining(['global-admin', 'prove-owner']));
    expect(delegated.notes.map((n) => n.id)).not.toContain('app-only-reach');
  });

  it('the reach note follows the scope proof: green says scoped, amber not proven, red leaves it to the warning', () => {
    const sheet = (status: 'red' | 'green' | 'amber') =>
      buildFieldSheet({
        run: RUN,
        verdict: OK,
        findings: [],
        secretHeld: true,
        probes: [GRAPH_OK],
        appOnlyScope: { status, headline: 'h' },
      });
    expect(sheet('green').notes.find((n) => n.id === 'app-only-reach')?.text).toMatch(/proved Exchange refuses/);
    expect(sheet('amber').notes.find((n) => n.id === 'app-only-reach')?.text).toMatch(/could not prove the scope/);
    expect(sheet('red').notes.map((n) => n.id)).toEqual(expect.arrayContaining(['app-only-scope']));
    expect(sheet('red').notes.map((n) => n.id)).not.toContain('app-only-reach');
  });

  it('every preset marks its sign-in-only notes delegated, so no app-only sheet says them', () => {
    for (const preset of PRESETS) {
      const s = buildFieldSheet({
        run: { ...RUN, presetId: preset.id },
        verdict: OK,
        findings: [],
        secretHeld: true,
        probes: [GRAPH_OK],
      });
      const text = s.notes.map((n) => n.text).join('\n');
      expect(text, preset.id).not.toMatch(/sign(s|ing)? in|signing-in|whose token|re-authentication|revoke the grant/i);
    }
  });
});
