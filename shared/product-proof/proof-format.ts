// Owns the "product store proof" format: the one marked line a product-side script prints (today the ServiceNow
// background script, servicenow-script.ts) and its reading back from whatever the admin pasted — the script's
// whole output with ServiceNow's "*** Script: " prefixes, a log, or an e-mail. Version 1 is a marker, a space and
// one JSON object per line. Pure, no zod (the renderer's Inspect page reads it): the shape is checked by hand and
// every value is clipped, since the paste is untrusted text.

/** The marker that starts the JSON on the script's line; versioned so a later format is told apart. */
export const PROOF_MARKER = 'MAH-PRODUCT-PROOF/1';

/** The claims the script prints from the access token's payload, and no others. */
export const PROOF_CLAIMS = [
  'upn',
  'unique_name',
  'preferred_username',
  'oid',
  'tid',
  'aud',
  'scp',
  'roles',
  'appid',
  'azp',
  'iat',
  'exp',
] as const;
export type ProofClaimName = (typeof PROOF_CLAIMS)[number];

export type ProofClaims = Partial<Record<ProofClaimName, string | number | readonly string[]>>;

/** A script's report: what it read from the product's own token store. */
export interface ProductStoreProof {
  readonly product: 'servicenow';
  readonly emailAccount: string;
  readonly oauthProfile: string;
  readonly emailAccountId?: string;
  readonly oauthProfileId?: string;
  /** The email account's own User name (the mailbox the product opens), when the script read it. */
  readonly mailbox?: string;
  readonly claims: ProofClaims;
  readonly accessTokenExpiresIn?: number;
  readonly refreshToken: { readonly stored: boolean; readonly expires?: string };
  /** When the script ran, epoch seconds on the instance. */
  readonly ranAt?: number;
}

/** The script ran but could not read a token (no such account, nothing stored, an unreadable token…). */
export interface ProductStoreProofError {
  readonly product: 'servicenow';
  readonly emailAccount: string;
  readonly oauthProfile: string;
  readonly code: string;
  readonly message: string;
}

export type ProofReading =
  | { readonly kind: 'none' }
  | { readonly kind: 'proof'; readonly proof: ProductStoreProof; readonly blocks: number }
  | { readonly kind: 'script-error'; readonly error: ProductStoreProofError; readonly blocks: number }
  | { readonly kind: 'malformed'; readonly reason: string; readonly blocks: number };

const MAX_TEXT = 320;
const MAX_LIST = 100;
const MAX_LINE = 64 * 1024;

const text = (v: unknown, max = MAX_TEXT): string | undefined =>
  typeof v === 'string' ? (v.length > max ? `${v.slice(0, max - 1)}…` : v) : undefined;
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function readClaims(v: unknown): ProofClaims {
  const out: Record<string, string | number | readonly string[]> = {};
  if (!isObject(v)) return out;
  for (const name of PROOF_CLAIMS) {
    const c = v[name];
    if (typeof c === 'string') out[name] = text(c, 2000) ?? '';
    else if (typeof c === 'number' && Number.isFinite(c)) out[name] = c;
    else if (Array.isArray(c))
      out[name] = c
        .filter((x): x is string => typeof x === 'string')
        .slice(0, MAX_LIST)
        .map((x) => text(x) ?? '');
  }
  return out;
}

/** The JSON after the marker on each line that carries it (ServiceNow prefixes "*** Script: "). */
function markedLines(input: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (;;) {
    const at = input.indexOf(PROOF_MARKER, from);
    if (at < 0) return out;
    const start = at + PROOF_MARKER.length;
    let end = input.indexOf('\n', start);
    if (end < 0) end = input.length;
    out.push(input.slice(start, Math.min(end, start + MAX_LINE)).trim());
    from = end;
  }
}

/** Read a pasted script output. `none` when no marked line is in it; the first marked line is the one judged. */
export function readProductProof(input: unknown): ProofReading {
  if (typeof input !== 'string' || !input.includes(PROOF_MARKER)) return { kind: 'none' };
  const lines = markedLines(input);
  const blocks = lines.length;
  let json: unknown;
  try {
    json = JSON.parse(lines[0] ?? '');
  } catch {
    return {
      kind: 'malformed',
      blocks,
      reason: 'The line after the marker is not complete JSON: it was cut or changed while copying.',
    };
  }
  if (!isObject(json) || json['v'] !== 1 || json['product'] !== 'servicenow')
    return { kind: 'malformed', blocks, reason: 'The marked line is not a version 1 ServiceNow report.' };
  const emailAccount = text(json['emailAccount']) ?? '';
  const oauthProfile = text(json['oauthProfile']) ?? '';
  const error = json['error'];
  if (isObject(error)) {
    return {
      kind: 'script-error',
      blocks,
      error: {
        product: 'servicenow',
        emailAccount,
        oauthProfile,
        code: (text(error['code'], 64) ?? 'SCRIPT_ERROR').replace(/[^A-Z0-9_]/g, '_'),
        message: text(error['message'], 600) ?? 'The script reported an error.',
      },
    };
  }
  const refresh = isObject(json['refreshToken']) ? json['refreshToken'] : {};
  if (!isObject(json['claims']) || typeof refresh['stored'] !== 'boolean')
    return { kind: 'malformed', blocks, reason: 'The marked line has no claims or no refresh-token fact.' };
  const expires = text(refresh['expires'], 64);
  const optional = {
    emailAccountId: text(json['emailAccountId'], 64),
    oauthProfileId: text(json['oauthProfileId'], 64),
    mailbox: text(json['mailbox']) || undefined,
    accessTokenExpiresIn: num(json['accessTokenExpiresIn']),
    ranAt: num(json['ranAt']),
  };
  const proof: ProductStoreProof = {
    product: 'servicenow',
    emailAccount,
    oauthProfile,
    claims: readClaims(json['claims']),
    refreshToken: { stored: refresh['stored'], ...(expires ? { expires } : {}) },
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
  };
  return { kind: 'proof', blocks, proof };
}
