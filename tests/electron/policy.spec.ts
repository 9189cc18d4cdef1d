// The security policy in force in the real Electron app, not just as data: the renderer is served with the CSP
// of electron/security-policy.ts and Chromium enforces it (no inline script, no eval, no network); and every
// permission is denied, both in the app's window and in a sign-in partition (Electron grants them by default,
// so a "denied" here is the app's handler at work).
import { expect, test } from '@playwright/test';
import { CONTENT_SECURITY_POLICY, RENDERER_ENTRY } from '../../electron/security-policy';
import { callApi, electronSpec, runInContents, waitForContents, waitInContents } from './launch';

const PERMISSIONS = ['geolocation', 'notifications', 'camera', 'microphone', 'clipboard-read'] as const;
const QUERY_PERMISSIONS = `Promise.all(${JSON.stringify(PERMISSIONS)}.map((name) =>
  navigator.permissions.query({ name }).then((s) => s.state, (e) => 'error:' + e.name)))`;

test.describe('CSP and permissions in force', () => {
  const spec = electronSpec('policy.spec.ts');

  test('the renderer gets the CSP header and Chromium enforces it', async () => {
    const { app, page } = await spec.launch();
    const header = await app.evaluate(async ({ net }, url) => {
      const r = await net.fetch(url);
      return r.headers.get('content-security-policy');
    }, RENDERER_ENTRY);
    expect(header).toBe(CONTENT_SECURITY_POLICY);

    const probe = await page.evaluate(async () => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
      const s = document.createElement('script');
      s.textContent = '(globalThis).__cspInlineRan = true';
      document.head.append(s);
      let evalResult: string;
      try {
        evalResult = String((0, eval)('"eval ran"'));
      } catch (e) {
        evalResult = (e as Error).name;
      }
      let fetchResult: string;
      try {
        await fetch('https://example.com/');
        fetchResult = 'fetched';
      } catch (e) {
        fetchResult = (e as Error).name;
      }
      await new Promise((r) => setTimeout(r, 200));
      return {
        inlineRan: (globalThis as { __cspInlineRan?: boolean }).__cspInlineRan === true,
        evalResult,
        fetchResult,
        violations,
      };
    });
    expect(probe.inlineRan).toBe(false);
    expect(probe.evalResult).toBe('EvalError');
    expect(probe.fetchResult).toBe('TypeError');
    // Chromium names the inline script's directive script-src-elem and eval's script-src.
    expect(probe.violations.filter((d) => d.startsWith('script-src')).length).toBeGreaterThanOrEqual(2);
    expect(probe.violations).toContain('connect-src');
  });

  test('every permission is denied in the app window and in a sign-in partition', async () => {
    const server = await spec.serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><p id="page">login</p>');
    });
    const { app, page } = await spec.launch();

    const inApp = await page.evaluate(
      (names) =>
        Promise.all(
          names.map((name) =>
            navigator.permissions.query({ name: name as PermissionName }).then(
              (s) => s.state,
              (e: Error) => `error:${e.name}`,
            ),
          ),
        ),
      [...PERMISSIONS],
    );
    expect(inApp).toEqual(PERMISSIONS.map(() => 'denied'));
    expect(await page.evaluate(() => Notification.requestPermission())).toBe('denied');

    const opened = await callApi(page, 'productSession.open', {
      baseUrl: `${server.origin}/login`,
      signInAccount: 'servicedesk@contoso.test',
      rewrite: false,
    });
    expect(opened.ok, JSON.stringify(opened.error)).toBe(true);
    const login = await waitForContents(app, `${server.origin}/login`);
    await waitInContents(app, login.id, "!!document.querySelector('#page')");
    expect(await runInContents(app, login.id, QUERY_PERMISSIONS)).toEqual(PERMISSIONS.map(() => 'denied'));
    expect(await runInContents(app, login.id, 'Notification.requestPermission()')).toBe('denied');
    await callApi(page, 'productSession.close', {});
  });
});
