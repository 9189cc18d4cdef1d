// Exactly one CA for exactly one host, for the sign-in window of a custom authority: the verdict Electron's
// session.setCertificateVerifyProc asks for (electron/platform/clean-window.ts), in plain Node so it is tested
// without Electron. The trusted host's chain must end at that CA (its own certificates, not the system's roots)
// and name the host; every other host keeps Chromium's own verification. Nothing process-wide changes.
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';

/** Electron's verify-proc answers: 0 trusted, -2 refused (net::ERR_FAILED), -3 Chromium's own verdict. */
export const CERT_TRUSTED = 0;
export const CERT_REFUSED = -2;
export const CERT_USE_CHROMIUM = -3;

/** The part of Electron's Certificate the verdict reads: PEM data and the issuer chain Chromium built. */
export interface PresentedCertificate {
  readonly data: string;
  readonly issuerCert?: PresentedCertificate | undefined;
}

export interface HostTrust {
  /** Host name without port (Electron's request.hostname). */
  readonly host: string;
  readonly caPem: string;
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Why the chain is refused, or undefined when it ends at one of the CA's certificates and names the host. */
export function chainProblem(
  hostname: string,
  presented: PresentedCertificate,
  caPem: string,
  now = new Date(),
): string | undefined {
  const cas = (caPem.match(PEM_BLOCK) ?? []).map((p) => new X509Certificate(p));
  if (cas.length === 0) return 'the chosen CA file holds no certificate';
  const chain: X509Certificate[] = [];
  for (let c: PresentedCertificate | undefined = presented; c && chain.length < 8; c = c.issuerCert) {
    try {
      chain.push(new X509Certificate(c.data));
    } catch {
      return 'the server sent a certificate that cannot be read';
    }
  }
  const [leaf] = chain;
  if (!leaf) return 'the server sent no certificate';
  const names = isIP(hostname) === 0 ? leaf.checkHost(hostname) : leaf.checkIP(hostname);
  if (names === undefined) return `its certificate is not issued for ${hostname}`;
  for (const c of chain) {
    if (now < new Date(c.validFrom) || now > new Date(c.validTo))
      return `a certificate in its chain is not valid now (${c.validFrom} – ${c.validTo})`;
  }
  // Walk up the presented chain: each certificate signed by the next, until one the CA file signed (or holds).
  const signedBy = (c: X509Certificate, issuer: X509Certificate): boolean =>
    c.checkIssued(issuer) && c.verify(issuer.publicKey);
  for (const [i, cert] of chain.entries()) {
    if (cas.some((ca) => ca.fingerprint256 === cert.fingerprint256 || signedBy(cert, ca))) return undefined;
    const next = chain[i + 1];
    if (next === undefined || !signedBy(cert, next)) break;
  }
  return 'its certificate was not issued by the chosen CA';
}

/** The verify proc's answer for one request: the trusted host by the CA alone, other hosts by Chromium. */
export function certificateVerdict(
  request: { readonly hostname: string; readonly certificate: PresentedCertificate },
  trust: HostTrust,
  onRefused: (host: string, reason: string) => void,
): number {
  if (request.hostname.toLowerCase() !== trust.host.toLowerCase()) return CERT_USE_CHROMIUM;
  const problem = chainProblem(request.hostname, request.certificate, trust.caPem);
  if (problem === undefined) return CERT_TRUSTED;
  onRefused(request.hostname, problem);
  return CERT_REFUSED;
}
