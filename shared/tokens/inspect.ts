// Owns one inspection: extract every token from a paste, decode, classify, explain each claim, run the
// checks, and sum it up in a verdict per token. Pure, never throws, returns data matching InspectionSchema.
import { firstAadstsCode } from '../explain/parse';
import { maskPreview } from '../text/redact';
import { classify } from './classify';
import { claimInfo } from './claim-dictionary';
import { DEFAULT_CLOCK_SKEW_SECONDS, checkToken, type CheckExpectations } from './checks';
import { decodeJws, decodeToken } from './decode';
import { MAX_SCAN_CHARS, extractTokens, type ExtractedToken, type Extraction } from './extract';
import { PROTOCOL_LABELS, PROTOCOL_REQUIREMENTS } from './requirements';
import { countBySeverity, finding, type Finding } from '../findings';
import type {
  ClaimRow,
  Classification,
  Expectations,
  Inspection,
  Protocol,
  ProtocolRequirement,
  TokenInspection,
} from './schema';
import { formatRelative, formatUtc, timeView } from './time-format';

export interface InspectOptions {
  readonly expectations?: Expectations | undefined;
  /** Current time in epoch seconds (defaults to the clock; pass it for repeatable results). */
  readonly nowSeconds?: number | undefined;
  /** Time zone for the "local" column (defaults to the runtime's). */
  readonly timeZone?: string | undefined;
}

const MAX_CLAIM_ROWS = 300;
const MAX_DISPLAY = 2000;

/** A requirement for a protocol, with the default scopes and roles. */
export function requirementFor(protocol: Protocol, mode: ProtocolRequirement['mode'] = 'either'): ProtocolRequirement {
  const base = PROTOCOL_REQUIREMENTS[protocol];
  return { ...base, scopes: [...base.scopes], appRoles: [...base.appRoles], mode };
}

function display(value: unknown): string {
  let s: string;
  if (typeof value === 'string') s = value;
  else {
    try {
      s = JSON.stringify(value) ?? String(value);
    } catch {
      s = String(value);
    }
  }
  return s.length > MAX_DISPLAY ? `${s.slice(0, MAX_DISPLAY)}… (${s.length} characters)` : s;
}

/**
 * One display row per claim: its value as text, its meaning and, for a time claim, UTC, local and relative to
 * nowSeconds (an inspection's checkedAt). Built where the rows are shown, not by every inspection.
 */
export function claimRows(claims: Record<string, unknown>, nowSeconds: number, timeZone?: string): ClaimRow[] {
  const rows: ClaimRow[] = [];
  for (const [name, value] of Object.entries(claims)) {
    if (rows.length >= MAX_CLAIM_ROWS) break;
    const info = claimInfo(name);
    const row: ClaimRow = {
      name: name.slice(0, 200),
      display: display(value),
      meaning: info.meaning,
      known: info.known,
    };
    rows.push(
      info.isTime && typeof value === 'number' && Number.isFinite(value)
        ? { ...row, time: timeView(value, nowSeconds, timeZone) }
        : row,
    );
  }
  return rows;
}

function describe(c: Classification): string {
  const kind = c.tokenType === 'id' ? 'ID token' : c.tokenType === 'access' ? 'access token' : 'Token';
  const model =
    c.tokenType === 'access'
      ? c.permissionModel === 'delegated'
        ? 'Delegated '
        : c.permissionModel === 'app-only'
          ? 'App-only '
          : 'An '
      : c.tokenType === 'id'
        ? 'An '
        : '';
  const version = c.version === 'unknown' ? '' : ` (v${c.version})`;
  const target = c.tokenType === 'id' ? '' : c.resource === 'none' ? '' : ` for ${c.resourceLabel}`;
  const who = c.account
    ? `, account ${c.account}`
    : c.permissionModel === 'app-only' && c.clientId
      ? `, app ${c.clientId}`
      : '';
  return `${model}${kind}${version}${target}${who}`;
}

function verdictFor(
  c: Classification,
  claims: Record<string, unknown>,
  findings: readonly Finding[],
  nowSeconds: number,
  hasRequirement: string | undefined,
): string {
  const exp = typeof claims['exp'] === 'number' ? claims['exp'] : undefined;
  const when =
    exp === undefined
      ? 'no expiry'
      : exp <= nowSeconds
        ? `expired ${formatRelative(exp, nowSeconds)} (${formatUtc(exp)})`
        : `valid until ${formatUtc(exp)} (${formatRelative(exp, nowSeconds)})`;
  const head = `${describe(c)}, ${when}.`;
  const firstError = findings.find((x) => x.severity === 'error');
  if (firstError) return `${head} Problem: ${firstError.message}`;
  const warn = findings.find((x) => x.severity === 'warning');
  const fits = hasRequirement ? ` Fits ${hasRequirement}.` : '';
  const tail = warn ? ` Check: ${warn.message}` : '';
  return `${head}${fits}${tail}`;
}

function inspectOne(
  t: ExtractedToken,
  index: number,
  ex: Extraction,
  opts: {
    now: number;
    skew: number;
    tz: string | undefined;
    exp: CheckExpectations;
    hasAccess: boolean;
    reqLabel: string | undefined;
  },
): TokenInspection {
  // Extraction already normalised the value and took its shape; a JWS goes straight to the decoder.
  const decoded = t.format === 'jwt' ? decodeJws(t.value) : decodeToken(t.value);
  if (!decoded.ok) {
    const base = { index, origin: t.origin, role: t.role, preview: maskPreview(t.value), length: t.value.length };
    const findings: Finding[] = [];
    if (decoded.format === 'opaque') {
      const isRefresh = t.role === 'refresh_token';
      findings.push(
        finding(
          'info',
          'TOKEN_OPAQUE',
          isRefresh
            ? 'The refresh token is opaque by design: only Entra ID can read it (it lasts up to 90 days of inactivity).'
            : 'This token is opaque (not a JWT): only its issuer can read it, so its claims cannot be shown.',
          isRefresh
            ? 'Keep it secret; the product redeems it for new access tokens.'
            : 'Paste the access_token or id_token from the token response to see its claims.',
        ),
      );
    } else if (decoded.format === 'jwe') {
      findings.push(
        finding(
          'warning',
          'TOKEN_ENCRYPTED',
          decoded.reason,
          'Encrypted tokens are meant for the API only; inspect the id_token or check the API’s response instead.',
        ),
      );
    } else {
      findings.push(
        finding(
          'error',
          'TOKEN_MALFORMED',
          decoded.reason,
          'Copy the token again in full (no line breaks, no ellipsis) and paste it here.',
        ),
      );
    }
    return {
      ...base,
      format: decoded.format,
      ...(decoded.header ? { header: decoded.header } : {}),
      findings,
      verdict: findings[0]?.message ?? 'Not a readable token.',
      signature: { status: 'not-applicable', reason: 'Only signed JWTs can be verified.' },
    };
  }
  const classification = classify(decoded.header, decoded.claims, t.role);
  const findings = checkToken(decoded.header, decoded.claims, classification, {
    nowSeconds: opts.now,
    clockSkewSeconds: opts.skew,
    expectations: opts.exp,
    xoauth2User: ex.xoauth2User !== undefined && t.role === 'access_token' ? ex.xoauth2User : undefined,
    inputHasAccessToken: opts.hasAccess,
  });
  const byDesign =
    classification.headerNonce ||
    (classification.tokenType === 'access' &&
      (classification.resource === 'graph' || classification.resource === 'outlook'));
  // Written out, not spread from a shared base: a spread copies key by key on every token (issue 22). No display rows:
  // claimRows(claims, checkedAt) builds them where they are shown (the Inspect page, the CLI's output), since their
  // meanings and formatted times cost more than the whole inspection and most callers never read them.
  return {
    index,
    origin: t.origin,
    role: t.role,
    preview: maskPreview(t.value),
    length: t.value.length,
    format: 'jwt',
    header: decoded.header,
    claims: decoded.claims,
    classification,
    findings,
    verdict: verdictFor(
      classification,
      decoded.claims,
      findings,
      opts.now,
      classification.tokenType === 'access' ? opts.reqLabel : undefined,
    ),
    signature: byDesign
      ? {
          status: 'not-verifiable-by-design',
          reason: 'Not verifiable by clients by design — claims checked, signature not.',
        }
      : { status: 'unchecked', reason: 'Signature not checked yet: verification needs the issuer’s published keys.' },
  };
}

function inputFindings(ex: Extraction, tokens: readonly TokenInspection[], e: Expectations): Finding[] {
  const out: Finding[] = [];
  if (ex.kind === 'empty') {
    out.push(
      finding(
        'error',
        'INPUT_EMPTY',
        'Nothing was pasted.',
        'Paste a token, a Bearer header, a token response (JSON), an XOAUTH2 blob or a log line.',
      ),
    );
  } else if (ex.tokens.length === 0 && !ex.tokenResponse?.error) {
    out.push(
      finding(
        'error',
        'INPUT_NO_TOKEN',
        'No token found: no JWT (eyJ….….…), token response, XOAUTH2 blob or opaque token in the input.',
        'Paste the access or ID token itself, a whole token response, or the log line that contains it.',
      ),
    );
  }
  if (ex.cut === true) {
    out.push(
      finding(
        'warning',
        'INPUT_TRUNCATED',
        `The input has ${ex.length.toLocaleString('en-US')} characters; only the first ${MAX_SCAN_CHARS.toLocaleString('en-US')} were read, and a word cut at that point was not taken for a token.`,
        'Paste only the token, the token response or the log lines around it.',
      ),
    );
  }
  if (ex.dropped > 0) {
    out.push(
      finding(
        'info',
        'INPUT_TOO_MANY_TOKENS',
        `Found ${ex.tokens.length + ex.dropped} tokens; showing the first ${ex.tokens.length}.`,
        'Paste a smaller part of the log to inspect the others.',
      ),
    );
  }
  const r = ex.tokenResponse;
  if (r?.error) {
    const code = firstAadstsCode(r.errorDescription?.slice(0, 2000) ?? '');
    const aadsts = code === undefined ? undefined : `AADSTS${code}`;
    out.push(
      finding(
        'error',
        'TOKEN_RESPONSE_ERROR',
        `The token endpoint refused: ${r.error}${aadsts ? ` (${aadsts})` : ''}${r.errorDescription ? ` — ${r.errorDescription.split(/\r?\n/)[0]?.slice(0, 300) ?? ''}` : ''}.`,
        aadsts
          ? `Look up ${aadsts} in Explain for the cause and fix.`
          : 'Fix the request the error names and try again.',
        { field: 'error' },
      ),
    );
  }
  const delegated = tokens.some((t) => t.classification?.permissionModel === 'delegated');
  if (
    r &&
    !r.error &&
    !r.hasRefreshToken &&
    (e.expectRefreshToken === true || (e.expectRefreshToken === undefined && delegated))
  ) {
    const scopeNote =
      r.scope && !r.scope.some((s) => s.toLowerCase() === 'offline_access')
        ? ' and offline_access is not among the granted scopes'
        : '';
    out.push(
      finding(
        e.expectRefreshToken ? 'error' : 'warning',
        'REFRESH_TOKEN_MISSING',
        `The response has no refresh token${scopeNote}, so the product will lose access within the hour.`,
        'Add offline_access to the product’s scopes (space-separated) and authorize again.',
        { field: 'refresh_token' },
      ),
    );
  }
  return out;
}

/** Inspect one paste. Never throws; unusable input gives an INPUT_* error finding and no tokens. */
export function inspectInput(input: unknown, options: InspectOptions = {}): Inspection {
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  const e: Expectations = options.expectations ?? {};
  const skew = e.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS;
  const ex = extractTokens(input);
  const hasAccess = ex.tokens.some((t) => t.role === 'access_token');
  const exp: CheckExpectations = e;
  const reqLabel = e.requirement ? PROTOCOL_LABELS[e.requirement.protocol] : undefined;
  const tokens = ex.tokens.map((t, i) =>
    inspectOne(t, i, ex, { now, skew, tz: options.timeZone, exp, hasAccess, reqLabel }),
  );
  const findings = inputFindings(ex, tokens, e);
  // Counted list by list: joining them first copied every finding of every token once more.
  const counts = countBySeverity(findings);
  for (const t of tokens) for (const f of t.findings) counts[f.severity] += 1;
  // Optional keys set only when present, in the schema's order; assigned, not spread from throw-away objects.
  const out = { input: { kind: ex.kind, length: ex.length, truncated: ex.dropped > 0 || ex.cut === true } } as {
    -readonly [K in keyof Inspection]: Inspection[K];
  };
  if (ex.xoauth2User !== undefined) out.xoauth2User = ex.xoauth2User;
  if (ex.tokenResponse) out.tokenResponse = ex.tokenResponse;
  out.tokens = tokens;
  out.findings = findings;
  out.errorCount = counts.error;
  out.warningCount = counts.warning;
  out.clockSkewSeconds = skew;
  out.checkedAt = now;
  return out;
}

/** True when any finding (input-level or per token) is an error: the CLI's exit code 1. */
export function hasErrors(i: Inspection): boolean {
  return i.errorCount > 0;
}
