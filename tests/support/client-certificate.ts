// A throwaway app certificate for the certificate-credential tests: an RSA key pair from node:crypto and a
// self-signed certificate over it (@peculiar/x509, as the emulator's PKI), in the PEM shapes an admin has — the
// public certificate uploaded under Certificates & secrets, and the key-plus-certificate file the app signs with.
import { generateKeyPairSync, webcrypto } from 'node:crypto';
import '../emulator/reflect-shim';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export interface AppCertificate {
  /** The public certificate (what the portal's Upload certificate takes). */
  readonly certPem: string;
  /** PKCS#8 private key. */
  readonly keyPem: string;
  /** The key then the certificate: the file the admin chooses in the app. */
  readonly combinedPem: string;
}

const alg = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

export async function createAppCertificate(cn = 'ServiceOps mail', days = 30): Promise<AppCertificate> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const keys = {
    privateKey: await webcrypto.subtle.importKey(
      'pkcs8',
      privateKey.export({ type: 'pkcs8', format: 'der' }),
      alg,
      true,
      ['sign'],
    ),
    publicKey: await webcrypto.subtle.importKey('spki', publicKey.export({ type: 'spki', format: 'der' }), alg, true, [
      'verify',
    ]),
  } as unknown as CryptoKeyPair;
  const notBefore = new Date(Date.now() - 60_000);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: `CN=${cn}`,
    notBefore,
    notAfter: new Date(notBefore.getTime() + days * 86_400_000),
    keys,
    signingAlgorithm: alg,
  });
  const certPem = cert.toString('pem');
  return { certPem, keyPem, combinedPem: `${keyPem.trim()}\n${certPem.trim()}\n` };
}
