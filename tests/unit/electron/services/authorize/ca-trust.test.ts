// The sign-in window's certificate verdict for a custom authority (what the Electron partition's verify proc
// answers): the chosen CA for that host only, the host named in the certificate, other hosts left to Chromium.
import { describe, expect, it } from 'vitest';
import {
  CERT_REFUSED,
  CERT_TRUSTED,
  CERT_USE_CHROMIUM,
  certificateVerdict,
  chainProblem,
} from '../../../../../electron/services/authorize/ca-trust';
import { createCertificateAuthority, issueServerCertificate } from '../../../../emulator/pki';

describe('certificateVerdict', () => {
  it('trusts the CA’s certificate for its host, refuses another CA’s and names the reason, leaves other hosts alone', async () => {
    const ca = await createCertificateAuthority();
    const other = await createCertificateAuthority();
    const leaf = await issueServerCertificate(ca, { dns: ['login.test.example'], ip: ['127.0.0.1'] });
    const foreign = await issueServerCertificate(other, { dns: ['login.test.example'], ip: [] });
    const refused: string[] = [];
    const trust = { host: 'login.test.example', caPem: ca.certPem };
    const onRefused = (host: string, reason: string) => refused.push(`${host}: ${reason}`);
    expect(
      certificateVerdict({ hostname: 'login.test.example', certificate: { data: leaf.certPem } }, trust, onRefused),
    ).toBe(CERT_TRUSTED);
    expect(
      certificateVerdict({ hostname: 'login.test.example', certificate: { data: foreign.certPem } }, trust, onRefused),
    ).toBe(CERT_REFUSED);
    expect(refused).toEqual(['login.test.example: its certificate was not issued by the chosen CA']);
    expect(
      certificateVerdict({ hostname: 'elsewhere.example', certificate: { data: leaf.certPem } }, trust, onRefused),
    ).toBe(CERT_USE_CHROMIUM);
  });

  it('refuses the CA’s certificate for a name it was not issued for', async () => {
    const ca = await createCertificateAuthority();
    const leaf = await issueServerCertificate(ca, { dns: ['other.test.example'], ip: [] });
    expect(chainProblem('login.test.example', { data: leaf.certPem }, ca.certPem)).toBe(
      'its certificate is not issued for login.test.example',
    );
    expect(
      chainProblem(
        '127.0.0.1',
        { data: (await issueServerCertificate(ca, { dns: [], ip: ['127.0.0.1'] })).certPem },
        ca.certPem,
      ),
    ).toBeUndefined();
  });
});
