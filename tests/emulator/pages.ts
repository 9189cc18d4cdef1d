// Owns the HTML the emulator's sign-in pages render: the login form, the account picker, the error page
// and the form_post auto-submit page. Plain accessible markup (labels, headings, role=alert) so Playwright
// can drive it by role and a plain-fetch client can parse it.
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

export interface LoginPageInput {
  action: string;
  flow: string;
  appName: string;
  loginHint?: string;
  error?: { text: string; description: string };
}

export function loginPage(i: LoginPageInput): string {
  const err = i.error
    ? `<div role="alert" id="passwordError">${esc(i.error.text)}</div>
<details><summary>Troubleshooting details</summary><p class="details" data-testid="error-details">${esc(i.error.description)}</p></details>`
    : '';
  return shell(
    'Sign in to your account',
    `<h1>Sign in</h1>
<p>to continue to <strong>${esc(i.appName)}</strong></p>
<form method="post" action="${esc(i.action)}" aria-label="Sign in">
<input type="hidden" name="flow" value="${esc(i.flow)}">
<label for="login">Email, phone, or Skype</label>
<input id="login" name="login" type="email" autocomplete="username" required value="${esc(i.loginHint ?? '')}">
<label for="passwd">Password</label>
<input id="passwd" name="passwd" type="password" autocomplete="current-password">
${err}
<button type="submit" id="idSIButton9">Sign in</button>
</form>`,
  );
}

export function accountPickerPage(i: {
  action: string;
  flow: string;
  appName: string;
  accounts: { upn: string; name: string }[];
}): string {
  const buttons = i.accounts
    .map(
      (a) =>
        `<li><button type="submit" name="select" value="${esc(a.upn)}">${esc(a.name)} — ${esc(a.upn)} (Signed in)</button></li>`,
    )
    .join('\n');
  return shell(
    'Pick an account',
    `<h1>Pick an account</h1>
<p>to continue to <strong>${esc(i.appName)}</strong></p>
<form method="post" action="${esc(i.action)}" aria-label="Pick an account">
<input type="hidden" name="flow" value="${esc(i.flow)}">
<ul>${buttons}
<li><button type="submit" name="select" value="">Use another account</button></li></ul>
</form>`,
  );
}

export function errorPage(i: { code: number; description: string; headline?: string }): string {
  return shell(
    'Sign in to your account',
    `<h1>${esc(i.headline ?? "Sorry, but we're having trouble signing you in.")}</h1>
<div role="alert"><p data-testid="error-code">AADSTS${i.code}</p></div>
<p class="details" data-testid="error-details">${esc(i.description)}</p>`,
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
