// The main window's security policy, asserted on the pure builders that electron/window.ts and main.ts apply.
import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  HARDENING_SWITCHES,
  isAllowedExternalUrl,
  isAllowedMainWindowNavigation,
  mainWindowOptions,
  permissionDecision,
  RENDERER_ENTRY,
  rendererResponseHeaders,
  resolveRendererAsset,
} from '../../../electron/security-policy';

describe('main window options', () => {
  const prefs = mainWindowOptions('/app/preload.cjs', false, { packaged: true }).webPreferences ?? {};
  it('isolates and sandboxes the renderer, with no Node anywhere', () => {
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
    });
  });
  it('keeps web security on and every risky feature off', () => {
    expect(prefs).toMatchObject({
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs.preload).toBe('/app/preload.cjs');
  });
});

describe('content security policy', () => {
  it('allows scripts only from the app itself and nothing remote', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'none'");
    expect(rendererResponseHeaders('text/html')['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });
});

describe('navigation and external links', () => {
  it.each([
    [RENDERER_ENTRY, true],
    ['app://renderer/index.html#/tokens', true],
    ['app://renderer.evil.test/index.html', false],
    ['app://user:pw@renderer/index.html', false],
    ['https://login.microsoftonline.com/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ])('main window may navigate to %s: %s', (url, allowed) => {
    expect(isAllowedMainWindowNavigation(url)).toBe(allowed);
  });
  it.each([
    ['https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes', true],
    ['http://learn.microsoft.com/', false],
    ['https://learn.microsoft.com.evil.test/', false],
    ['https://user@learn.microsoft.com/', false],
    ['https://learn.microsoft.com:8443/', false],
    ['https://example.com/', false],
    ['file:///C:/Windows/System32/calc.exe', false],
    ['ms-settings:', false],
  ])('openExternal(%s) allowed: %s', (url, allowed) => {
    expect(isAllowedExternalUrl(url)).toBe(allowed);
  });
});

describe('permissions and switches', () => {
  it('denies every permission', () => {
    for (const p of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'clipboard-sanitized-write',
      'openExternal',
      'fullscreen',
      'unknown',
    ]) {
      expect(permissionDecision(p)).toBe(false);
    }
  });
  it('turns integrated Windows auth off by matching no server', () => {
    expect(HARDENING_SWITCHES).toContainEqual(['auth-server-whitelist', '_no-integrated-auth.invalid']);
  });
});

describe('renderer asset resolution (app:// protocol)', () => {
  it.each([
    ['app://renderer/', 'index.html'],
    ['app://renderer/index.html', 'index.html'],
    ['app://renderer/assets/index-abc.js', 'assets/index-abc.js'],
    ['app://renderer/assets/index.css?v=1', 'assets/index.css'],
  ])('%s → %s', (url, rel) => {
    expect(resolveRendererAsset(url)?.relativePath).toBe(rel);
  });
  it.each([
    'app://renderer/../main/main.cjs',
    'app://renderer/%2e%2e/main/main.cjs',
    'app://renderer/assets/..%2f..%2fpackage.json',
    'app://renderer/assets%5c..%5c..%5cpackage.json',
    'app://renderer/a%00.js',
    'app://other/index.html',
    'file:///etc/passwd',
    'app://renderer/secret.pem',
    'app://renderer/%E0%A4%A',
  ])('refuses %s', (url) => {
    expect(resolveRendererAsset(url)).toBeUndefined();
  });
});
