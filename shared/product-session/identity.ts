// Owns the clean product session's verdict on whose account the product got. The evidence comes from the main
// process (the app's own silent requests in the session's partition, and what the sign-in page sent); this
// module only weighs it, strongest first, and words the result for the admin. Whether an account is the right
// one is decided by identityVerdict (shared/tokens), exactly as for Authorize, delegate mode included.
import { identityVerdict, sameAccount } from '../tokens/identity-verdict';
import { IDENTITY_METHODS, type IdentityMethod } from './identity-methods';
import type { IdentityEvidence, ProductSessionVerdict } from './identity-schema';

/** The words of a silent method inside a sentence. */
const SILENT_WORDS: Readonly<Record<Exclude<IdentityMethod, 'sign-in-form'>, string>> = {
  'silent-code':
    'the app’s own silent sign-in for the product’s app in this session (prompt=none), redeemed with the client secret',
  'silent-id-token': 'the app’s own silent ID-token request for the product’s app in this session (prompt=none)',
};

export interface ProductIdentityInput {
  /** The account that had to sign in (login_hint); for a shared mailbox, its delegate. */
  readonly signInAccount: string;
  /** The mailbox the product opens; defaults to signInAccount. */
  readonly mailbox?: string | undefined;
  readonly evidence: readonly IdentityEvidence[];
}

const rank = (e: IdentityEvidence): number => IDENTITY_METHODS.indexOf(e.method);
const conclusive = (e: IdentityEvidence): boolean => e.outcome.kind === 'account' || e.outcome.kind === 'not-signed-in';
const accountOf = (e: IdentityEvidence | undefined): string | undefined =>
  e?.outcome.kind === 'account' ? e.outcome.account : undefined;

/** Why nothing stronger decided: each silent method's reason, in the order tried. */
function whyNotProven(evidence: readonly IdentityEvidence[]): string {
  const reasons = evidence.flatMap((e) =>
    e.method !== 'sign-in-form' && (e.outcome.kind === 'inconclusive' || e.outcome.kind === 'not-tried')
      ? [e.outcome.reason.replace(/\.$/, '')]
      : [],
  );
  return reasons.length === 0 ? '' : ` (${reasons.join('; ')})`;
}

/** The verdict the evidence supports: the strongest conclusive silent answer, else what the sign-in page sent. */
export function decideProductIdentity(input: ProductIdentityInput): ProductSessionVerdict {
  const signIn = input.signInAccount.trim();
  const mailbox = (input.mailbox ?? '').trim() || signIn;
  const evidence = [...input.evidence];
  const silent = evidence.filter((e) => e.method !== 'sign-in-form').sort((a, b) => rank(a) - rank(b));
  const hinted = silent.find((e) => e.loginHint !== undefined && conclusive(e));
  const named = silent.find((e) => e.loginHint === undefined && e.outcome.kind === 'account');
  const form = evidence.filter((e) => e.method === 'sign-in-form' && e.outcome.kind === 'account').at(-1);
  const base = { signInAccount: signIn, mailbox, evidence };

  let account: string | undefined;
  let decidedBy: IdentityMethod | undefined;
  let proof: ProductSessionVerdict['proof'] = 'none';
  let how: string;
  if (hinted?.outcome.kind === 'not-signed-in') {
    // Entra itself says the expected account is not the one signed in: a proven mismatch, even unnamed.
    decidedBy = hinted.method;
    proof = 'proven';
    const answer = `${hinted.outcome.error}${hinted.outcome.aadsts ? ` (${hinted.outcome.aadsts})` : ''}`;
    how = `Proven by ${SILENT_WORDS[hinted.method as keyof typeof SILENT_WORDS]}: asked for ${signIn}, Entra answered ${answer}, so ${signIn} is not the account signed in there.`;
    const candidates = [named, form].filter((e) => accountOf(e) !== undefined && !sameAccount(accountOf(e), signIn));
    const naming = candidates[0];
    account = accountOf(naming);
    if (naming?.method === 'sign-in-form')
      how += ` ${account} is the account the sign-in page sent (seen, not proven).`;
    else if (naming) how += ` A second silent request, without login_hint, got an ID token for ${account}.`;
    else how += ' Which account is signed in there could not be told.';
    if (account === undefined) {
      return {
        ...base,
        ok: false,
        status: 'mismatch',
        code: 'IDENTITY_MISMATCH',
        proof,
        decidedBy,
        sentence: `The product did not get tokens for ${signIn}: another account is signed in to this session.`,
        nextStep: `Press the product’s Authorize button again in this clean session and sign in as ${signIn}.`,
        how,
      };
    }
  } else if (hinted ?? named) {
    const decider = (hinted ?? named) as IdentityEvidence;
    decidedBy = decider.method;
    proof = 'proven';
    account = accountOf(decider);
    how = `Proven by ${SILENT_WORDS[decider.method as keyof typeof SILENT_WORDS]}: Entra’s ID token names ${account}.`;
  } else if (form) {
    decidedBy = 'sign-in-form';
    proof = 'observed';
    account = accountOf(form);
    how = `Only seen, not proven: ${account} is the account the sign-in page sent. The app’s own silent check could not decide${whyNotProven(evidence)}.`;
  } else {
    how = `No evidence: the app’s silent check could not decide${whyNotProven(evidence)}, and no sign-in page sent an account in this session.`;
  }

  const identity = identityVerdict({ expectedAccount: signIn, mailbox, tokenAccount: account });
  const who = account ?? '';
  const maybe = proof === 'observed' ? 'probably ' : '';
  let sentence: string;
  let nextStep = identity.nextStep;
  switch (identity.status) {
    case 'match':
      sentence = `The product ${maybe}received tokens for ${who}, the expected mailbox.`;
      nextStep =
        proof === 'observed'
          ? 'Press Test Connection in the product; to prove the account, give the client secret and authorize again.'
          : 'Press Test Connection in the product.';
      break;
    case 'delegate':
      sentence = `The product ${maybe}received tokens for ${who}, who signs in as a delegate for the mailbox ${mailbox}.`;
      break;
    case 'mismatch':
      sentence =
        sameAccount(who, mailbox) && !sameAccount(mailbox, signIn)
          ? `The product ${maybe}received tokens for the mailbox ${who} itself, not the delegate ${signIn}.`
          : `The product ${maybe}received tokens for ${who}, not ${signIn}.`;
      nextStep = `Press the product’s Authorize button again in this clean session and sign in as ${signIn}, so the product’s tokens are replaced.`;
      break;
    case 'no-account':
    case 'not-checked':
      sentence = 'The app could not tell whose account the product got.';
      nextStep =
        'Give the client secret (or pick a saved profile with its secret) so the app can check with its own silent sign-in, then press the product’s Authorize button again.';
      break;
  }
  return {
    ...base,
    ok: identity.status === 'match' || identity.status === 'delegate',
    status: identity.status,
    code: identity.code,
    proof,
    sentence,
    nextStep,
    how,
    ...(account === undefined ? {} : { account }),
    ...(decidedBy === undefined ? {} : { decidedBy }),
  };
}
