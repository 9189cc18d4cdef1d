// The app-only test's certificate credential ("Microsoft identity platform application authentication certificate
// credentials"): a PEM file holding the app's private key and the certificate uploaded under Certificates & secrets,
// chosen by the admin in main's own open dialog. Main reads it, checks the key belongs to the certificate, and keeps
// it in memory under a random id (CertificateKeeper); the renderer gets that id and a description — the file name,
// subject, the portal's SHA-1 Thumbprint and the expiry — never the key. MSAL-node then signs the client assertion
// with it (clientCertificate: thumbprintSha256 + privateKey + x5c).
import { createPrivateKey, randomUUID, X509Certificate } from 'node:crypto';
import { basename } from 'node:path';
import { readSmallRegularFile, type OpenFileDialogOptions } from '../authorize/ca-file';
import { codedError } from '../errors';

/** A key and certificate PEM is a few KiB; 64 KiB leaves room for a chain and refuses anything else. */
const MAX_CERT_FILE_BYTES = 64 * 1024;

export const CERT_DIALOG_OPTIONS: OpenFileDialogOptions = {
  title: 'Choose the app’s certificate with its private key (PEM)',
  filters: [
    { name: 'PEM (private key and certificate)', extensions: ['pem', 'key', 'crt'] },
    { name: 'All files', extensions: ['*'] },
  ],
};

/** What MSAL-node's clientCertificate takes, and what the admin sees about it. */
export interface ClientCertificate {
  /** Hex SHA-256 of the certificate's DER (MSAL puts it in the assertion's x5t#S256 header). */
  readonly thumbprintSha256: string;
  readonly privateKey: string;
  /** The certificate (PEM), sent as x5c. */
  readonly x5c: string;
  readonly facts: CertificateFacts;
}

export interface CertificateFacts {
  /** "app.pem — CN=ServiceOps mail" */
  readonly label: string;
  /** Upper-case hex SHA-1, the Thumbprint column of the portal's Certificates tab. */
  readonly thumbprint: string;
  /** ISO date the certificate expires (the portal's Expires). */
  readonly expires: string;
}

const KEY_BLOCK = /-----BEGIN (RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END \1PRIVATE KEY-----/;
const CERT_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;

/** The key and certificate in a PEM text, checked to belong together. `file` names it in errors. */
export function parseCertificatePem(text: string, file: string): ClientCertificate {
  const keyPem = KEY_BLOCK.exec(text)?.[0];
  if (keyPem === undefined) throw codedError('CERT_FILE_NO_KEY', { file });
  const certPem = CERT_BLOCK.exec(text)?.[0];
  if (certPem === undefined) throw codedError('CERT_FILE_NO_CERTIFICATE', { file });
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(certPem);
  } catch {
    throw codedError('CERT_FILE_NO_CERTIFICATE', { file });
  }
  const subject = cert.subject.replace(/\n/g, ', ');
  let matches: boolean;
  try {
    matches = cert.checkPrivateKey(createPrivateKey(keyPem));
  } catch {
    throw codedError('CERT_FILE_NO_KEY', { file });
  }
  if (!matches) throw codedError('CERT_KEY_MISMATCH', { file, subject });
  return {
    thumbprintSha256: cert.fingerprint256.replace(/:/g, ''),
    privateKey: keyPem,
    x5c: certPem,
    facts: {
      label: `${file} — ${subject}`.slice(0, 512),
      thumbprint: cert.fingerprint.replace(/:/g, '').toUpperCase(),
      expires: new Date(cert.validTo).toISOString(),
    },
  };
}

/** Reads the chosen file (same path and size rules as the CA file) and parses it. */
export async function readCertificateFile(chosen: string): Promise<ClientCertificate> {
  const read = await readSmallRegularFile(chosen, MAX_CERT_FILE_BYTES);
  if (read.kind === 'refused') throw codedError('CERT_FILE_REFUSED', { reason: read.reason });
  if (read.kind === 'not-absolute') throw codedError('CERT_FILE_REFUSED', { reason: 'not a full path' });
  if (read.kind === 'unreadable') throw codedError('CERT_FILE_UNREADABLE', { path: read.path, cause: read.cause });
  return parseCertificatePem(read.text, basename(chosen.trim().replace(/^"|"$/g, '')));
}

/**
 * Main's memory of the certificates chosen this session, by a random id the renderer holds instead of the key. Only
 * the last few are kept: an id the renderer invents or kept from long ago finds nothing.
 */
export class CertificateKeeper {
  readonly #byId = new Map<string, ClientCertificate>();

  constructor(private readonly max = 4) {}

  keep(cert: ClientCertificate): string {
    const id = randomUUID();
    this.#byId.set(id, cert);
    while (this.#byId.size > this.max) {
      const oldest = this.#byId.keys().next().value;
      if (oldest === undefined) break;
      this.#byId.delete(oldest);
    }
    return id;
  }

  get(id: string): ClientCertificate {
    const cert = this.#byId.get(id);
    if (cert === undefined) throw codedError('CERT_NOT_CHOSEN');
    return cert;
  }
}
