// The certificate credential file: the key and the certificate found in one PEM and checked to belong together, the
// portal's SHA-1 Thumbprint and MSAL's SHA-256 thumbprint computed from the certificate, each refusal with its own
// code; the keeper answers only ids it gave out, and forgets the oldest beyond its limit.
import { createHash, X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { CertificateKeeper, parseCertificatePem } from '../../../../../electron/services/app-only/certificate-file';
import { createAppCertificate, type AppCertificate } from '../../../../support/client-certificate';

let one: AppCertificate;
let two: AppCertificate;
beforeAll(async () => {
  [one, two] = await Promise.all([createAppCertificate('ServiceOps mail'), createAppCertificate('Other')]);
});

describe('parseCertificatePem', () => {
  it('takes the key and certificate in either order, with the thumbprints the portal and MSAL use', () => {
    const raw = new X509Certificate(one.certPem).raw;
    for (const text of [one.combinedPem, `${one.certPem}\n${one.keyPem}`]) {
      const c = parseCertificatePem(text, 'app.pem');
      expect(c.thumbprintSha256).toBe(createHash('sha256').update(raw).digest('hex').toUpperCase());
      expect(c.facts.thumbprint).toBe(createHash('sha1').update(raw).digest('hex').toUpperCase());
      expect(c.facts.label).toBe('app.pem — CN=ServiceOps mail');
      expect(Date.parse(c.facts.expires)).toBeGreaterThan(Date.now());
      expect(c.privateKey).toContain('-----BEGIN PRIVATE KEY-----');
      expect(c.x5c).toContain('-----BEGIN CERTIFICATE-----');
    }
  });

  it.each([
    ['the public certificate alone (the .cer uploaded to the portal)', () => one.certPem, 'CERT_FILE_NO_KEY'],
    ['a key alone', () => one.keyPem, 'CERT_FILE_NO_CERTIFICATE'],
    ['a key with another certificate', () => `${one.keyPem}\n${two.certPem}`, 'CERT_KEY_MISMATCH'],
    [
      'a password-protected key',
      () => `-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n${one.certPem}`,
      'CERT_FILE_NO_KEY',
    ],
    ['not PEM at all', () => 'hello', 'CERT_FILE_NO_KEY'],
  ])('refuses %s', (_, text, code) => {
    expect(() => parseCertificatePem(text(), 'x.pem')).toThrow(expect.objectContaining({ code }));
  });
});

describe('CertificateKeeper', () => {
  it('answers the certificate for an id it gave, refuses others, and keeps only the last few', () => {
    const keeper = new CertificateKeeper(2);
    const cert = parseCertificatePem(one.combinedPem, 'a.pem');
    const first = keeper.keep(cert);
    expect(keeper.get(first)).toBe(cert);
    expect(() => keeper.get('00000000-0000-4000-8000-000000000000')).toThrow(
      expect.objectContaining({ code: 'CERT_NOT_CHOSEN' }),
    );
    keeper.keep(cert);
    keeper.keep(cert);
    expect(() => keeper.get(first)).toThrow(expect.objectContaining({ code: 'CERT_NOT_CHOSEN' }));
  });
});
