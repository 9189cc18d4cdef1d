// Owns a browserless walk through the emulator's sign-in: follow an authorize URL with plain fetch, fill the
// login form (or reuse an SSO cookie), and stop at the redirect to the app without ever contacting it.
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

/**
 * Opens `authorizeUrl`; if a login form comes back and credentials are given, submits them.
 * `cookie` is a `name=value` SSO cookie to send (the "already signed in" browser).
 */
export async function fetchLogin(
  authorizeUrl: string,
  creds?: { upn: string; password: string },
  cookie?: string,
): Promise<FetchLoginResult> {
  const first = await fetch(authorizeUrl, { redirect: 'manual', headers: cookie ? { cookie } : {} });
  if (first.status === 302) return resultFromRedirect(first.headers.get('location') ?? '', undefined);
  const page = await first.text();
  const flow = /name="flow" value="([^"]+)"/.exec(page)?.[1];
  if (!flow || !creds || !page.includes('name="passwd"')) return resultFromPage(page, undefined);
  const action = /<form method="post" action="([^"]+)"/.exec(page)?.[1] ?? '';
  const res = await fetch(new URL(action, authorizeUrl), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams({ flow, login: creds.upn, passwd: creds.password }).toString(),
  });
  const setCookie = res.headers.get('set-cookie')?.split(';')[0];
  if (res.status === 302) return resultFromRedirect(res.headers.get('location') ?? '', setCookie);
  return resultFromPage(await res.text(), setCookie);
}

/** The AADSTS code an error page or error_description carries, if any. */
export function aadstsCode(text: string | null | undefined): number | undefined {
  const m = /AADSTS(\d+)/.exec(text ?? '');
  return m ? Number(m[1]) : undefined;
}
