// Reading a pasted product store proof back and judging it with the same identity verdict as Authorize: the
// marked line is found inside ServiceNow's "*** Script:" output, a damaged or foreign line is said to be so, and
// the verdict is green for the mailbox (or its delegate), red naming both accounts with the next step, always
// saying the proof came from ServiceNow's own token store. Without a typed account the email account's User name
// is the one judged against.
import { describe, expect, it } from 'vitest';
import { PROOF_MARKER, judgeProofReading, readProductProof } from '../../../../shared/product-proof';
import { identityVerdict } from '../../../../shared/tokens';

const NOW = 1_760_000_000;
const claims = (upn: string): Record<string, unknown> => ({
  upn,
  unique_name: upn,
  oid: '0b6a1c2d-0000-4000-8000-000000000001',
  tid: '93730ac9-67de-40eb-bc94-85ac0d4949a7',
  aud: 'https://outlook.office.com',
  scp: 'IMAP.AccessAsUser.All SMTP.Send',
  appid: '9247ff64-4fa2-4b31-9d1d-d624d2ea2cda',
  iat: NOW - 60,
  exp: NOW + 3600,
});
const output = (body: Record<string, unknown>): string =>
  [
    '*** Script: (an earlier line)',
    `*** Script: ${PROOF_MARKER} ${JSON.stringify({ v: 1, product: 'servicenow', emailAccount: 'Service desk', oauthProfile: 'M365', ...body })}`,
    '[0:00:00.046] Total Time',
  ].join('\n');
const proofOf = (upn: string, extra: Record<string, unknown> = {}): string =>
  output({ mailbox: 'servicedesk@contoso.test', claims: claims(upn), refreshToken: { stored: true }, ...extra });

const judge = (paste: string, e = {}) => judgeProofReading(readProductProof(paste), e, NOW);

describe('reading a pasted proof', () => {
  it('finds nothing in text without the marker', () => {
    expect(readProductProof('eyJhbGciOi.x.y')).toEqual({ kind: 'none' });
    expect(readProductProof(42)).toEqual({ kind: 'none' });
    expect(judge('no proof here')).toBeUndefined();
  });

  it('says a cut or foreign marked line is unreadable, with how to copy it again', () => {
    const cut = proofOf('servicedesk@contoso.test').slice(0, 120);
    expect(judge(cut)).toMatchObject({ ok: false, code: 'PROOF_MALFORMED', status: 'unreadable' });
    expect(judge(`${PROOF_MARKER} {"v":2,"product":"servicenow"}`)?.code).toBe('PROOF_MALFORMED');
    expect(judge(output({ claims: 'x' }))?.code).toBe('PROOF_MALFORMED');
  });

  it('turns a script error into its own next step', () => {
    const v = judge(output({ error: { code: 'NO_TOKEN_STORED', message: 'No access token is stored.' } }));
    expect(v).toMatchObject({ ok: false, code: 'PROOF_SCRIPT_ERROR' });
    expect(v?.sentence).toContain('NO_TOKEN_STORED');
    expect(v?.nextStep).toMatch(/Authorize the email account in ServiceNow first/);
  });
});

describe('judging a proof with the identity verdict', () => {
  it('green for the mailbox, saying it came from the product’s own store', () => {
    const v = judge(proofOf('servicedesk@contoso.test'), { expectedAccount: 'servicedesk@contoso.test' });
    expect(v).toMatchObject({ ok: true, code: 'IDENTITY_MATCH', account: 'servicedesk@contoso.test' });
    expect(v?.sentence).toMatch(/^Proof from ServiceNow’s own token store: /);
    expect(v?.source).toContain('email account “Service desk”');
    expect(v?.facts.map((f) => f.label)).toEqual(
      expect.arrayContaining([
        'Signed-in account (token)',
        'Tenant ID (tid)',
        'Delegated permissions (scp)',
        'Refresh token stored',
      ]),
    );
  });

  it('red naming both accounts, with the same sentence as Authorize and the product’s next step', () => {
    const v = judge(proofOf('adele@contoso.test'), { expectedAccount: 'servicedesk@contoso.test' });
    const same = identityVerdict({ expectedAccount: 'servicedesk@contoso.test', tokenAccount: 'adele@contoso.test' });
    expect(v).toMatchObject({ ok: false, severity: 'error', code: 'IDENTITY_MISMATCH' });
    expect(v?.sentence).toBe(`Proof from ServiceNow’s own token store: ${same.sentence}`);
    expect(v?.sentence).toContain('adele@contoso.test');
    expect(v?.sentence).toContain('servicedesk@contoso.test');
    expect(v?.nextStep).toMatch(/Authorize Email Account Access again .* sign in as servicedesk@contoso.test/);
  });

  it('delegate mode: green for the delegate of the shared mailbox, red for the mailbox itself', () => {
    const e = { expectedAccount: 'helpdesk-delegate@contoso.test', mailbox: 'support@contoso.test' };
    expect(judge(proofOf('helpdesk-delegate@contoso.test'), e)).toMatchObject({ ok: true, code: 'DELEGATE_MODE' });
    expect(judge(proofOf('support@contoso.test'), e)).toMatchObject({ ok: false, code: 'IDENTITY_MISMATCH' });
  });

  it('without a typed account, judges against the email account’s User name and says so', () => {
    const v = judge(proofOf('adele@contoso.test'));
    expect(v).toMatchObject({ ok: false, code: 'IDENTITY_MISMATCH' });
    expect(v?.judgedAgainst).toBe('servicedesk@contoso.test (the email account’s User name)');
    const none = judge(proofOf('adele@contoso.test', { mailbox: undefined }));
    expect(none).toMatchObject({ ok: false, code: 'IDENTITY_NOT_CHECKED', severity: 'info' });
  });

  it('a right account still fails without a refresh token or with a non-mail audience', () => {
    const e = { expectedAccount: 'servicedesk@contoso.test' };
    const noRefresh = judge(proofOf('servicedesk@contoso.test', { refreshToken: { stored: false } }), e);
    expect(noRefresh).toMatchObject({ ok: false, severity: 'error', code: 'IDENTITY_MATCH' });
    expect(noRefresh?.findings.map((f) => f.code)).toEqual(['REFRESH_TOKEN_MISSING']);
    expect(noRefresh?.nextStep).toMatch(/offline_access/);
    const wrongAud = judge(
      proofOf('servicedesk@contoso.test', { claims: { ...claims('servicedesk@contoso.test'), aud: 'api://other' } }),
      e,
    );
    expect(wrongAud?.findings.map((f) => f.code)).toEqual(['AUDIENCE_NOT_MAIL']);
  });
});
