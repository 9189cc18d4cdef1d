// Owns the judgement of a product store proof: whose account the token the product holds speaks for, decided by
// the same identityVerdict (shared/tokens) as Authorize and the clean product session, delegate mode included,
// worded so the admin sees the proof came from the product's own token store. Plus what else the claims say that
// matters to a mailbox (audience, scopes, refresh token). Pure and zod-free, for the renderer.
import { finding, type Finding, type Severity } from '../findings';
import { accountOf, audiences, resourceOfAudience, rolesOf, scopesOf } from '../tokens/classify';
import { identityVerdict, type IdentityStatus } from '../tokens/identity-verdict';
import { formatUtc } from '../tokens/time-format';
import type { ProductStoreProof, ProductStoreProofError, ProofReading } from './proof-format';

export interface ProofExpectations {
  /** The account that should have signed in (for a shared mailbox: the delegate). */
  readonly expectedAccount?: string | undefined;
  /** The mailbox the product opens; defaults to expectedAccount, then to the email account's own User name. */
  readonly mailbox?: string | undefined;
}

export interface ProofFact {
  readonly label: string;
  readonly value: string;
}

export interface ProofVerdict {
  /** Green: the product holds a token for the mailbox (or its delegate). */
  readonly ok: boolean;
  readonly severity: Severity;
  /** identityVerdict's code, or PROOF_SCRIPT_ERROR / PROOF_MALFORMED when nothing could be judged. */
  readonly code: string;
  readonly status: IdentityStatus | 'unreadable';
  /** Where the proof came from, in the admin's words: ServiceNow's own token store for one email account. */
  readonly source: string;
  readonly sentence: string;
  readonly nextStep: string;
  /** Whose account the stored token speaks for. */
  readonly account?: string;
  /** The account it was judged against and where that came from (typed in, or the email account's User name). */
  readonly judgedAgainst?: string;
  readonly facts: readonly ProofFact[];
  readonly findings: readonly Finding[];
}

const PRODUCT_LABEL = 'ServiceNow';
const SOURCE_PREFIX = `Proof from ${PRODUCT_LABEL}’s own token store`;

function sourceOf(p: { emailAccount: string; oauthProfile: string }): string {
  return `${PRODUCT_LABEL}’s own token store (email account “${p.emailAccount}”, OAuth Entity Profile “${p.oauthProfile}”), read by the background script`;
}

/** What to do about each error the script can print. */
const SCRIPT_ERROR_NEXT: Readonly<Record<string, string>> = {
  EMAIL_ACCOUNT_NOT_FOUND:
    'Copy the email account’s Name from System Mailboxes > Email Accounts (or its sys_id) and generate the script again.',
  OAUTH_PROFILE_NOT_FOUND:
    'Copy the OAuth Entity Profile’s Name from the Application Registry record (or its sys_id) and generate the script again.',
  NAME_AMBIGUOUS: 'Use the record’s sys_id (right-click the form header > Copy sys_id) and generate the script again.',
  NO_TOKEN_STORED:
    'Authorize the email account in ServiceNow first (Authorize Email Account Access, in a clean session), then run the script again.',
  ACCESS_TOKEN_NOT_JWT:
    'Check that the OAuth profile requests Outlook or Graph scopes (full https://outlook.office.com/… URIs); then authorize again.',
  ACCESS_TOKEN_UNREADABLE: 'Run the script again; if it repeats, authorize the email account again.',
};

function unreadable(code: string, source: string, sentence: string, nextStep: string): ProofVerdict {
  return {
    ok: false,
    severity: 'error',
    code,
    status: 'unreadable',
    source,
    sentence,
    nextStep,
    facts: [],
    findings: [],
  };
}

export function judgeScriptError(e: ProductStoreProofError): ProofVerdict {
  return unreadable(
    'PROOF_SCRIPT_ERROR',
    sourceOf(e),
    `${SOURCE_PREFIX}: the script could not read a token — ${e.message.replace(/\.$/, '')} (${e.code}).`,
    SCRIPT_ERROR_NEXT[e.code] ?? 'Fix what the script names and run it again.',
  );
}

const list = (v: unknown): string => (Array.isArray(v) ? v.join(' ') : typeof v === 'string' ? v : String(v ?? ''));

function factsOf(p: ProductStoreProof, account: string | undefined, nowSeconds: number): ProofFact[] {
  const c = p.claims as Record<string, unknown>;
  const facts: ProofFact[] = [];
  const add = (label: string, value: string | undefined): void => {
    if (value !== undefined && value !== '') facts.push({ label, value });
  };
  add('Signed-in account (token)', account);
  add('Email account User name', p.mailbox);
  add('Object ID (oid)', list(c['oid']) || undefined);
  add('Tenant ID (tid)', list(c['tid']) || undefined);
  const aud = audiences(c);
  add('Audience (aud)', aud.length ? aud.map((a) => `${a} — ${resourceOfAudience(a).label}`).join(', ') : undefined);
  add('Delegated permissions (scp)', scopesOf(c).join(' ') || undefined);
  add('Application permissions (roles)', rolesOf(c).join(' ') || undefined);
  add('Application (client) ID', list(c['appid'] ?? c['azp']) || undefined);
  const iat = typeof c['iat'] === 'number' ? c['iat'] : undefined;
  const exp = typeof c['exp'] === 'number' ? c['exp'] : undefined;
  if (iat !== undefined) add('Access token issued', formatUtc(iat));
  if (exp !== undefined)
    add('Access token expires', `${formatUtc(exp)}${exp <= nowSeconds ? ' (expired; ServiceNow refreshes it)' : ''}`);
  add(
    'Refresh token stored',
    p.refreshToken.stored ? `yes${p.refreshToken.expires ? `, expires ${p.refreshToken.expires}` : ''}` : 'no',
  );
  return facts;
}

function claimFindings(p: ProductStoreProof): Finding[] {
  const out: Finding[] = [];
  const c = p.claims as Record<string, unknown>;
  if (!p.refreshToken.stored) {
    out.push(
      finding(
        'error',
        'REFRESH_TOKEN_MISSING',
        `${PRODUCT_LABEL} stores no refresh token for this email account, so it loses the mailbox within the hour.`,
        'Add offline_access to the OAuth Entity Profile Scopes and authorize the email account again.',
        { field: 'refresh_token' },
      ),
    );
  }
  const aud = audiences(c);
  if (aud.length > 0 && !aud.some((a) => resourceOfAudience(a).resource !== 'other')) {
    out.push(
      finding(
        'error',
        'AUDIENCE_NOT_MAIL',
        `The stored token is for ${resourceOfAudience(aud[0] ?? '').label}, not Outlook (IMAP/SMTP) or Microsoft Graph.`,
        'Use full scope URIs (https://outlook.office.com/IMAP.AccessAsUser.All …) in the OAuth Entity Profile Scopes and authorize again.',
        { field: 'aud' },
      ),
    );
  }
  return out;
}

/** Judge a proof with the identity verdict. Without an expected account, the email account's User name is used. */
export function judgeProductProof(
  proof: ProductStoreProof,
  expectations: ProofExpectations = {},
  nowSeconds: number = Math.floor(Date.now() / 1000),
): ProofVerdict {
  const typed = expectations.expectedAccount?.trim() || undefined;
  const typedMailbox = expectations.mailbox?.trim() || undefined;
  const fromRecord = typed === undefined && typedMailbox === undefined ? proof.mailbox : undefined;
  const expectedAccount = typed ?? fromRecord;
  const mailbox = typedMailbox ?? typed ?? fromRecord;
  const account = accountOf(proof.claims as Record<string, unknown>)?.account;
  const identity = identityVerdict({ expectedAccount, mailbox, tokenAccount: account });
  const source = sourceOf(proof);
  const findings = claimFindings(proof);
  const facts = factsOf(proof, account, nowSeconds);
  const against =
    expectedAccount === undefined
      ? undefined
      : fromRecord !== undefined
        ? `${fromRecord} (the email account’s User name)`
        : expectedAccount;
  const okIdentity = identity.status === 'match' || identity.status === 'delegate';
  const severity: Severity =
    identity.severity === 'error' || findings.some((f) => f.severity === 'error') ? 'error' : identity.severity;
  const nextStep =
    identity.status === 'mismatch'
      ? `In ${PRODUCT_LABEL}, press Authorize Email Account Access again in a clean session (this app’s product session) and sign in as ${expectedAccount ?? ''}, so the stored tokens are replaced; then run the script again.`
      : identity.status === 'match' || identity.status === 'delegate'
        ? (findings[0]?.nextStep ?? 'Nothing to do: press Test Connection on the email account.')
        : identity.nextStep;
  return {
    ok: okIdentity && !findings.some((f) => f.severity === 'error'),
    severity,
    code: identity.code,
    status: identity.status,
    source,
    sentence: `${SOURCE_PREFIX}: ${identity.sentence}`,
    nextStep,
    ...(account === undefined ? {} : { account }),
    ...(against === undefined ? {} : { judgedAgainst: against }),
    facts,
    findings,
  };
}

/** Judge whatever a paste held: a proof, a script error or a damaged block. Undefined when it holds none. */
export function judgeProofReading(
  reading: ProofReading,
  expectations: ProofExpectations = {},
  nowSeconds?: number,
): ProofVerdict | undefined {
  switch (reading.kind) {
    case 'none':
      return undefined;
    case 'proof':
      return judgeProductProof(reading.proof, expectations, nowSeconds);
    case 'script-error':
      return judgeScriptError(reading.error);
    case 'malformed':
      return unreadable(
        'PROOF_MALFORMED',
        `${PRODUCT_LABEL}’s background script output`,
        `The pasted script output could not be read: ${reading.reason}`,
        'Copy the script’s whole output again, from the first "*** Script:" line to the last, and paste it here.',
      );
  }
}
