// HTTP authentication in a sign-in window, in the real Electron app: a Basic challenge reaches the app's
// `login` handler, which supplies nothing, and a Negotiate/NTLM challenge never gets the desktop's Windows
// identity (integrated auth matches no server). A loopback server stands in for a hostile or misconfigured
// page and records every Authorization header it is sent: there must be none. The window is the clean
// product session, the same hardened partition window the Authorize flow uses.
import { expect, test } from '@playwright/test';
import { HARDENING_SWITCHES } from '../../electron/security-policy';
import { callApi, electronSpec, runInContents, waitForContents, waitInContents } from './launch';

const DENIED = '<!doctype html><title>denied</title><p id="denied">authentication required</p>';

test.describe('HTTP authentication is refused in sign-in windows', () => {
  const spec = electronSpec('login-refused.spec.ts');

  test('the login event supplies no credentials and integrated Windows auth sends no identity', async () => {
    const server = await spec.serve((req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      if (req.url?.startsWith('/basic')) {
        res.setHeader('www-authenticate', 'Basic realm="mah-spec"');
        res.writeHead(401).end(DENIED);
      } else if (req.url?.startsWith('/integrated')) {
        res.setHeader('www-authenticate', ['Negotiate', 'NTLM']);
        res.writeHead(401).end(DENIED);
      } else res.writeHead(200).end('<!doctype html><p id="ok">product</p>');
    });
    const origin = server.origin;

    const { app, page } = await spec.launch();
    // The switches that keep Kerberos/NTLM from ever answering a challenge with the desktop's identity.
    const switches = await app.evaluate(
      ({ app: a }, names) => names.map((n) => a.commandLine.getSwitchValue(n)),
      [...HARDENING_SWITCHES.map(([name]) => name)],
    );
    expect(switches).toEqual(HARDENING_SWITCHES.map(([, value]) => value));
    // Record each `login` event the app receives (the app's own handler runs first and cancels it).
    await app.evaluate(({ app: a }) => {
      const g = globalThis as unknown as { __specLogins: { url: string; scheme: string }[] };
      g.__specLogins = [];
      a.on('login', (_event, _wc, details, authInfo) => {
        g.__specLogins.push({ url: details.url, scheme: authInfo.scheme });
      });
    });

    const opened = await callApi(page, 'productSession.open', {
      baseUrl: `${origin}/basic`,
      signInAccount: 'servicedesk@contoso.test',
      rewrite: false,
    });
    expect(opened.ok, JSON.stringify(opened.error)).toBe(true);
    const win = await waitForContents(app, `${origin}/basic`);
    // The challenge was cancelled, so the page shows the server's 401 body instead of signing in.
    await waitInContents(app, win.id, "!!document.querySelector('#denied')");

    await runInContents(app, win.id, "location.href = '/integrated'; true");
    await waitForContents(app, `${origin}/integrated`);
    await waitInContents(app, win.id, "location.pathname === '/integrated' && !!document.querySelector('#denied')");

    const logins = await app.evaluate(
      () => (globalThis as unknown as { __specLogins: { url: string; scheme: string }[] }).__specLogins,
    );
    expect(logins.some((l) => l.url.startsWith(`${origin}/basic`) && l.scheme.toLowerCase() === 'basic')).toBe(true);
    // Not one request carried credentials: no Basic answer, no Negotiate or NTLM token.
    expect(server.requests.filter((r) => r.headers.authorization !== undefined)).toEqual([]);
    expect(server.requests.some((r) => r.url.startsWith('/integrated'))).toBe(true);

    const closed = await callApi(page, 'productSession.close', {});
    expect(closed.value).toEqual({ closed: true, wiped: true });
  });
});
