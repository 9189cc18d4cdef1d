// Owns a browserless walk through the emulator's sign-in: follow an authorize URL with plain fetch, fill the
// username and password pages and answer "Stay signed in?" (or reuse an SSO cookie), and stop at the redirect to
// the app without ever contacting it.
// For Node tests that need a code but not a browser; the Chromium path lives in the integration tests.
export interface FetchLoginResult {
  /** the URL the emulator sent the browser to (query/fragment mode), or the form_post target */
  callbackUrl?: string;
  /** parameters delivered to the app: from the callback URL or the form_post form */
  params: URLSearchParams;
  /** the last HTML page when the flow ended on a page (error, login form, account picker) */
  page?: string;
  /** the SSO cookie the emulator set after a password sign-in */
  cookie?: string;
}

const hidden = (page: string): URLSearchParams => {
  const out = new URLSearchParams();
  for (const m of page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    out.set(
      m[1] ?? '',
      (m[2] ?? '')
        .replace(/&amp;/g, '&')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>'),
    );
  }
  return out;
};

function resultFromRedirect(location: string, cookie: string | undefined): FetchLoginResult {
  const u = new URL(location);
  const params = new URLSearchParams(u.search || u.hash.replace(/^#/, ''));
  return { callbackUrl: location, params, ...(cookie ? { cookie } : {}) };
}

function resultFromPage(page: string, cookie: string | undefined): FetchLoginResult {
  const formPost = /<form method="POST" name="hiddenform" action="([^"]+)">/.exec(page);
  if (formPost)
    return {
      callbackUrl: (formPost[1] ?? '').replace(/&amp;/g, '&'),
      params: hidden(page),
      page,
      ...(cookie ? { cookie } : {}),
    };
  return { params: new URLSearchParams(), page, ...(cookie ? { cookie } : {}) };
}

/** The hidden fields and the action of the first form on a page (the emulator's pages have one). */
function formOf(page: string): { action: string; fields: URLSearchParams } | undefined {
  const action = /<form method="post" action="([^"]+)"/.exec(page)?.[1];
  return action === undefined ? undefined : { action: action.replace(/&amp;/g, '&'), fields: hidden(page) };
}

/**
 * Opens `authorizeUrl` and walks Entra's sign-in as a person would: the username page (#i0116 loginfmt, Next), the
 * password page (#i0118 passwd, Sign in) and "Stay signed in?" (answered No), submitting the credentials if given.
 * Stops at the redirect to the app, or at the first page it cannot go past (an error, the account picker, a
 * wrong password). `cookie` is a `name=value` SSO cookie to send (the "already signed in" browser).
 */
export async function fetchLogin(
  authorizeUrl: string,
  creds?: { upn: string; password: string },
  cookie?: string,
): Promise<FetchLoginResult> {
  const first = await fetch(authorizeUrl, { redirect: 'manual', headers: cookie ? { cookie } : {} });
  if (first.status === 302) return resultFromRedirect(first.headers.get('location') ?? '', undefined);
  let page = await first.text();
  let setCookie: string | undefined;
  for (let hop = 0; hop < 4 && creds; hop++) {
    const form = formOf(page);
    const step = form?.fields.get('step');
    if (!form || (step !== 'username' && step !== 'password' && step !== 'kmsi')) break;
    const body = new URLSearchParams(form.fields);
    if (step === 'username') body.set('loginfmt', creds.upn);
    if (step === 'password') body.set('passwd', creds.password);
    if (step === 'kmsi') body.set('kmsi', 'No');
    const sendCookie = setCookie ?? cookie;
    const res = await fetch(new URL(form.action, authorizeUrl), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(sendCookie ? { cookie: sendCookie } : {}) },
      body: body.toString(),
    });
    setCookie = res.headers.get('set-cookie')?.split(';')[0] ?? setCookie;
    if (res.status === 302) return resultFromRedirect(res.headers.get('location') ?? '', setCookie);
    page = await res.text();
    // A wrong password brings the password page back with the error: stop there.
    if (step === 'password' && page.includes('id="passwordError"')) break;
  }
  return resultFromPage(page, setCookie);
}

/** The AADSTS code an error page or error_description carries, if any. */
export function aadstsCode(text: string | null | undefined): number | undefined {
  const m = /AADSTS(\d+)/.exec(text ?? '');
  return m ? Number(m[1]) : undefined;
}
