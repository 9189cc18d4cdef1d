// The log file (electron/services/app/log.ts): redaction of every line, no forged lines, size rotation,
// owner-only mode; then full authorize flows against the Entra emulator through the real dispatcher and
// handler table, logging to a temp file, and a grep of that file for every token, code, secret and password
// the flows used: zero hits, in a log that is not empty.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthBrowserFactory } from '../../../electron/services/authorize/auth-browser';
import { createDispatcher, trustedOriginPredicate } from '../../../electron/services/ipc/dispatch';
import { createHandlers } from '../../../electron/services/ipc/handlers';
import { createServices } from '../../../electron/services/ipc/services';
import { createFileLogger, formatLogLine, MAX_LINE_CHARS } from '../../../electron/services/app/log';
import { createNetworkModule } from '../../../electron/services/authorize/msal-network';
import type { AuthorizeStartRequest, FlowState } from '../../../shared/authorize/schema';
import { matchesRedirectUri } from '../../../shared/authorize/redirect-uri';
import { startEmulator, type Emulator } from '../../emulator';
import { fetchLogin } from '../../emulator/fetch-login';
import { serviceNowOnEmulator } from '../../support/emulator-registration';

const JWT =
  'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJ1cG4iOiJzZXJ2aWNlZGVza0Bjb250b3NvLmNvbSJ9.c2lnbmF0dXJlLXZhbHVlLWhlcmU';
const SECRET = 'Snw8Q~F1635bVSw0FeJ9hVuuAJhFmueyl2MhrqZe';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mah-log-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('log lines', () => {
  it('are redacted: JWTs, bearer tokens, codes, secrets and passwords never reach the file', () => {
    const log = createFileLogger({ path: join(dir, 'redact', 'main.log') });
    log.warn(`token ${JWT}`);
    log.warn(`Authorization: Bearer ${JWT}`);
    log.warn(`callback https://acme.service-now.com/oauth_redirect.do?code=0.AXcAbc123456789_secret-code&state=s1`);
    log.warn(`client_secret=${SECRET}&password=hunter2hunter2`);
    log.error(`{"refresh_token":"1.AXcAxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyz"}`);
    const text = readFileSync(log.path, 'utf8');
    expect(text.split('\n').filter(Boolean)).toHaveLength(5);
    for (const s of [
      JWT,
      SECRET,
      '0.AXcAbc123456789_secret-code',
      'hunter2hunter2',
      '1.AXcAxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyz',
    ])
      expect(text).not.toContain(s);
  });

  it('cannot be forged: line breaks and control characters in a value stay inside one line', () => {
    const line = formatLogLine(
      'info',
      'user said\n2026-01-01T00:00:00.000Z ERROR forged\r\x1b[31mred\x00',
      new Date(0),
    );
    expect(line.split('\n')).toHaveLength(2); // the one terminating newline
    expect(line).toContain('⏎');
    expect(line).toContain('\\x1b');
    for (const c of ['\u0000', '\u001b', '\r']) expect(line.includes(c)).toBe(false);
  });

  it('are bounded in length', () => {
    const line = formatLogLine('info', 'x'.repeat(MAX_LINE_CHARS * 3), new Date(0));
    expect(line.length).toBeLessThan(MAX_LINE_CHARS + 200);
  });

  it('rotate by size, keeping the configured number of old files, owner-only', () => {
    const path = join(dir, 'rotate', 'main.log');
    const log = createFileLogger({ path, maxBytes: 1000, keep: 2 });
    for (let i = 0; i < 100; i++) log.info(`line ${i} ${'y'.repeat(50)}`);
    const files = readdirSync(join(dir, 'rotate')).sort();
    expect(files).toEqual(['main.log', 'main.log.1', 'main.log.2']);
    for (const f of files) expect(statSync(join(dir, 'rotate', f)).size).toBeLessThanOrEqual(1000);
    expect(readFileSync(path, 'utf8')).toContain('line 99 ');
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
  });
});

describe('a full authorize flow logs nothing secret', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator();
    emu.trustInProcess();
  });
  afterAll(async () => {
    await emu.stop();
  });

  it('happy flow, wrong secret and a forged state: the log names the flows and codes, never a secret value', async () => {
    const log = createFileLogger({ path: join(dir, 'flow', 'main.log') });
    const seen = { codes: [] as string[], verifiers: [] as string[] };
    let forgeState = false;
    const browsers: AuthBrowserFactory = async () => ({
      authorize: async (url, redirectUri) => {
        const r = await fetchLogin(url, {
          upn: 'servicedesk@contoso.test',
          password: emu.directory.users.servicedesk.password ?? '',
        });
        if (!r.callbackUrl || !matchesRedirectUri(r.callbackUrl, redirectUri)) return { kind: 'cancelled' };
        const cb = new URL(r.callbackUrl);
        seen.codes.push(cb.searchParams.get('code') ?? '');
        if (forgeState) cb.searchParams.set('state', 'forged');
        return { kind: 'callback', callbackUrl: cb.toString() };
      },
      dispose: async () => undefined,
    });
    const services = createServices({
      runtime: { name: 'log-test', version: '0', platform: 'linux', runtime: 'node', versions: {} },
      log: (l) => log.info(l),
      authorize: {
        browsers,
        network: () => {
          const inner = createNetworkModule({ ca: emu.caPem, timeoutMs: 5000 });
          return {
            sendGetRequestAsync: (u, o, t) => inner.sendGetRequestAsync(u, o, t),
            sendPostRequestAsync: (u, o) => {
              const v = new URLSearchParams(o?.body ?? '').get('code_verifier');
              if (v) seen.verifiers.push(v);
              return inner.sendPostRequestAsync(u, o);
            },
          };
        },
      },
    });
    const store = services.tokens.store;
    const handlers = createHandlers(services);
    const dispatch = createDispatcher(handlers, {
      isTrustedSender: trustedOriginPredicate(['app://renderer']),
      log: (l) => log.warn(l),
    });
    const ctx = { senderUrl: 'app://renderer/index.html', isMainFrame: true };

    const app = emu.directory.apps.servicenow;
    const cfg: AuthorizeStartRequest = {
      ...serviceNowOnEmulator(emu),
      clientSecret: app.secret.value,
      signInAccount: 'servicedesk@contoso.test',
      scopes: [
        'https://outlook.office.com/IMAP.AccessAsUser.All',
        'https://outlook.office.com/SMTP.Send',
        'offline_access',
        'openid',
        'profile',
      ],
      prompt: 'login',
      // No timeoutMs: main takes the sign-in time limit from its own settings.
    };
    const run = async (c: AuthorizeStartRequest): Promise<FlowState> => {
      const started = await dispatch('authorize.start', c, ctx);
      expect(started.ok, JSON.stringify(started)).toBe(true);
      for (;;) {
        const s = await dispatch('authorize.status', {}, ctx);
        if (s.ok && ['done', 'failed', 'cancelled'].includes((s.value as FlowState).kind)) return s.value as FlowState;
        await new Promise((r) => setTimeout(r, 20));
      }
    };

    const happy = await run(cfg);
    expect(happy.kind, JSON.stringify(happy)).toBe('done');
    const wrongSecret = await run({ ...cfg, clientSecret: 'Snw8Q~not-the-right-value-at-all-0000000' });
    expect(wrongSecret.kind === 'failed' && wrongSecret.error.code).toBe('AADSTS7000215');
    forgeState = true;
    const forged = await run(cfg);
    expect(forged.kind === 'failed' && forged.error.code).toBe('STATE_MISMATCH');
    // A pasted token (the refresh token) through tokens.verify, and an untrusted caller, both logged paths.
    const set = happy.kind === 'done' ? store.get(happy.result.tokenSetId) : undefined;
    await dispatch('tokens.verify', { token: `garbage ${set?.refreshToken?.value ?? ''}` }, ctx);
    await dispatch(
      'app.info',
      {},
      { senderUrl: `https://evil.test/?access_token=${set?.accessTokens[0]?.value ?? ''}`, isMainFrame: true },
    );

    const text = readFileSync(log.path, 'utf8');
    const lines = text.split('\n').filter(Boolean);
    // Not empty, and about these flows: every transition and failure code is there.
    expect(lines.length).toBeGreaterThanOrEqual(10);
    expect(text).toContain('verdict CUSTOM_AUTHORITY');
    expect(text).toContain('AADSTS7000215');
    expect(text).toContain('STATE_MISMATCH');
    expect(text).toContain('refused call to app.info from untrusted sender');

    const secrets: [string, string][] = [
      ['client secret', cfg.clientSecret ?? ''],
      ['wrong client secret', 'Snw8Q~not-the-right-value-at-all-0000000'],
      ['password', emu.directory.users.servicedesk.password ?? ''],
      ...seen.codes.map((c, i): [string, string] => [`authorization code ${i}`, c]),
      ...seen.verifiers.map((v, i): [string, string] => [`PKCE verifier ${i}`, v]),
      ...(set?.accessTokens ?? []).map((t, i): [string, string] => [`access token ${i}`, t.value]),
      ['ID token', set?.idToken?.value ?? ''],
      ['refresh token', set?.refreshToken?.value ?? ''],
    ];
    expect(seen.codes.length).toBe(3);
    expect(seen.verifiers.length).toBeGreaterThanOrEqual(2);
    for (const [name, value] of secrets) {
      expect(value.length, `${name} is a real value`).toBeGreaterThan(8);
      expect(text.includes(value), `${name} found in the log`).toBe(false);
      // Nor any 24-char slice of it (a partly masked value still leaks).
      if (value.length >= 48)
        expect(text.includes(value.slice(12, 36)), `${name} (slice) found in the log`).toBe(false);
    }
    if (process.env.SHOW_LOG) console.log(text);
    console.log(`log grep: ${lines.length} lines, ${secrets.length} secret values checked, 0 found`);
  }, 60_000);
});
