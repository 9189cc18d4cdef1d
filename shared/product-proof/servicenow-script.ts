// Owns the ServiceNow background script that asks the product itself whose Microsoft token it holds. The admin
// runs it under System Definition > Scripts - Background; it reads the token ServiceNow stored for one email
// account and OAuth Entity Profile, decodes the access token's payload on the instance and prints only claims
// (never a token) as one marked line the app reads back (proof-block.ts). Plain ES5: the global scope's script
// engine runs no let/const, arrow functions or template literals (tests parse it with acorn, ecmaVersion 5).
//
// ServiceNow APIs it uses, from ServiceNow's API reference: sn_auth.GlideOAuthClient getToken(requestID,
// oauthProfileID) returning a GlideOAuthToken; GlideOAuthToken getAccessToken(), getRefreshToken(), getExpiresIn();
// GlideRecord addQuery/query/next/hasNext/get/getUniqueValue/getValue; gs.print. Tokens from a third-party
// provider live in OAuth Credentials [oauth_credential] linked by its oauth_requestor_profile field (support
// articles KB0791140 and KB2132135). Assumed, not found in the reference: the oauth_credential fields `type` and
// `expires` and the requestor profile's `oauth_requestor`/`oauth_entity_profile` fields the refresh token's expiry
// is read through, and the email account's User name as `user_name`; when the credential read fails the script
// prints no expiry and still prints the claims.
import { PROOF_MARKER, PROOF_CLAIMS } from './proof-format';

export interface ServiceNowScriptInput {
  /** The email account [sys_email_account]: its Name, or its sys_id (32 hex characters). */
  readonly emailAccount: string;
  /** The OAuth Entity Profile [oauth_entity_profile]: its Name, or its sys_id. */
  readonly oauthProfile: string;
}

export type ScriptInputCheck =
  { readonly ok: true } | { readonly ok: false; readonly field: keyof ServiceNowScriptInput; readonly message: string };

const MAX_NAME = 160;

/** Whether an input can go into the script: a name or sys_id, one line, not too long. */
export function checkScriptInput(input: ServiceNowScriptInput): ScriptInputCheck {
  for (const field of ['emailAccount', 'oauthProfile'] as const) {
    const v = input[field].trim();
    const what = field === 'emailAccount' ? 'The email account' : 'The OAuth Entity Profile';
    if (v.length === 0) return { ok: false, field, message: `${what} is empty: give its Name or sys_id.` };
    if (v.length > MAX_NAME) return { ok: false, field, message: `${what} is longer than ${MAX_NAME} characters.` };
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
    if (/[\u0000-\u001f\u007f\u2028\u2029]/.test(v))
      return { ok: false, field, message: `${what} contains a line break or control character.` };
  }
  return { ok: true };
}

/**
 * A JavaScript string literal that is valid ES5 for any text: JSON's escaping, plus the two line terminators
 * JSON leaves raw (U+2028, U+2029), which end a string literal in ES5.
 */
function es5String(value: string): string {
  return JSON.stringify(value)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The background script for one email account and OAuth profile. Throws on input checkScriptInput refuses. */
export function serviceNowProofScript(input: ServiceNowScriptInput): string {
  const check = checkScriptInput(input);
  if (!check.ok) throw new Error(check.message);
  const claims = PROOF_CLAIMS.map((c) => `'${c}'`).join(', ');
  return `// Mailbox Auth Helper: whose Microsoft 365 token does this instance hold for one email account?
// Run in System Definition > Scripts - Background (global scope). Read-only. It reads:
//  - the email account [sys_email_account] and the OAuth Entity Profile [oauth_entity_profile] by Name or sys_id,
//  - the stored token, through sn_auth.GlideOAuthClient().getToken(email account, OAuth profile),
//  - the refresh token's expiry from OAuth Credentials [oauth_credential].
// It decodes the access token's payload here and prints only these claims and whether a refresh token is
// stored. It never prints a token. Copy everything it prints into Mailbox Auth Helper (Inspect).
(function () {
  var EMAIL_ACCOUNT = ${es5String(input.emailAccount.trim())}; // Name or sys_id
  var OAUTH_PROFILE = ${es5String(input.oauthProfile.trim())}; // Name or sys_id
  var CLAIMS = [${claims}];
  var out = { v: 1, product: 'servicenow', emailAccount: EMAIL_ACCOUNT, oauthProfile: OAUTH_PROFILE };

  function say(extra) {
    for (var k in extra) if (extra.hasOwnProperty(k)) out[k] = extra[k];
    gs.print('${PROOF_MARKER} ' + JSON.stringify(out));
  }
  function fail(code, message) {
    say({ error: { code: code, message: message } });
  }

  // One record by sys_id, or by Name when exactly one record has it.
  function find(table, key) {
    var gr = new GlideRecord(table);
    if (/^[0-9a-f]{32}$/.test(key)) return gr.get(key) ? gr : null;
    gr.addQuery('name', key);
    gr.query();
    if (!gr.next()) return null;
    return gr.hasNext() ? 'ambiguous' : gr;
  }

  // base64url (or base64, padded or not) to text, UTF-8 decoded; written out so it needs no instance helper.
  function decodeSegment(s) {
    var abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    s = s.replace(/=+$/, '').replace(/\\+/g, '-').replace(/\\//g, '_');
    var bytes = [], buf = 0, bits = 0, i, c;
    for (i = 0; i < s.length; i++) {
      c = abc.indexOf(s.charAt(i));
      if (c < 0) throw new Error('not base64url');
      buf = (buf << 6) | c;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        bytes.push((buf >> bits) & 255);
        buf &= (1 << bits) - 1;
      }
    }
    var text = '', cp;
    for (i = 0; i < bytes.length; ) {
      c = bytes[i++];
      if (c < 128) cp = c;
      else if (c < 224) cp = ((c & 31) << 6) | (bytes[i++] & 63);
      else if (c < 240) cp = ((c & 15) << 12) | ((bytes[i++] & 63) << 6) | (bytes[i++] & 63);
      else cp = ((c & 7) << 18) | ((bytes[i++] & 63) << 12) | ((bytes[i++] & 63) << 6) | (bytes[i++] & 63);
      if (cp > 65535) {
        cp -= 65536;
        text += String.fromCharCode(55296 + (cp >> 10), 56320 + (cp & 1023));
      } else text += String.fromCharCode(cp);
    }
    return text;
  }

  var account = find('sys_email_account', EMAIL_ACCOUNT);
  if (account === 'ambiguous') return fail('NAME_AMBIGUOUS', 'Several email accounts have this name: use its sys_id.');
  if (!account) return fail('EMAIL_ACCOUNT_NOT_FOUND', 'No email account [sys_email_account] with this Name or sys_id.');
  var profile = find('oauth_entity_profile', OAUTH_PROFILE);
  if (profile === 'ambiguous') return fail('NAME_AMBIGUOUS', 'Several OAuth Entity Profiles have this name: use its sys_id.');
  if (!profile) return fail('OAUTH_PROFILE_NOT_FOUND', 'No OAuth Entity Profile with this Name or sys_id.');
  var accountId = String(account.getUniqueValue());
  var profileId = String(profile.getUniqueValue());
  out.emailAccountId = accountId;
  out.oauthProfileId = profileId;
  out.mailbox = String(account.getValue('user_name') || '');

  var token = new sn_auth.GlideOAuthClient().getToken(accountId, profileId);
  var access = token ? String(token.getAccessToken() || '') : '';
  var hasRefresh = token ? String(token.getRefreshToken() || '').length > 0 : false;
  if (!access) return fail('NO_TOKEN_STORED', 'No access token is stored for this email account and OAuth profile.');
  var parts = access.split('.');
  if (parts.length !== 3) return fail('ACCESS_TOKEN_NOT_JWT', 'The stored access token is not a readable JWT (opaque or encrypted).');
  var payload;
  try {
    payload = JSON.parse(decodeSegment(parts[1]));
  } catch (e) {
    return fail('ACCESS_TOKEN_UNREADABLE', 'The access token payload could not be decoded.');
  }
  var claims = {};
  for (var n = 0; n < CLAIMS.length; n++) if (payload[CLAIMS[n]] !== undefined) claims[CLAIMS[n]] = payload[CLAIMS[n]];
  access = null; // drop the token before anything else is read

  // The refresh token's expiry, from OAuth Credentials (field names assumed; see the app's note).
  var refreshExpires = null;
  try {
    var cred = new GlideRecord('oauth_credential');
    cred.addQuery('type', 'refresh_token');
    cred.addQuery('oauth_requestor_profile.oauth_requestor', accountId);
    cred.addQuery('oauth_requestor_profile.oauth_entity_profile', profileId);
    cred.orderByDesc('sys_updated_on');
    cred.query();
    if (cred.next()) refreshExpires = String(cred.getValue('expires') || '') || null;
  } catch (e2) {
    refreshExpires = null;
  }
  say({
    claims: claims,
    accessTokenExpiresIn: Number(token.getExpiresIn()),
    refreshToken: { stored: hasRefresh, expires: refreshExpires },
    ranAt: Math.floor(new Date().getTime() / 1000)
  });
})();
`;
}
