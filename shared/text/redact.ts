// Masks anything token-like in a line of text before it is logged or shown: JWTs, refresh tokens,
// authorization codes, client secrets, XOAUTH2 blobs, passwords in query strings.
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
const KEYED =
  /\b(access_token|refresh_token|id_token|code|client_secret|password|secret|assertion|code_verifier|client_assertion)(["']?\s*[:=]\s*["']?)([^\s"'&,;]{4,})/gi;
const BEARER = /\b(Bearer\s+)([A-Za-z0-9._~+/=-]{8,})/gi;
/** Azure client secret values: 3 chars, a digit, "Q~", then ~30+ chars of [A-Za-z0-9_.~-]. */
const AZURE_SECRET = /\b[A-Za-z0-9_.-]{3}\dQ~[A-Za-z0-9_.~-]{20,}/g;
/** Entra refresh tokens and codes are long opaque strings starting with 0. or 1. (v2) or "M." (MSA). */
const OPAQUE = /\b(?:0\.|1\.|M\.)[A-Za-z0-9_.~-]{40,}/g;
/** base64 XOAUTH2 SASL blob: "user=" base64-encodes to dXNlcj0. */
const XOAUTH2 = /\bdXNlcj[A-Za-z0-9+/=]{20,}/g;

/** A short masked preview: first 6 and last 3 characters. */
export function maskPreview(value: string): string {
  if (value.length <= 12) return '•'.repeat(Math.max(4, value.length));
  return `${value.slice(0, 6)}…${value.slice(-3)}`;
}

export function redact(text: string): string {
  return text
    .replace(JWT, (m) => `[jwt ${maskPreview(m)}]`)
    .replace(BEARER, (_m, p: string) => `${p}[redacted]`)
    .replace(KEYED, (_m, k: string, sep: string) => `${k}${sep}[redacted]`)
    .replace(AZURE_SECRET, '[secret redacted]')
    .replace(XOAUTH2, '[xoauth2 redacted]')
    .replace(OPAQUE, '[opaque token redacted]');
}
