// Owns the HTML the emulator's sign-in pages render, shaped like Entra's: the username and password pages, "Stay
// signed in?", the account picker, the error page and the form_post auto-submit page. Plain accessible markup
// (labels, headings, role=alert) with Entra's element ids, so Playwright drives it as it would drive Entra and a
// plain-fetch client can parse it.
const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const shell = (title: string, body: string): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;background:#f2f2f2}main{max-width:440px;margin:48px auto;background:#fff;padding:44px;box-shadow:0 2px 6px rgba(0,0,0,.2)}
label{display:block;margin-top:16px}input{width:100%;padding:6px;box-sizing:border-box}button{margin-top:20px;padding:6px 20px}
[role=alert]{color:#a80000;margin-top:12px}.details{font-size:12px;color:#555;white-space:pre-wrap}.banner{font-size:12px;color:#555}</style>
</head><body><main>
<p class="banner">Entra ID emulator (test tenant — not Microsoft)</p>
${body}
</main></body></html>`;

// Entra's sign-in is two pages and an interrupt: the username page (input #i0116 name loginfmt, button #idSIButton9
// "Next"), the password page (#i0118 name passwd, #idSIButton9 "Sign in", the account shown above it) and, after a
// successful password sign-in, "Stay signed in?" (#idSIButton9 "Yes", #idBtn_Back "No", #KmsiCheckboxField
// "Don't show this again"). The ids are Entra's own, the ones every scripted sign-in against login.microsoftonline.com
// relies on; the emulator renders them server-side (no script), so a plain fetch can walk them too.
export interface SignInPageInput {
  action: string;
  flow: string;
  appName: string;
}

export interface UsernamePageInput extends SignInPageInput {
  /** login_hint: "pre-fill the username and email address field of the sign-in page" (entra-docs
   * v2-oauth2-auth-code-flow.md, commit 0c1ac842). */
  loginHint?: string;
}

export function usernamePage(i: UsernamePageInput): string {
  return shell(
    'Sign in to your account',
    `<h1>Sign in</h1>
<p>to continue to <strong>${esc(i.appName)}</strong></p>
<form method="post" action="${esc(i.action)}" aria-label="Sign in">
<input type="hidden" name="flow" value="${esc(i.flow)}">
<input type="hidden" name="step" value="username">
<label for="i0116">Email, phone, or Skype</label>
<input id="i0116" name="loginfmt" type="email" autocomplete="username" required value="${esc(i.loginHint ?? '')}">
<input type="submit" id="idSIButton9" value="Next">
</form>`,
  );
}

export interface PasswordPageInput extends SignInPageInput {
  account: string;
  error?: { text: string; description: string };
}

export function passwordPage(i: PasswordPageInput): string {
  const err = i.error
    ? `<div role="alert" id="passwordError">${esc(i.error.text)}</div>
<details><summary>Troubleshooting details</summary><p class="details" data-testid="error-details">${esc(i.error.description)}</p></details>`
    : '';
  return shell(
    'Sign in to your account',
    `<p id="displayName">${esc(i.account)}</p>
<h1>Enter password</h1>
<form method="post" action="${esc(i.action)}" aria-label="Enter password">
<input type="hidden" name="flow" value="${esc(i.flow)}">
<input type="hidden" name="step" value="password">
<input type="hidden" name="loginfmt" value="${esc(i.account)}">
<label for="i0118">Password</label>
<input id="i0118" name="passwd" type="password" autocomplete="current-password">
${err}
<input type="submit" id="idSIButton9" value="Sign in">
</form>`,
  );
}

/**
 * "Stay signed in?" (KMSI): "appears after a user successfully signs in"; Yes issues a persistent authentication
 * cookie, otherwise the cookie lasts for the browser session (entra-docs fundamentals/how-to-manage-stay-signed-in-
 * prompt.md, commit 07a1c537).
 */
export function staySignedInPage(i: SignInPageInput & { account: string }): string {
  return shell(
    'Sign in to your account',
    `<p id="displayName">${esc(i.account)}</p>
<h1>Stay signed in?</h1>
<p>Do this to reduce the number of times you are asked to sign in.</p>
<form method="post" action="${esc(i.action)}" aria-label="Stay signed in?">
<input type="hidden" name="flow" value="${esc(i.flow)}">
<input type="hidden" name="step" value="kmsi">
<input type="hidden" name="loginfmt" value="${esc(i.account)}">
<label><input type="checkbox" id="KmsiCheckboxField" name="DontShowAgain" value="true"> Don't show this again</label>
<input type="submit" id="idBtn_Back" name="kmsi" value="No">
<input type="submit" id="idSIButton9" name="kmsi" value="Yes">
</form>`,
  );
}

/**
 * The account picker: every account signed in to this browser session, each a tile, and "Use another account"
 * (#otherTile). Shown for prompt=select_account ("account selection experience listing all the accounts ... in
 * session ... or an option to choose to use a different account altogether") and, without a prompt, when several
 * accounts are signed in ("show the account picker if there are multiple users"; entra-docs
 * v2-oauth2-auth-code-flow.md) or the login_hint names none of them ("redirected to go through the standard sign-in
 * experience, including account selection"; entra-docs msal-js-sso.md, commit 290f92ef).
 */
export function accountPickerPage(i: SignInPageInput & { accounts: { upn: string; name: string }[] }): string {
  const tiles = i.accounts
    .map(
      (a) =>
        `<li><button type="submit" name="select" value="${esc(a.upn)}" data-test-id="${esc(a.upn)}">${esc(a.name)} — ${esc(a.upn)} (Signed in)</button></li>`,
    )
    .join('\n');
  return shell(
    'Pick an account',
    `<h1>Pick an account</h1>
<p>to continue to <strong>${esc(i.appName)}</strong></p>
<form method="post" action="${esc(i.action)}" aria-label="Pick an account">
<input type="hidden" name="flow" value="${esc(i.flow)}">
<input type="hidden" name="step" value="pick">
<ul>${tiles}
<li><button type="submit" name="select" value="" id="otherTile">Use another account</button></li></ul>
</form>`,
  );
}

/**
 * The page Entra's sign-in shows when it cannot go on (an unregistered redirect URI, an unknown app or tenant, a
 * user from another directory): no redirect back to the app, only the page. Its documented shape ("Error
 * AADSTS50011: The redirect URI specified in the request does not match", MicrosoftDocs/SupportArticles-docs
 * support/azure/active-directory/error-code-AADSTS50011-redirect-uri-mismatch.md, and the sign-in error screens
 * quoted there): the headline "Sorry, but we’re having trouble signing you in.", then the AADSTS code with Entra's
 * sentence on one line, and "Troubleshooting details" with Request Id, Correlation Id and Timestamp. No sign-in
 * field is on it. The app's sign-in window recognises the page by that shape (electron/services/authorize/
 * sign-in-error-page.ts), so this page must keep it.
 */
export function errorPage(i: {
  code: number;
  message: string;
  requestId: string;
  correlationId: string;
  timestamp: string;
  headline?: string;
}): string {
  return shell(
    'Sign in to your account',
    `<div role="heading" aria-level="1" id="loginHeader">Sign in</div>
<div id="headline"><h1>${esc(i.headline ?? 'Sorry, but we’re having trouble signing you in.')}</h1></div>
<div role="alert" id="errorMessage"><p data-testid="error-code">AADSTS${i.code}: ${esc(i.message)}</p></div>
<section aria-label="Troubleshooting details" id="troubleshootingDetails">
<h2>Troubleshooting details</h2>
<p class="details" data-testid="error-details">Request Id: ${esc(i.requestId)}
Correlation Id: ${esc(i.correlationId)}
Timestamp: ${esc(i.timestamp)}
Message: AADSTS${i.code}: ${esc(i.message)}</p>
</section>`,
  );
}

export function formPostPage(action: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
    .join('\n');
  // Entra's form_post page submits itself on load; the noscript button keeps it usable without scripts.
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Working...</title></head>
<body onload="document.forms[0].submit()"><form method="POST" name="hiddenform" action="${esc(action)}">
${inputs}
<noscript><p>Script is disabled. Click Submit to continue.</p><input type="submit" value="Submit"></noscript>
</form></body></html>`;
}
