// The ServiceNow background script the app generates: plain ES5 (parsed with acorn at ecmaVersion 5, the global
// scope's engine), names and sys_ids embedded as safe string literals whatever they hold, and run in node:vm
// against the ServiceNow stand-in with jose-minted tokens: it prints one marked line of claims, finds records by
// Name or sys_id, reports each failure with its code, and prints no part of either token.
import { parse } from 'acorn';
import { describe, expect, it } from 'vitest';
import {
  PROOF_MARKER,
  checkScriptInput,
  readProductProof,
  serviceNowProofScript,
} from '../../../../shared/product-proof';
import { runBackgroundScript, type ServiceNowStore } from '../../../support/servicenow-standin';
import { createMinter, NOW, TENANT } from '../../../support/tokens-mint';

const ACCOUNT_ID = '0123456789abcdef0123456789abcdef';
const PROFILE_ID = 'fedcba9876543210fedcba9876543210';
const REFRESH = `0.AXkA${'x9_Q-r'.repeat(60)}`;

function store(accessToken: string, refreshToken: string | undefined = REFRESH): ServiceNowStore {
  return {
    emailAccounts: [
      { sys_id: ACCOUNT_ID, name: 'Service desk (IMAP)', user_name: 'servicedesk@contoso.test' },
      { sys_id: 'a'.repeat(32), name: 'Twin', user_name: 'x@contoso.test' },
      { sys_id: 'b'.repeat(32), name: 'Twin', user_name: 'y@contoso.test' },
    ],
    oauthProfiles: [{ sys_id: PROFILE_ID, name: 'Microsoft 365 IMAP profile' }],
    tokens: new Map([
      [
        `${ACCOUNT_ID}|${PROFILE_ID}`,
        {
          accessToken,
          ...(refreshToken ? { refreshToken } : {}),
          expiresIn: 3599,
          refreshExpires: '2026-04-01 10:00:00',
        },
      ],
    ]),
  };
}

async function outlookToken(upn: string, extra: Record<string, unknown> = {}): Promise<string> {
  const minter = await createMinter();
  return minter.sign({
    aud: 'https://outlook.office.com',
    iss: `https://sts.windows.net/${TENANT}/`,
    iat: NOW - 60,
    nbf: NOW - 60,
    exp: NOW + 3600,
    upn,
    unique_name: upn,
    oid: '0b6a1c2d-0000-4000-8000-000000000001',
    tid: TENANT,
    appid: '9247ff64-4fa2-4b31-9d1d-d624d2ea2cda',
    scp: 'IMAP.AccessAsUser.All SMTP.Send',
    name: 'Ünïcødé Nämé 😀',
    ver: '1.0',
    ...extra,
  });
}

const byName = { emailAccount: 'Service desk (IMAP)', oauthProfile: 'Microsoft 365 IMAP profile' };

describe('the generated background script', () => {
  it('is plain ES5 for any name, including quotes, backslashes and a closing script tag', () => {
    for (const name of [byName.emailAccount, `O'Brien "mail" \\ </script> */ //`, ACCOUNT_ID]) {
      const script = serviceNowProofScript({ emailAccount: name, oauthProfile: name });
      expect(() => parse(script, { ecmaVersion: 5 })).not.toThrow();
      expect(() => parse(`let x = 1;`, { ecmaVersion: 5 })).toThrow(); // the parser does refuse ES2015
      expect(script).not.toMatch(/\b(?:let|const)\s|=>|`/);
    }
  });

  it('says what it reads and that it prints no token, in its comments', () => {
    const script = serviceNowProofScript(byName);
    expect(script).toContain('sys_email_account');
    expect(script).toContain('oauth_entity_profile');
    expect(script).toContain('sn_auth.GlideOAuthClient().getToken');
    expect(script).toContain('It never prints a token.');
    expect(script.split('\n').length).toBeLessThan(120);
  });

  it('refuses empty, over-long and multi-line inputs', () => {
    expect(checkScriptInput({ emailAccount: ' ', oauthProfile: 'p' })).toMatchObject({
      ok: false,
      field: 'emailAccount',
    });
    expect(checkScriptInput({ emailAccount: 'a', oauthProfile: 'x'.repeat(161) })).toMatchObject({
      ok: false,
      field: 'oauthProfile',
    });
    expect(checkScriptInput({ emailAccount: 'a\nb', oauthProfile: 'p' })).toMatchObject({ ok: false });
    expect(checkScriptInput({ emailAccount: 'a\u2028b', oauthProfile: 'p' })).toMatchObject({ ok: false });
    expect(() => serviceNowProofScript({ emailAccount: '', oauthProfile: 'p' })).toThrow(/empty/);
  });

  it('prints the claims of the stored access token (by Name), never a token', async () => {
    const access = await outlookToken('servicedesk@contoso.test');
    const run = runBackgroundScript(serviceNowProofScript(byName), store(access));
    expect(run.error).toBeUndefined();
    expect(run.output).toMatch(new RegExp(`^\\*\\*\\* Script: ${PROOF_MARKER} \\{`));
    const reading = readProductProof(run.output);
    expect(reading.kind).toBe('proof');
    if (reading.kind !== 'proof') return;
    expect(reading.proof).toMatchObject({
      emailAccount: byName.emailAccount,
      emailAccountId: ACCOUNT_ID,
      oauthProfileId: PROFILE_ID,
      mailbox: 'servicedesk@contoso.test',
      accessTokenExpiresIn: 3599,
      refreshToken: { stored: true, expires: '2026-04-01 10:00:00' },
      claims: {
        upn: 'servicedesk@contoso.test',
        unique_name: 'servicedesk@contoso.test',
        tid: TENANT,
        aud: 'https://outlook.office.com',
        scp: 'IMAP.AccessAsUser.All SMTP.Send',
        iat: NOW - 60,
        exp: NOW + 3600,
      },
    });
    // Only the listed claims: not `name`, `iss` or `ver`.
    expect(Object.keys(reading.proof.claims).sort()).toEqual(
      ['appid', 'aud', 'exp', 'iat', 'oid', 'scp', 'tid', 'unique_name', 'upn'].sort(),
    );
    for (const secret of [access, REFRESH])
      for (let i = 0; i + 16 <= secret.length; i++) expect(run.output).not.toContain(secret.slice(i, i + 16));
  });

  it('decodes padded base64 and UTF-8 claims the way the app does', async () => {
    const access = await outlookToken('zoë.ünïcode@contoso.test');
    const [h, p, s] = access.split('.') as [string, string, string];
    const padded = `${h}.${p}${'='.repeat((4 - (p.length % 4)) % 4)}.${s}`;
    const run = runBackgroundScript(serviceNowProofScript(byName), store(padded));
    const reading = readProductProof(run.output);
    expect(reading.kind === 'proof' && reading.proof.claims.upn).toBe('zoë.ünïcode@contoso.test');
  });

  it('finds records by sys_id too', async () => {
    const access = await outlookToken('adele@contoso.test');
    const run = runBackgroundScript(
      serviceNowProofScript({ emailAccount: ACCOUNT_ID, oauthProfile: PROFILE_ID }),
      store(access),
    );
    const reading = readProductProof(run.output);
    expect(reading.kind === 'proof' && reading.proof.claims.upn).toBe('adele@contoso.test');
  });

  it('reports each failure with its code', async () => {
    const access = await outlookToken('servicedesk@contoso.test');
    const codeOf = (input: typeof byName, s: ServiceNowStore): string | undefined => {
      const reading = readProductProof(runBackgroundScript(serviceNowProofScript(input), s).output);
      return reading.kind === 'script-error' ? reading.error.code : reading.kind;
    };
    expect(codeOf({ ...byName, emailAccount: 'Nope' }, store(access))).toBe('EMAIL_ACCOUNT_NOT_FOUND');
    expect(codeOf({ ...byName, emailAccount: 'Twin' }, store(access))).toBe('NAME_AMBIGUOUS');
    expect(codeOf({ ...byName, oauthProfile: 'Nope' }, store(access))).toBe('OAUTH_PROFILE_NOT_FOUND');
    expect(codeOf(byName, { ...store(access), tokens: new Map() })).toBe('NO_TOKEN_STORED');
    expect(codeOf(byName, store('opaque-access-token-value-1234567890'))).toBe('ACCESS_TOKEN_NOT_JWT');
    expect(codeOf(byName, store('eyJhbGciOiJub25lIn0.!!!.sig'))).toBe('ACCESS_TOKEN_UNREADABLE');
  });

  it('says when no refresh token is stored', async () => {
    const access = await outlookToken('servicedesk@contoso.test');
    const reading = readProductProof(runBackgroundScript(serviceNowProofScript(byName), store(access, '')).output);
    expect(reading.kind === 'proof' && reading.proof.refreshToken).toEqual({ stored: false });
  });
});
