// Owns the passive, weakest evidence of whose account the product got: the account name a sign-in page sends
// when the form is submitted in the session's partition. Entra's password page posts the name as `loginfmt`
// (next to `login` and `passwd`); only that name is read — never the password, and nothing else of the body.
import { MICROSOFT_LOGIN_HOSTS } from './authorize-request';

/** The names a sign-in form carries the account in, in the order they are trusted. */
const ACCOUNT_FIELDS = ['loginfmt', 'login'] as const;

const decode = (s: string): string => {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
};

/** True for a POST to a Microsoft login host (or a configured custom authority host). */
export function isSignInPost(url: string, method: string, customHosts: readonly string[] = []): boolean {
  if (method.toUpperCase() !== 'POST') return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:' || u.username !== '' || u.password !== '') return false;
  const host = u.host.toLowerCase();
  const hostname = u.hostname.toLowerCase();
  return (
    MICROSOFT_LOGIN_HOSTS.includes(hostname) ||
    customHosts.some((h) => h.toLowerCase() === host || h.toLowerCase() === hostname)
  );
}

/** The account name an url-encoded sign-in form body carries, or undefined (JSON bodies, other forms). */
export function signInFormAccount(formBody: string | undefined): string | undefined {
  if (formBody === undefined || formBody === '' || formBody.trimStart().startsWith('{')) return undefined;
  const found = new Map<string, string>();
  for (const part of formBody.split('&')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    const key = decode(part.slice(0, i));
    if ((ACCOUNT_FIELDS as readonly string[]).includes(key) && !found.has(key))
      found.set(key, decode(part.slice(i + 1)));
  }
  for (const f of ACCOUNT_FIELDS) {
    const v = found.get(f)?.trim();
    // An account name, not a token or a blob: an address-like value of sane length without spaces.
    if (v !== undefined && v.length >= 3 && v.length <= 320 && /^[^\s@]+@[^\s@]+$/.test(v)) return v;
  }
  return undefined;
}
