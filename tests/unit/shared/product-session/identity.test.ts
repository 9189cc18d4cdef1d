// The product session's verdict on whose account the product got: the strongest conclusive evidence decides,
// identityVerdict judges the account (delegate mode included), a proven mismatch stays red even when nobody can
// name the other account, what the sign-in page sent only ever makes an "observed" verdict, and the passive
// reader takes the account name from a sign-in form and nothing else.
import { describe, expect, it } from 'vitest';
import {
  decideProductIdentity,
  isSignInPost,
  ProductSessionVerdictSchema,
  signInFormAccount,
  type IdentityEvidence,
} from '../../../../shared/product-session';

const SD = 'servicedesk@contoso.test';
const ADELE = 'adele@contoso.test';
const DELEGATE = 'helpdesk-delegate@contoso.test';
const SHARED = 'support@contoso.test';

const code = (hint: string | undefined, outcome: IdentityEvidence['outcome']): IdentityEvidence => ({
  method: 'silent-code',
  ...(hint === undefined ? {} : { loginHint: hint }),
  outcome,
});
const idTok = (hint: string | undefined, outcome: IdentityEvidence['outcome']): IdentityEvidence => ({
  method: 'silent-id-token',
  ...(hint === undefined ? {} : { loginHint: hint }),
  outcome,
});
const form = (account?: string): IdentityEvidence => ({
  method: 'sign-in-form',
  outcome: account === undefined ? { kind: 'not-tried', reason: 'nothing posted' } : { kind: 'account', account },
});
const account = (a: string) => ({ kind: 'account', account: a, signature: 'valid' }) as const;
const notSignedIn = { kind: 'not-signed-in', error: 'login_required', aadsts: 'AADSTS50058' } as const;
const noSecret = { kind: 'not-tried', reason: 'No client secret was given' } as const;

describe('decideProductIdentity', () => {
  it('green, proven: the silent sign-in’s ID token names the expected mailbox', () => {
    const v = decideProductIdentity({ signInAccount: SD, evidence: [code(SD, account(SD)), form(SD)] });
    expect(v).toMatchObject({
      ok: true,
      status: 'match',
      code: 'IDENTITY_MATCH',
      proof: 'proven',
      decidedBy: 'silent-code',
      account: SD,
      sentence: `The product received tokens for ${SD}, the expected mailbox.`,
    });
    expect(v.how).toContain('redeemed with the client secret');
    expect(ProductSessionVerdictSchema.safeParse(v).success).toBe(true);
  });

  it('red, proven, naming both: login_required for the mailbox, and a second silent request names adele', () => {
    const v = decideProductIdentity({
      signInAccount: SD,
      evidence: [code(SD, notSignedIn), code(undefined, account(ADELE)), form(ADELE)],
    });
    expect(v).toMatchObject({
      ok: false,
      status: 'mismatch',
      code: 'IDENTITY_MISMATCH',
      proof: 'proven',
      decidedBy: 'silent-code',
      account: ADELE,
      sentence: `The product received tokens for ${ADELE}, not ${SD}.`,
    });
    expect(v.how).toContain('login_required (AADSTS50058)');
    expect(v.how).toContain(`got an ID token for ${ADELE}`);
    expect(v.nextStep).toBe(
      `Press the product’s Authorize button again in this clean session and sign in as ${SD}, so the product’s tokens are replaced.`,
    );
  });

  it('a proven mismatch stays red when only the sign-in page names the other account, and when nothing does', () => {
    const named = decideProductIdentity({ signInAccount: SD, evidence: [idTok(SD, notSignedIn), form(ADELE)] });
    expect(named).toMatchObject({ ok: false, status: 'mismatch', decidedBy: 'silent-id-token', account: ADELE });
    expect(named.how).toContain('seen, not proven');
    // The form said servicedesk, Entra says servicedesk is not signed in: Entra wins, and nobody is named.
    const unnamed = decideProductIdentity({ signInAccount: SD, evidence: [idTok(SD, notSignedIn), form(SD)] });
    expect(unnamed).toMatchObject({ ok: false, status: 'mismatch', proof: 'proven' });
    expect(unnamed.account).toBeUndefined();
    expect(unnamed.sentence).toBe(
      `The product did not get tokens for ${SD}: another account is signed in to this session.`,
    );
  });

  it('delegate mode as in Authorize: the delegate is green naming both; the shared mailbox itself is red', () => {
    const ok = decideProductIdentity({
      signInAccount: DELEGATE,
      mailbox: SHARED,
      evidence: [code(DELEGATE, account(DELEGATE))],
    });
    expect(ok).toMatchObject({ ok: true, status: 'delegate', code: 'DELEGATE_MODE', account: DELEGATE });
    expect(ok.sentence).toBe(
      `The product received tokens for ${DELEGATE}, who signs in as a delegate for the mailbox ${SHARED}.`,
    );
    expect(ok.nextStep).toContain(`user=${SHARED}`);
    const wrong = decideProductIdentity({
      signInAccount: DELEGATE,
      mailbox: SHARED,
      evidence: [code(DELEGATE, account(SHARED))],
    });
    expect(wrong).toMatchObject({ ok: false, status: 'mismatch' });
    expect(wrong.sentence).toBe(
      `The product received tokens for the mailbox ${SHARED} itself, not the delegate ${DELEGATE}.`,
    );
  });

  it('strongest first: the code check outranks the ID-token check and the sign-in page, whatever the order given', () => {
    const v = decideProductIdentity({
      signInAccount: SD,
      evidence: [form(SD), idTok(SD, account(SD)), code(SD, account(ADELE))],
    });
    expect(v).toMatchObject({ decidedBy: 'silent-code', account: ADELE, status: 'mismatch' });
    // An identity provider that ignores login_hint and answers for whoever is signed in is still judged.
    expect(decideProductIdentity({ signInAccount: SD, evidence: [idTok(SD, account(ADELE))] })).toMatchObject({
      status: 'mismatch',
      account: ADELE,
    });
  });

  it('only the sign-in page: an observed verdict that says "probably" and why nothing stronger decided', () => {
    const v = decideProductIdentity({
      signInAccount: SD,
      evidence: [
        code(SD, noSecret),
        idTok(SD, { kind: 'inconclusive', code: 'AADSTS700054', reason: 'ID tokens via implicit grant are off.' }),
        form(SD),
      ],
    });
    expect(v).toMatchObject({ ok: true, status: 'match', proof: 'observed', decidedBy: 'sign-in-form' });
    expect(v.sentence).toBe(`The product probably received tokens for ${SD}, the expected mailbox.`);
    expect(v.how).toContain('Only seen, not proven');
    expect(v.how).toContain('(No client secret was given; ID tokens via implicit grant are off)');
    expect(v.nextStep).toContain('give the client secret');
    const wrong = decideProductIdentity({ signInAccount: SD, evidence: [code(SD, noSecret), form(ADELE)] });
    expect(wrong).toMatchObject({ ok: false, status: 'mismatch', proof: 'observed' });
    expect(wrong.sentence).toBe(`The product probably received tokens for ${ADELE}, not ${SD}.`);
  });

  it('no evidence at all: not green, and the next step says how to get a proof', () => {
    const v = decideProductIdentity({ signInAccount: SD, evidence: [code(SD, noSecret), form()] });
    expect(v).toMatchObject({ ok: false, status: 'no-account', code: 'IDENTITY_UNKNOWN', proof: 'none' });
    expect(v.account).toBeUndefined();
    expect(v.sentence).toBe('The app could not tell whose account the product got.');
    expect(v.nextStep).toContain('client secret');
  });
});

describe('the sign-in page’s account (passive evidence)', () => {
  it('reads loginfmt (Entra) or login from a form posted to a login host; never anything else of the body', () => {
    const body = 'i13=0&login=adele%40contoso.test&loginfmt=adele%40contoso.test&type=11&passwd=Secret%21Pass1&ctx=abc';
    expect(signInFormAccount(body)).toBe(ADELE);
    expect(signInFormAccount('flow=x&login=servicedesk%40contoso.test&passwd=p')).toBe(SD);
    expect(JSON.stringify(signInFormAccount(body))).not.toContain('Secret');
    for (const none of [undefined, '', '{"username":"adele@contoso.test"}', 'passwd=x', 'loginfmt=not+an+address']) {
      expect(signInFormAccount(none), String(none)).toBeUndefined();
    }
  });

  it('only POSTs to Microsoft login hosts or a configured custom authority count', () => {
    expect(isSignInPost('https://login.microsoftonline.com/common/login', 'POST')).toBe(true);
    expect(isSignInPost('https://login.microsoftonline.com/common/login', 'GET')).toBe(false);
    expect(isSignInPost('https://acme.service-now.example/login.do', 'POST')).toBe(false);
    expect(isSignInPost('https://localhost:8443/contoso.test/login', 'POST')).toBe(false);
    expect(isSignInPost('https://localhost:8443/contoso.test/login', 'POST', ['localhost:8443'])).toBe(true);
    expect(isSignInPost('https://user@login.microsoftonline.com/x', 'POST')).toBe(false);
  });
});
