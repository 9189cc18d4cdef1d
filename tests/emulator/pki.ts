// Owns the emulator's throwaway PKI: a CA generated at start, TLS leaf certificates it issues (the emulator's
// own HTTPS listener, Dovecot's IMAPS/POP3S), and the SPKI hash Chromium needs to trust the leaf.
// ECDSA P-256 keeps generation fast on a shared 2-core machine; everything here lives only for one run.
import { createHash, webcrypto } from 'node:crypto';
import './reflect-shim';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const ecAlg = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const sigAlg = { name: 'ECDSA', hash: 'SHA-256' } as const;

export interface CertificateAuthority {
  certPem: string;
  keys: CryptoKeyPair;
  cert: x509.X509Certificate;
}

export interface IssuedCertificate {
  certPem: string;
  keyPem: string;
  /** base64 sha256 of the DER SubjectPublicKeyInfo, the form `--ignore-certificate-errors-spki-list` wants */
  spkiHash: string;
}

function randomSerial(): string {
  // Positive serial: clear the top bit so DER keeps it unsigned.
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return Buffer.from(bytes).toString('hex');
}

async function privateKeyPem(key: CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey('pkcs8', key as webcrypto.CryptoKey);
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

export async function createCertificateAuthority(): Promise<CertificateAuthority> {
  const keys = (await webcrypto.subtle.generateKey(ecAlg, true, ['sign', 'verify'])) as unknown as CryptoKeyPair;
  const notBefore = new Date(Date.now() - 60_000);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: 'CN=Entra ID Emulator Test CA, O=Mailbox Auth Helper tests',
    notBefore,
    notAfter: new Date(notBefore.getTime() + 7 * 86_400_000),
    keys,
    signingAlgorithm: sigAlg,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certPem: cert.toString('pem'), keys, cert };
}

/** Issues a TLS server certificate for the given DNS names and IP addresses, signed by the CA. */
export async function issueServerCertificate(
  ca: CertificateAuthority,
  names: { dns: string[]; ip: string[] },
): Promise<IssuedCertificate> {
  const keys = (await webcrypto.subtle.generateKey(ecAlg, true, ['sign', 'verify'])) as unknown as CryptoKeyPair;
  const notBefore = new Date(Date.now() - 60_000);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: `CN=${names.dns[0] ?? names.ip[0] ?? 'localhost'}`,
    issuer: ca.cert.subject,
    notBefore,
    notAfter: new Date(notBefore.getTime() + 7 * 86_400_000),
    publicKey: keys.publicKey,
    signingKey: ca.keys.privateKey,
    signingAlgorithm: sigAlg,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        ...names.dns.map((value) => ({ type: 'dns' as const, value })),
        ...names.ip.map((value) => ({ type: 'ip' as const, value })),
      ]),
      await x509.AuthorityKeyIdentifierExtension.create(ca.keys.publicKey),
    ],
  });
  const spkiDer = Buffer.from(cert.publicKey.rawData);
  return {
    certPem: cert.toString('pem'),
    keyPem: await privateKeyPem(keys.privateKey),
    spkiHash: createHash('sha256').update(spkiDer).digest('base64'),
  };
}
