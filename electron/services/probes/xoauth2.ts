// The XOAUTH2 SASL initial response Exchange expects for IMAP, POP and SMTP:
// base64("user=" + mailbox + ^A + "auth=Bearer " + token + ^A^A).
import { codedError } from '../errors';

export function xoauth2InitialResponse(user: string, accessToken: string): string {
  // A control character in either part would let one field smuggle another (or a CRLF a second command).
  const hasControl = (v: string): boolean => [...v].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
  if (hasControl(user) || hasControl(accessToken) || /\s/.test(accessToken)) {
    throw codedError('PROBE_BAD_INPUT');
  }
  return Buffer.from(`user=${user}\x01auth=Bearer ${accessToken}\x01\x01`, 'utf8').toString('base64');
}

/** Decodes the base64 JSON error some servers send as a "+ " challenge after a refused XOAUTH2 (for display). */
export function decodeXoauth2Challenge(b64: string): string | undefined {
  // Length first: every pattern below then runs on at most 4 KiB of the server's bytes.
  if (b64.length > 4096 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) return undefined;
  const text = Buffer.from(b64, 'base64').toString('utf8');
  return /^\s*\{[\s\S]*\}\s*$/.test(text) ? text.trim() : undefined;
}
