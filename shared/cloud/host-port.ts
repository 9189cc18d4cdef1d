// Owns what a host[:port] is wherever one is typed (a custom authority, the product session's authority host): a DNS
// name of letters, digits and inner hyphens, or an IPv4 address, and an optional port 1–65535. Nothing else — no
// scheme, path, user name, query or spaces — so main never builds a URL to somewhere the field did not name. Pure and
// zod-free, so the renderer checks a field with the same function the schemas use.
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** True for `login.contoso.com`, `localhost:8443`, `127.0.0.1:44300`; false for anything with a scheme, path or bad port. */
export function isHostPort(value: string): boolean {
  if (value.length === 0 || value.length > 261) return false;
  const colon = value.lastIndexOf(':');
  const host = colon >= 0 ? value.slice(0, colon) : value;
  if (colon >= 0) {
    const port = value.slice(colon + 1);
    if (!/^\d{1,5}$/.test(port)) return false;
    const n = Number(port);
    if (n < 1 || n > 65535) return false;
  }
  if (host.length === 0 || host.length > 253) return false;
  if (IPV4.test(host)) return true;
  // A dotted-number that is not a valid IPv4 address (999.1.1.1) is neither an address nor a name.
  if (/^[\d.]+$/.test(host)) return false;
  return host.split('.').every((label) => LABEL.test(label));
}

/** The largest CA bundle kept for a custom authority (a handful of certificates). */
export const MAX_CA_PEM_CHARS = 256 * 1024;

/** PEM text that holds one or more certificates and nothing that is a private key. */
export function isCaPem(text: string): boolean {
  return (
    text.length <= MAX_CA_PEM_CHARS &&
    /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.test(text) &&
    !/PRIVATE KEY-----/.test(text)
  );
}
