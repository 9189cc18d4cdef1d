// Recognises Entra's sign-in error page in the sign-in window, so a flow that can never reach the redirect URI
// (an unregistered redirect URI, an unknown app or tenant, a user from another directory) ends at once with that
// AADSTS code instead of "waiting for you to sign in" until the admin closes the window. Pure: each AuthBrowser
// (electron/platform/isolated-browser.ts, the harness's) reads the loaded page's visible text and hands it here.
//
// The page's shape is the one Microsoft documents for these errors ("Error AADSTS50011: The redirect URI specified
// in the request does not match", MicrosoftDocs/SupportArticles-docs, support/azure/active-directory/
// error-code-AADSTS50011-redirect-uri-mismatch.md): shown by the authority itself (the login host the authorize
// request went to), "Sorry, but we’re having trouble signing you in.", the AADSTS code followed by Entra's sentence
// on one line, and "Troubleshooting details" (Request Id, Correlation Id, Timestamp). A page that still offers a
// username or password field is a sign-in page with an inline error the admin can correct, not an end.

/** What an AuthBrowser reads off a loaded main-frame page. */
export interface SignInPageSnapshot {
  readonly url: string;
  /** The page's visible text (document.body.innerText), at most MAX_PAGE_TEXT characters are read. */
  readonly text: string;
  /** Whether a visible username or password input is on the page. */
  readonly hasCredentialField: boolean;
}

export interface SignInErrorPage {
  /** AADSTS50011 */
  readonly code: string;
  /** Entra's sentence: "AADSTS50011: The redirect URI '…' specified in the request does not match …" */
  readonly message: string;
  /** The troubleshooting lines the page shows (Request Id, Correlation Id, Timestamp), one per line. */
  readonly details: string;
  readonly host: string;
}

/** Bounds the work on a hostile page: Entra's error page is a few hundred characters of text. */
export const MAX_PAGE_TEXT = 64 * 1024;
const MAX_MESSAGE = 600;

/** The script an AuthBrowser runs in the page (an isolated world in Electron) to take the snapshot's fields. */
export const SNAPSHOT_SCRIPT = `(() => {
  const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  const fields = Array.from(document.querySelectorAll('input[type=password], input[type=email], input[name=loginfmt], input[name=passwd]'));
  return {
    text: document.body ? String(document.body.innerText).slice(0, ${MAX_PAGE_TEXT}) : '',
    hasCredentialField: fields.some(visible),
  };
})()`;

const hostOf = (url: string): string | undefined => {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return undefined;
  }
};

const CODE_AT_START = /^AADSTS(\d{4,8})\b/;
const DETAIL_LINE = /^(?:Request Id|Correlation Id|Trace Id|Timestamp)\s*:/i;
// Where Entra's sentence ends when the support ids follow on the same line.
const TAIL_MARKERS = ['Trace ID:', 'Correlation ID:', 'Request Id:', 'Timestamp:'];

/**
 * The error the page shows, when `snapshot` is Entra's sign-in error page for the authorize request sent to
 * `authorizeUrl`; undefined for any other page (a sign-in form, a federated IdP's page, the product's site).
 */
export function readSignInErrorPage(snapshot: SignInPageSnapshot, authorizeUrl: string): SignInErrorPage | undefined {
  const host = hostOf(snapshot.url);
  if (host === undefined || host !== hostOf(authorizeUrl)) return undefined;
  if (snapshot.hasCredentialField) return undefined;
  const lines = snapshot.text
    .slice(0, MAX_PAGE_TEXT)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  // The first line that starts with the code is the page's message; "Message: AADSTS…" in the details repeats it.
  const messageLine = lines.find((l) => CODE_AT_START.test(l));
  const digits = messageLine === undefined ? undefined : CODE_AT_START.exec(messageLine)?.[1];
  if (messageLine === undefined || digits === undefined) return undefined;
  let message = messageLine;
  for (const marker of TAIL_MARKERS) {
    const at = message.indexOf(marker);
    if (at > 0) message = message.slice(0, at).trim();
  }
  return {
    code: `AADSTS${digits}`,
    message: message.slice(0, MAX_MESSAGE),
    details: lines
      .filter((l) => DETAIL_LINE.test(l))
      .slice(0, 6)
      .join('\n'),
    host,
  };
}
