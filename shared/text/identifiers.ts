// Owns the shapes of the identifiers the app reads: GUIDs (tenant, client and object ids; trace and correlation
// ids), verified-domain names and e-mail-style accounts. Pure regular expressions, anchored where they test.

/** 8-4-4-4-12 hex digits, unanchored: for finding a GUID inside text (an issuer URL, a log line). */
export const GUID_SOURCE = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
export const GUID_RE = new RegExp(`^${GUID_SOURCE}$`, 'i');
export const isGuid = (s: string): boolean => GUID_RE.test(s);

/** The first GUID in a text, lower-cased (e.g. the tenant id inside an issuer URL). */
export function findGuid(text: string): string | undefined {
  return new RegExp(`(${GUID_SOURCE})`, 'i').exec(text)?.[1]?.toLowerCase();
}

/** A verified-domain shape: contoso.com, contoso.onmicrosoft.com, contoso.test. */
export const DOMAIN_RE = /^(?=.{3,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
export const isDomain = (s: string): boolean => DOMAIN_RE.test(s);

/** user@domain with a domain of real labels: what a mailbox or sign-in account must look like. */
export const EMAIL_RE = /^[^\s@]+@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
