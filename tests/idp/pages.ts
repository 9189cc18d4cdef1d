// The second identity provider's sign-in pages: its own HTML (nothing from tests/emulator), with Entra's element ids
// — username #i0116 (loginfmt) + #idSIButton9 "Next", password #i0118 (passwd) + #idSIButton9 "Sign in", and "Stay
// signed in?" (#idSIButton9 Yes, #idBtn_Back No) — so the same spec steps sign in on either provider.
const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font:15px sans-serif;margin:40px}form{max-width:360px}input{display:block;margin:8px 0;width:100%}</style></head>
<body><p><small>oidc-provider (Entra-shaped test configuration)</small></p>${body}</body></html>`;
}

export function usernameForm(action: string, clientName: string, loginHint: string | undefined): string {
  return page(
    'Sign in to your account',
    `<h1>Sign in</h1><p>to continue to ${escapeHtml(clientName)}</p>
<form method="post" action="${escapeHtml(action)}">
<label for="i0116">Email, phone, or Skype</label>
<input type="email" id="i0116" name="loginfmt" value="${escapeHtml(loginHint ?? '')}" required>
<input type="submit" id="idSIButton9" value="Next"></form>`,
  );
}

export function passwordForm(action: string, account: string, error?: string): string {
  return page(
    'Sign in to your account',
    `<div id="displayName">${escapeHtml(account)}</div><h1>Enter password</h1>
<form method="post" action="${escapeHtml(action)}">
<input type="hidden" name="loginfmt" value="${escapeHtml(account)}">
<label for="i0118">Password</label>
<input type="password" id="i0118" name="passwd">
${error === undefined ? '' : `<div id="passwordError" role="alert">${escapeHtml(error)}</div>`}
<input type="submit" id="idSIButton9" value="Sign in"></form>`,
  );
}

export function staySignedInForm(action: string, account: string): string {
  return page(
    'Sign in to your account',
    `<div id="displayName">${escapeHtml(account)}</div><h1>Stay signed in?</h1>
<form method="post" action="${escapeHtml(action)}">
<label><input type="checkbox" id="KmsiCheckboxField" name="DontShowAgain"> Don't show this again</label>
<input type="submit" id="idBtn_Back" name="kmsi" value="No">
<input type="submit" id="idSIButton9" name="kmsi" value="Yes"></form>`,
  );
}

export function errorText(title: string, description: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1><p role="alert">${escapeHtml(description)}</p>`);
}
