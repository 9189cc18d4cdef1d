// Owns the second identity provider's own PKI, made with the system's openssl (not the emulator's code): a throwaway
// CA, the TLS certificate it issues for localhost/127.0.0.1, and the leaf's SPKI hash. Nothing here is shared with
// tests/emulator, so a wrong assumption in one PKI cannot hide in the other.
import { execFileSync } from 'node:child_process';
import { X509Certificate, createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface IdpPki {
  readonly caPem: string;
  readonly certPem: string;
  readonly keyPem: string;
  /** base64 sha256 of the leaf's SubjectPublicKeyInfo. */
  readonly spkiHash: string;
}

const openssl = (cwd: string, args: string[]): void => {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
};

export function createIdpPki(): IdpPki {
  const dir = mkdtempSync(join(tmpdir(), 'idp-pki-'));
  try {
    openssl(dir, ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'ca.key']);
    openssl(dir, [
      'req',
      '-x509',
      '-new',
      '-key',
      'ca.key',
      '-sha256',
      '-days',
      '2',
      '-subj',
      '/CN=OIDC Provider Test CA/O=Mailbox Auth Helper tests',
      '-addext',
      'basicConstraints=critical,CA:TRUE,pathlen:0',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
      '-out',
      'ca.pem',
    ]);
    openssl(dir, ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'leaf.ec']);
    openssl(dir, ['pkcs8', '-topk8', '-nocrypt', '-in', 'leaf.ec', '-out', 'leaf.key']);
    openssl(dir, ['req', '-new', '-key', 'leaf.key', '-subj', '/CN=localhost', '-out', 'leaf.csr']);
    writeFileSync(
      join(dir, 'leaf.ext'),
      'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n',
    );
    openssl(dir, [
      'x509',
      '-req',
      '-in',
      'leaf.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-days',
      '2',
      '-sha256',
      '-extfile',
      'leaf.ext',
      '-out',
      'leaf.pem',
    ]);
    const certPem = readFileSync(join(dir, 'leaf.pem'), 'utf8');
    const spki = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
    return {
      caPem: readFileSync(join(dir, 'ca.pem'), 'utf8'),
      certPem,
      keyPem: readFileSync(join(dir, 'leaf.key'), 'utf8'),
      spkiHash: createHash('sha256').update(spki).digest('base64'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
