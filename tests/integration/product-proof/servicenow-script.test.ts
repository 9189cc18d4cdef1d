// The ServiceNow background script against tokens the Entra emulator minted for the ServiceNow app: run in
// node:vm over the ServiceNow stand-in, its output read back and judged — servicedesk's stored token green,
// adele's red naming both — and no 16-character window of the access or refresh token anywhere in the output.
// Integration because the emulator listens on a socket.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../emulator/index';
import { judgeProofReading, readProductProof, serviceNowProofScript } from '../../../shared/product-proof';
import { runBackgroundScript, type ServiceNowStore } from '../../support/servicenow-standin';

const SERVICEDESK = 'servicedesk@contoso.test';
const ADELE = 'adele@contoso.test';
const ACCOUNT_ID = '5f1c0b7e2d3a4b5c6d7e8f9012345678';
const PROFILE_ID = '9c4e78d3c302301089a7dd5c2840dd76';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});

/** A product that stored `upn`'s tokens (an emulator access token, an Entra-shaped opaque refresh token). */
async function productHolding(upn: string): Promise<{ store: ServiceNowStore; secrets: string[] }> {
  const accessToken = await emulator.mintUserAccessToken(upn, {
    appKey: 'servicenow',
    scopes: ['IMAP.AccessAsUser.All', 'SMTP.Send'],
  });
  const refreshToken = `1.AXkA${randomBytes(240).toString('base64url')}`;
  return {
    secrets: [accessToken, refreshToken],
    store: {
      emailAccounts: [{ sys_id: ACCOUNT_ID, name: 'Service desk (IMAP)', user_name: SERVICEDESK }],
      oauthProfiles: [{ sys_id: PROFILE_ID, name: 'Microsoft 365 mail' }],
      tokens: new Map([[`${ACCOUNT_ID}|${PROFILE_ID}`, { accessToken, refreshToken, expiresIn: 3599 }]]),
    },
  };
}

const script = serviceNowProofScript({ emailAccount: 'Service desk (IMAP)', oauthProfile: 'Microsoft 365 mail' });

describe('the background script over emulator-minted tokens', () => {
  it('servicedesk’s stored token: green, from the product’s own store', async () => {
    const { store } = await productHolding(SERVICEDESK);
    const run = runBackgroundScript(script, store);
    expect(run.error).toBeUndefined();
    const v = judgeProofReading(readProductProof(run.output), { expectedAccount: SERVICEDESK });
    expect(v).toMatchObject({ ok: true, code: 'IDENTITY_MATCH', account: SERVICEDESK });
    expect(v?.sentence).toContain('ServiceNow’s own token store');
  });

  it('adele’s stored token: red, naming adele and servicedesk', async () => {
    const { store } = await productHolding(ADELE);
    const v = judgeProofReading(readProductProof(runBackgroundScript(script, store).output), {
      expectedAccount: SERVICEDESK,
    });
    expect(v).toMatchObject({ ok: false, severity: 'error', code: 'IDENTITY_MISMATCH', account: ADELE });
    expect(v?.sentence).toContain(ADELE);
    expect(v?.sentence).toContain(SERVICEDESK);
  });

  it('prints no 16-character window of the access or the refresh token', async () => {
    for (const upn of [SERVICEDESK, ADELE]) {
      const { store, secrets } = await productHolding(upn);
      const { output } = runBackgroundScript(script, store);
      expect(output.length).toBeGreaterThan(100);
      let windows = 0;
      for (const secret of secrets) {
        expect(secret.length).toBeGreaterThan(300);
        for (let i = 0; i + 16 <= secret.length; i++, windows++) expect(output).not.toContain(secret.slice(i, i + 16));
      }
      expect(windows).toBeGreaterThan(600);
    }
  });
});
