// A custom authority whose certificate this app does not trust: discovery fails with a certificate error, and the
// flow says so (IDP_TLS naming the host), not "check the network" (IDP_UNREACHABLE). Its own file: nothing here
// trusts the emulator process-wide (the other authorize tests do, for their browserless sign-in).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AuthorizeService } from '../../../electron/services/authorize/authorize-service';
import { TokenStore } from '../../../electron/services/tokens/token-store';
import type { AuthorizeConfig } from '../../../shared/authorize/schema';
import { startEmulator, type Emulator } from '../../emulator';
import { createCertificateAuthority } from '../../emulator/pki';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu.stop();
});

async function run(caPem: string | undefined): Promise<{ code: string; message: string }> {
  let browserOpened = false;
  const svc = new AuthorizeService({
    browsers: async () => {
      browserOpened = true;
      return { authorize: async () => ({ kind: 'cancelled' }), dispose: async () => undefined };
    },
    store: new TokenStore(),
  });
  const app = emu.directory.apps.servicenow;
  const cfg: AuthorizeConfig = {
    cloud: 'custom',
    customAuthority: {
      authorityHost: emu.host,
      graphHost: emu.host,
      outlookResourceHost: emu.host,
      ...(caPem === undefined ? {} : { caPem }),
    },
    tenant: 'contoso.test',
    clientId: app.clientId,
    clientSecret: app.secret.value,
    redirectUri: app.redirectUris[0] ?? '',
    signInAccount: 'servicedesk@contoso.test',
    scopes: ['openid'],
    prompt: 'login',
    timeoutMs: 10_000,
  };
  svc.start(cfg);
  const s = await svc.settled();
  expect(browserOpened).toBe(false);
  return s.kind === 'failed' ? s.error : { code: s.kind, message: '' };
}

it('no CA file for a private CA: IDP_TLS naming the host, before any window opens', async () => {
  const e = await run(undefined);
  expect(e.code).toBe('IDP_TLS');
  expect(e.message).toContain(emu.host);
});

it('the CA file of another CA: IDP_TLS as well', async () => {
  const e = await run((await createCertificateAuthority()).certPem);
  expect(e.code).toBe('IDP_TLS');
});
