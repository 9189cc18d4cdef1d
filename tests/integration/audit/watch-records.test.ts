// What the app saw, recorded for Watch through the real composition root (createServices) against the emulator: a
// verified authorize run started with a saved profile sets its "last authorized here", and exporting that run's
// refresh token sets the token's issue time, from which Watch counts 90 days.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixedPathDialog } from '../../../electron/services/handover/save-dialog';
import { createHandlers } from '../../../electron/services/ipc/handlers';
import { createServices } from '../../../electron/services/ipc/services';
import { AesGcmVault } from '../../../electron/services/profiles/vault';
import { createNetworkModule } from '../../../electron/services/authorize/msal-network';
import { matchesRedirectUri } from '../../../shared/authorize/redirect-uri';
import { startEmulator, type Emulator } from '../../emulator';
import { fetchLogin } from '../../emulator/fetch-login';
import { serviceNowOnEmulator } from '../../support/emulator-registration';

let emu: Emulator;
let dir: string;
beforeAll(async () => {
  emu = await startEmulator();
  emu.trustInProcess();
  dir = mkdtempSync(join(tmpdir(), 'mah-watch-records-'));
});
afterAll(async () => {
  await emu.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('a verified run with a profile and its exported refresh token are what Watch keeps for that profile', async () => {
  const desk = emu.directory.users.servicedesk;
  const services = createServices({
    runtime: { name: 't', version: '0', platform: 'linux', runtime: 'node', versions: {} },
    authorize: {
      browsers: async () => ({
        authorize: async (url, redirectUri) => {
          const r = await fetchLogin(url, { upn: desk.upn, password: desk.password ?? '' });
          return r.callbackUrl && matchesRedirectUri(r.callbackUrl, redirectUri)
            ? { kind: 'callback', callbackUrl: r.callbackUrl }
            : { kind: 'cancelled' };
        },
        dispose: async () => undefined,
      }),
      network: () => createNetworkModule({ ca: emu.caPem }),
    },
    tokens: { verifier: { trustedIssuerHosts: [emu.host] } },
    profiles: { dir, vault: new AesGcmVault(Buffer.alloc(32, 5)) },
    handover: { saveDialog: fixedPathDialog((o) => join(dir, o.defaultName ?? 'x')) },
  });
  const handlers = createHandlers(services);
  const ctx = { senderUrl: 'app://renderer/', isMainFrame: true };
  const app = emu.directory.apps.servicenow;
  const config = {
    presetId: 'servicenow' as const,
    ...serviceNowOnEmulator(emu),
    scopes: ['https://outlook.office.com/IMAP.AccessAsUser.All', 'offline_access', 'openid'],
    signInAccount: desk.upn,
  };
  const profile = await handlers['profiles.save'](
    { name: 'Desk', config, secret: { action: 'value', value: app.secret.value } },
    ctx,
  );
  await handlers['authorize.start']({ ...config, profileId: profile.id, prompt: 'login' }, ctx);
  const state = await services.authorize?.settled();
  expect(state?.kind, JSON.stringify(state)).toBe('done');
  if (state?.kind !== 'done') return;
  await expect
    .poll(async () => (await services.profiles?.load(profile.id))?.watch?.lastAuthorizedAt)
    .toBe(new Date(services.tokens.store.get(state.result.tokenSetId)?.createdAt ?? 0).toISOString());

  const exported = await handlers['handover.export'](
    { tokenSetId: state.result.tokenSetId, format: 'json', includeClientSecret: false, includeRefreshToken: true },
    ctx,
  );
  expect(exported.saved).toBe(true);
  const kept = await services.profiles?.load(profile.id);
  expect(kept?.watch?.refreshTokenIssuedAt).toBe(kept?.watch?.lastAuthorizedAt);
  const status = await handlers['watch.status']({}, ctx);
  expect(status.connections[0]?.events.map((e) => `${e.kind}:${e.daysLeft}`)).toEqual(['refresh-token:90']);
});
