// Recognising Entra's sign-in error page (sign-in-error-page.ts): the documented shape is read as an error with its
// AADSTS code and sentence (entraSentence keeps only Entra's words, and the sign-in-page error's title is that sentence); a sign-in form with an inline error, another host's page or a page without a code is not.
import { describe, expect, it } from 'vitest';
import { entraSentence, oauthError } from '../../../../../electron/services/authorize/authorize-service';
import { readSignInErrorPage } from '../../../../../electron/services/authorize/sign-in-error-page';

const AUTHORIZE = 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize?client_id=x';
const PAGE_TEXT = [
  'Sign in',
  'Sorry, but we’re having trouble signing you in.',
  "AADSTS50011: The redirect URI 'https://acme.service-now.com/oauth_redirect.do/' specified in the request does not match the redirect URIs configured for the application '1111'.",
  'Troubleshooting details',
  'Request Id: 0b2c…',
  'Correlation Id: 9f1e…',
  'Timestamp: 2026-12-02T02:00:00Z',
  'Message: AADSTS50011: The redirect URI …',
].join('\n');

describe('readSignInErrorPage', () => {
  it('reads the code, Entra’s sentence and the troubleshooting lines off the error page at the authority', () => {
    const page = readSignInErrorPage(
      {
        url: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize',
        text: PAGE_TEXT,
        hasCredentialField: false,
      },
      AUTHORIZE,
    );
    expect(page).toMatchObject({ code: 'AADSTS50011', host: 'login.microsoftonline.com' });
    expect(page?.message).toMatch(/^AADSTS50011: The redirect URI 'https:\/\/acme/);
    expect(page?.details.split('\n')).toEqual([
      'Request Id: 0b2c…',
      'Correlation Id: 9f1e…',
      'Timestamp: 2026-12-02T02:00:00Z',
    ]);
  });

  it('is not an end while the page still offers a sign-in field (an inline error the admin can correct)', () => {
    const snapshot = { url: AUTHORIZE, text: PAGE_TEXT, hasCredentialField: true };
    expect(readSignInErrorPage(snapshot, AUTHORIZE)).toBeUndefined();
  });

  it('ignores another host’s page (a federated IdP, the product) and a page without a code at a line start', () => {
    expect(
      readSignInErrorPage(
        { url: 'https://adfs.contoso.com/adfs/ls', text: PAGE_TEXT, hasCredentialField: false },
        AUTHORIZE,
      ),
    ).toBeUndefined();
    expect(
      readSignInErrorPage(
        { url: AUTHORIZE, text: 'Sign in\nEnter password\nSee AADSTS50126 in the help.', hasCredentialField: false },
        AUTHORIZE,
      ),
    ).toBeUndefined();
  });
});

describe('entraSentence', () => {
  it('keeps Entra’s sentence and drops the code label and the support ids, from MSAL’s wrapper and from the page', () => {
    const msal =
      'Error(s): 7000215 - Timestamp: 2026-12-02 02:00:00Z - Description: AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID. Trace ID: abc Correlation ID: def Timestamp: 2026-12-02 02:00:00Z - Correlation ID: def - Trace ID: abc';
    expect(entraSentence(msal, 7000215)).toBe(
      'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.',
    );
    const page =
      "AADSTS50011: The redirect URI 'x/' specified in the request does not match. Request Id: 1 Correlation Id: 2 Timestamp: 3";
    expect(entraSentence(page, 50011)).toBe("The redirect URI 'x/' specified in the request does not match.");
  });
});

describe('oauthError for the sign-in page', () => {
  it('titles the error with Entra’s sentence alone; the Request Id and Correlation Id stay in the detail', () => {
    const page = readSignInErrorPage({ url: AUTHORIZE, text: PAGE_TEXT, hasCredentialField: false }, AUTHORIZE);
    if (page === undefined) throw new Error('the error page was not read');
    // What the authorize flow passes: the page's message and its troubleshooting lines.
    const e = oauthError('error-page', [page.message, page.details].join('\n'), 'sign-in-page');
    expect(e.code).toBe('AADSTS50011');
    expect(e.message).toBe(
      "The redirect URI 'https://acme.service-now.com/oauth_redirect.do/' specified in the request does not match the redirect URIs configured for the application '1111'.",
    );
    expect(e.message).not.toMatch(/Request Id|Correlation Id|Timestamp/i);
    expect(e.detail).toContain('Request Id: 0b2c…');
    expect(e.detail).toContain('Correlation Id: 9f1e…');
  });
});
