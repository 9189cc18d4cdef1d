// Sign-in popups in the real Electron app: a federated IdP page (ADFS, Okta…) may open a popup from the sign-in
// window. It must stay in the flow's partition (its cookies land in that partition, never in the app's default
// session), run with the login page's preferences (no Node, no preload, so no window.api) and navigation
// rules, and disappear with the partition when the window is wiped.
import { expect, test } from '@playwright/test';
import { allContents, callApi, electronSpec, runInContents, waitForContents, waitInContents } from './launch';

test.describe('sign-in popups', () => {
  const spec = electronSpec('popups.spec.ts');

  test('stay in the flow’s partition with the login preferences, and are gone after the wipe', async () => {
    const server = await spec.serve((req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      if (req.url?.startsWith('/idp')) {
        res.setHeader('set-cookie', 'idp_session=popup; Path=/; HttpOnly');
        res.writeHead(200).end('<!doctype html><title>IdP</title><p id="idp">federated sign-in</p>');
      } else res.writeHead(200).end('<!doctype html><title>Product</title><p id="opener">product sign-in</p>');
    });
    const origin = server.origin;

    const { app, page } = await spec.launch();
    const opened = await callApi(page, 'productSession.open', {
      baseUrl: `${origin}/opener`,
      signInAccount: 'servicedesk@contoso.test',
      rewrite: false,
    });
    expect(opened.ok, JSON.stringify(opened.error)).toBe(true);
    const opener = await waitForContents(app, `${origin}/opener`);
    await waitInContents(app, opener.id, "!!document.querySelector('#opener')");

    // As a click on "Sign in with your organisation" would.
    expect(await runInContents(app, opener.id, "window.open('/idp', 'idp', 'width=480,height=640') !== null")).toBe(
      true,
    );
    const popup = await waitForContents(app, `${origin}/idp`);
    await waitInContents(app, popup.id, "!!document.querySelector('#idp')");

    const facts = await app.evaluate(
      async ({ webContents, session }, a) => {
        const p = webContents.fromId(a.popup);
        const o = webContents.fromId(a.opener);
        if (!p || !o) throw new Error('popup or opener is gone');
        (globalThis as unknown as { __specPopupSession: unknown }).__specPopupSession = p.session;
        return {
          openerCookies: (await o.session.cookies.get({ url: a.url })).map((c) => c.name),
          defaultCookies: (await session.defaultSession.cookies.get({ url: a.url })).map((c) => c.name),
          sameSessionObject: p.session === o.session,
        };
      },
      { popup: popup.id, opener: opener.id, url: origin },
    );
    // The cookie the popup's page set is in the opener's (the flow's) jar, and not in the app's.
    expect(facts.openerCookies).toContain('idp_session');
    expect(facts.defaultCookies).not.toContain('idp_session');
    expect(facts.sameSessionObject).toBe(true);
    // The login page's preferences: no Node, no preload (so no window.api) …
    expect(await runInContents(app, popup.id, "typeof window.api + ' ' + typeof require + ' ' + typeof process")).toBe(
      'undefined undefined undefined',
    );
    // … and the login pages' navigation rules: no file:, however the page asks.
    await runInContents(app, popup.id, "location.href = 'file:///'; true").catch(() => undefined);
    await new Promise((r) => setTimeout(r, 1_000));
    expect((await allContents(app)).find((c) => c.id === popup.id)?.url).toBe(`${origin}/idp`);

    const closed = await callApi(page, 'productSession.close', {});
    expect(closed.value).toEqual({ closed: true, wiped: true });
    await expect.poll(async () => (await allContents(app)).filter((c) => c.url.startsWith(origin)).length).toBe(0);
    const left = await app.evaluate(async () => {
      const s = (globalThis as unknown as { __specPopupSession: { cookies: { get(f: object): Promise<unknown[]> } } })
        .__specPopupSession;
      return (await s.cookies.get({})).length;
    });
    expect(left).toBe(0);
  });
});
