// Renderer-driven exfiltration, one test per side channel a review found: each performs the old exploit as a
// compromised renderer would — through the real dispatcher and handler table (the trusted sender, valid payloads)
// — against real listeners standing in for the attacker's servers, and sees it refused: the stored token does
// not reach an unlisted host without main's dialog, nor comes back echoed; a profile's secret is not posted to a
// renderer-chosen authority (also after a config change kept the secret, or a ciphertext swap in profiles.json);
// the renderer's old copy flags are refused and copies wait for main's dialog; a copied secret is gone from the
// clipboard on quit; a custom authority's tokens are never VERIFIED. The regex DoS has its timing test
// (tests/unit/shared/text/linear-time.test.ts); client certificates, popups and frame navigation are asserted on
// the policy Electron applies (tests/unit/electron/).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthBrowserFactory } from '../../../electron/services/authorize/auth-browser';
import { createNetworkModule } from '../../../electron/services/authorize/msal-network';
import { MemoryClipboard } from '../../../electron/services/handover/clipboard';
import { createDispatcher, trustedOriginPredicate, type CallContext } from '../../../electron/services/ipc/dispatch';
import { createHandlers } from '../../../electron/services/ipc/handlers';
import { createServices, type ServiceDeps, type Services } from '../../../electron/services/ipc/services';
import { AesGcmVault } from '../../../electron/services/profiles/vault';
import type { Result } from '../../../shared/result';
import { matchesRedirectUri } from '../../../shared/authorize/redirect-uri';
import { startEmulator, type Emulator } from '../../emulator';
import { fetchLogin } from '../../emulator/fetch-login';
import { scriptedConfirm, type ScriptedConfirm } from '../../support/confirm-dialog';
import { ACCESS_TOKEN, RUN, SECRET, storeWithRun } from '../../support/handover-fixtures';

const trusted: CallContext = { senderUrl: 'app://renderer/index.html', isMainFrame: true };
const runtime = {
  name: 'Mailbox Auth Helper',
  version: '0.0.0-test',
  platform: 'linux',
  runtime: 'node' as const,
  versions: {},
};

/** The app as the renderer reaches it: services built from deps, the real handler table behind the real dispatcher. */
function app(deps: Partial<ServiceDeps> = {}, replace: Partial<Omit<Services, 'runtime'>> = {}) {
  const services = { ...createServices({ runtime, ...deps }), ...replace };
  const dispatch = createDispatcher(createHandlers(services), {
    isTrustedSender: trustedOriginPredicate(['app://renderer']),
  });
  const call = async <T = unknown>(method: string, payload: unknown) =>
    (await dispatch(method, payload, trusted)) as Result<T>;
  return { services, call };
}
const codeOf = (r: Result<unknown>): string => (r.ok ? 'ok' : r.error.code);

/** A listener standing in for an attacker's server: counts connections and keeps every byte it is sent. */
async function recorder(): Promise<{
  port: number;
  connections: () => number;
  received: () => string;
  close: () => Promise<void>;
}> {
  let connections = 0;
  let received = '';
  const sockets = new Set<Socket>();
  const server: Server = createNetServer((s) => {
    connections++;
    sockets.add(s);
    s.on('data', (d) => (received += d.toString('latin1')));
    s.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => connections,
    received: () => received,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

let emulator: Emulator;
let dir: string;
beforeAll(async () => {
  emulator = await startEmulator();
  dir = mkdtempSync(join(tmpdir(), 'mah-side-channels-'));
});
afterAll(async () => {
  await emulator?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('probes.run with a stored token', () => {
  it('an attacker-named host, port and CA: refused without main’s yes, and nothing reaches the host', async () => {
    const attacker = await recorder();
    try {
      const { store, id } = storeWithRun();
      for (const confirm of [undefined, scriptedConfirm('decline')]) {
        const { call } = app(
          { ...(confirm ? { confirm } : {}) },
          { tokens: { ...createServices({ runtime }).tokens, store } },
        );
        for (const protocol of ['imap', 'pop', 'smtp', 'graph'] as const) {
          const r = await call('probes.run', {
            tokenSetId: id,
            mailbox: 'servicedesk@contoso.com',
            protocols: [protocol],
            overrides: { [protocol]: { host: '127.0.0.1', port: attacker.port, caPem: emulator.caPem } },
          });
          expect(codeOf(r), protocol).toBe('PROBE_HOST_NOT_CONFIRMED');
        }
        if (confirm) expect(confirm.asked).toHaveLength(4);
      }
      // A Microsoft host with a CA the renderer chose is a new destination too.
      const confirm = scriptedConfirm('decline');
      const { call } = app({ confirm }, { tokens: { ...createServices({ runtime }).tokens, store } });
      const r = await call('probes.run', {
        tokenSetId: id,
        mailbox: 'servicedesk@contoso.com',
        protocols: ['imap'],
        overrides: { imap: { caPem: emulator.caPem } },
      });
      expect(codeOf(r)).toBe('PROBE_HOST_NOT_CONFIRMED');
      expect(confirm.asked[0]?.detail).toMatch(/certificate authority you added/);
      expect(attacker.connections()).toBe(0);
      expect(attacker.received()).toBe('');
    } finally {
      await attacker.close();
    }
  });

  it('a confirmed server echoing the token back cut into words: no piece of it reaches the renderer', async () => {
    // An IMAP server over TLS that answers AUTHENTICATE with the bearer token it was sent, split by spaces.
    const cert = await emulator.issueCertificate({ dns: ['localhost'], ip: ['127.0.0.1'] });
    const server = createTlsServer({ cert: cert.certPem, key: cert.keyPem }, (s) => {
      s.on('error', () => undefined);
      s.write('* OK IMAP4rev1 ready\r\n');
      let buffer = '';
      s.on('data', (d) => {
        buffer += d.toString('latin1');
        for (let i = buffer.indexOf('\r\n'); i >= 0; i = buffer.indexOf('\r\n')) {
          const line = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          const [tag = '*', command = '', , blob = ''] = line.split(' ');
          if (/^CAPABILITY$/i.test(command)) s.write(`* CAPABILITY IMAP4rev1 AUTH=XOAUTH2\r\n${tag} OK done\r\n`);
          else if (/^AUTHENTICATE$/i.test(command)) {
            const sasl = Buffer.from(blob, 'base64').toString('utf8').split('\u0001');
            const token = sasl.find((p) => p.startsWith('auth=Bearer '))?.slice('auth=Bearer '.length) ?? '';
            const words = (token.match(/.{1,7}/g) ?? []).join(' ');
            s.write(`${tag} NO [AUTHENTICATIONFAILED] unknown token ${words}\r\n`);
          } else s.write(`${tag} OK\r\n`);
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      const { store, id } = storeWithRun();
      const confirm = scriptedConfirm('accept');
      const { call } = app({ confirm }, { tokens: { ...createServices({ runtime }).tokens, store } });
      const r = await call<{ results: { outcome: string; serverWords: string[] }[] }>('probes.run', {
        tokenSetId: id,
        mailbox: 'servicedesk@contoso.com',
        protocols: ['imap'],
        phaseTimeoutMs: 5_000,
        overrides: { imap: { host: '127.0.0.1', port, caPem: emulator.caPem } },
      });
      expect(r.ok, JSON.stringify(r)).toBe(true);
      if (!r.ok) return;
      const words = r.value.results[0]?.serverWords.join('\n') ?? '';
      expect(words).toMatch(/unknown token \[token part redacted\]/);
      const text = JSON.stringify(r);
      for (let i = 0; i + 6 <= ACCESS_TOKEN.length; i += 3) expect(text).not.toContain(ACCESS_TOKEN.slice(i, i + 6));
    } finally {
      await new Promise<void>((res) => server.close(() => res()));
    }
  });
});

describe('a saved profile’s client secret', () => {
  const browsers: AuthBrowserFactory = async () => ({
    authorize: async () => ({ kind: 'cancelled' }),
    dispose: async () => undefined,
  });
  const saveWithSecret = async (call: ReturnType<typeof app>['call'], name: string, config = RUN) => {
    const r = await call<{ id: string }>('profiles.save', { name, config, secret: { action: 'value', value: SECRET } });
    if (!r.ok) throw new Error(r.error.code);
    return r.value.id;
  };
  const start = (call: ReturnType<typeof app>['call'], profileId: string, over: Record<string, unknown>) => {
    const { presetId, cloud, tenant, clientId, redirectUri, scopes, signInAccount } = RUN;
    return call('authorize.start', {
      profileId,
      presetId,
      cloud,
      tenant,
      clientId,
      redirectUri,
      scopes,
      signInAccount,
      ...over,
    });
  };
  const attackerAuthority = (port: number) => ({
    cloud: 'custom',
    customAuthority: {
      authorityHost: `127.0.0.1:${port}`,
      graphHost: 'graph.microsoft.com',
      outlookResourceHost: 'outlook.office.com',
    },
  });

  it('authorize.start with the profile and a renderer-chosen custom authority: refused, nothing posted there', async () => {
    const attacker = await recorder();
    try {
      const vault = new AesGcmVault();
      const { call } = app({ authorize: { browsers }, profiles: { dir: join(dir, 'a'), vault } });
      const id = await saveWithSecret(call, 'ServiceNow prod');
      const r = await start(call, id, attackerAuthority(attacker.port));
      expect(codeOf(r)).toBe('PROFILE_SECRET_BINDING_CHANGED');
      for (const over of [
        { tenant: 'fabrikam.onmicrosoft.com' },
        { clientId: '11111111-1111-1111-1111-111111111111' },
        { redirectUri: 'https://evil.test/cb' },
      ])
        expect(codeOf(await start(call, id, over)), JSON.stringify(over)).toBe('PROFILE_SECRET_BINDING_CHANGED');
      await new Promise((res) => setTimeout(res, 200));
      expect(attacker.connections()).toBe(0);
    } finally {
      await attacker.close();
    }
  });

  it('profiles.save with secret “keep” cannot move the secret to another authority, tenant, client or redirect URI', async () => {
    const { call } = app({ authorize: { browsers }, profiles: { dir: join(dir, 'b'), vault: new AesGcmVault() } });
    const id = await saveWithSecret(call, 'ServiceNow prod');
    const moved = await call('profiles.save', {
      id,
      name: 'ServiceNow prod',
      config: { ...RUN, ...attackerAuthority(1) },
      secret: { action: 'keep' },
    });
    expect(codeOf(moved)).toBe('PROFILE_SECRET_BINDING_CHANGED');
    // Renaming and changing what the secret does not go to (scopes, mailbox) keeps it.
    const renamed = await call<{ hasSecret: boolean }>('profiles.save', {
      id,
      name: 'ServiceNow production',
      config: { ...RUN, scopes: [...RUN.scopes, 'https://outlook.office.com/POP.AccessAsUser.All'] },
      secret: { action: 'keep' },
    });
    expect(renamed.ok && renamed.value.hasSecret).toBe(true);
    // A run's secret is saved only with the run's own values.
    const { store, id: runId } = storeWithRun();
    const fromRun = app(
      { profiles: { dir: join(dir, 'b'), vault: new AesGcmVault() } },
      { tokens: { ...createServices({ runtime }).tokens, store } },
    );
    const r = await fromRun.call('profiles.save', {
      name: 'stolen',
      config: { ...RUN, ...attackerAuthority(1) },
      secret: { action: 'fromTokenSet', tokenSetId: runId },
    });
    expect(codeOf(r)).toBe('RUN_SECRET_BINDING');
  });

  it('two profiles’ ciphertexts swapped in profiles.json: the secret is not used for the other profile', async () => {
    const attacker = await recorder();
    try {
      const profilesDir = join(dir, 'c');
      const vault = new AesGcmVault();
      const { call } = app({ authorize: { browsers }, profiles: { dir: profilesDir, vault } });
      const victim = await saveWithSecret(call, 'ServiceNow prod');
      const evilConfig = { ...RUN, ...attackerAuthority(attacker.port) } as typeof RUN;
      const evil = (await call<{ id: string }>('profiles.save', {
        name: 'Test tenant',
        config: evilConfig,
        secret: { action: 'value', value: 'attacker-chosen-secret-value' },
      })) as { ok: true; value: { id: string } };
      const path = join(profilesDir, 'profiles.json');
      const file = JSON.parse(readFileSync(path, 'utf8')) as { profiles: { id: string; secret: unknown }[] };
      const a = file.profiles.find((p) => p.id === victim);
      const b = file.profiles.find((p) => p.id === evil.value.id);
      if (!a || !b) throw new Error('profiles missing');
      [a.secret, b.secret] = [b.secret, a.secret];
      writeFileSync(path, JSON.stringify(file));
      const { presetId, tenant, clientId, redirectUri, scopes, signInAccount } = RUN;
      const r = await call('authorize.start', {
        profileId: evil.value.id,
        presetId,
        ...attackerAuthority(attacker.port),
        tenant,
        clientId,
        redirectUri,
        scopes,
        signInAccount,
      });
      expect(codeOf(r)).toBe('PROFILE_SECRET_MISBOUND');
      await new Promise((res) => setTimeout(res, 200));
      expect(attacker.connections()).toBe(0);
    } finally {
      await attacker.close();
    }
  });
});

describe('handover.copy and the clipboard', () => {
  it('the renderer’s acknowledgeTokenRisk / override flags are refused; tokens and the secret wait for main’s dialog', async () => {
    const { store, id } = storeWithRun();
    const clipboard = new MemoryClipboard();
    const confirm: ScriptedConfirm = scriptedConfirm('decline');
    const { call } = app(
      { handover: { clipboard }, confirm },
      { tokens: { ...createServices({ runtime }).tokens, store } },
    );
    for (const fieldKey of ['refreshToken', 'accessToken', 'clientSecret']) {
      expect(codeOf(await call('handover.copy', { tokenSetId: id, fieldKey, acknowledgeTokenRisk: true }))).toBe(
        'INVALID_REQUEST',
      );
      expect(codeOf(await call('handover.copy', { tokenSetId: id, fieldKey, override: true }))).toBe('INVALID_REQUEST');
      const r = await call<{ copied: boolean }>('handover.copy', { tokenSetId: id, fieldKey });
      expect(r.ok && r.value.copied, fieldKey).toBe(false);
    }
    expect(confirm.asked.map((q) => q.confirmLabel)).toEqual(['Copy token', 'Copy token', 'Copy secret']);
    expect(clipboard.peek()).toBe('');
  });

  it('a secret copied just before quitting is cleared by the quit flush (what main.ts runs on before-quit)', async () => {
    const { store, id } = storeWithRun();
    const clipboard = new MemoryClipboard();
    const { call, services } = app(
      { handover: { clipboard, clipboardClearMs: 60_000 }, confirm: scriptedConfirm('accept') },
      { tokens: { ...createServices({ runtime }).tokens, store } },
    );
    // The guard main.ts flushes is the one the copy used.
    const guard = createServicesGuard(services);
    expect((await call<{ copied: boolean }>('handover.copy', { tokenSetId: id, fieldKey: 'clientSecret' })).ok).toBe(
      true,
    );
    expect(clipboard.peek()).toBe(SECRET);
    await guard.flush();
    expect(clipboard.peek()).toBe('');
  });
});

/** services.handover.guard, the guard main.ts flushes on quit. */
function createServicesGuard(services: Services) {
  const guard = services.handover.guard;
  if (guard === undefined) throw new Error('no clipboard guard built');
  return guard;
}

describe('a lying authority', () => {
  it('a custom authority that signs whatever it likes gets the amber CUSTOM_AUTHORITY verdict naming it, never VERIFIED', async () => {
    const browsers: AuthBrowserFactory = async () => ({
      authorize: async (url, redirectUri) => {
        const r = await fetchLogin(url, {
          upn: 'servicedesk@contoso.test',
          password: emulator.directory.users.servicedesk.password ?? '',
        });
        return r.callbackUrl && matchesRedirectUri(r.callbackUrl, redirectUri)
          ? { kind: 'callback', callbackUrl: r.callbackUrl }
          : { kind: 'cancelled' };
      },
      dispose: async () => undefined,
    });
    emulator.trustInProcess();
    const { call } = app({
      authorize: { browsers, network: () => createNetworkModule({ ca: emulator.caPem, timeoutMs: 5000 }) },
    });
    const appReg = emulator.directory.apps.servicenow;
    const started = await call<{ flowId: string }>('authorize.start', {
      cloud: 'custom',
      customAuthority: { authorityHost: emulator.host, graphHost: emulator.host, outlookResourceHost: emulator.host },
      tenant: 'contoso.test',
      clientId: appReg.clientId,
      clientSecret: appReg.secret.value,
      redirectUri: appReg.redirectUris[0] ?? '',
      signInAccount: 'servicedesk@contoso.test',
      scopes: ['https://outlook.office.com/IMAP.AccessAsUser.All', 'offline_access', 'openid', 'profile'],
    });
    expect(started.ok).toBe(true);
    let state: Result<{ kind: string; result?: { verdict: { code: string; ok: boolean; sentence: string } } }>;
    do state = await call('authorize.status', { waitWhile: 'opening', waitMs: 2_000 });
    while (
      state.ok &&
      !['done', 'failed', 'cancelled'].includes(state.value.kind) &&
      (await call('authorize.status', { waitWhile: state.value.kind as 'signing-in', waitMs: 5_000 })).ok
    );
    const final = await call<{ kind: string; result?: { verdict: { code: string; sentence: string } } }>(
      'authorize.status',
      {},
    );
    expect(final.ok && final.value.kind, JSON.stringify(final)).toBe('done');
    if (!final.ok) return;
    expect(final.value.result?.verdict.code).toBe('CUSTOM_AUTHORITY');
    expect(final.value.result?.verdict.sentence).toContain(
      `Microsoft did not issue these tokens: the custom authority ${emulator.host} did`,
    );
  });
});
