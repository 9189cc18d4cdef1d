// The whole app against the built-in Entra emulator, through the harness: real renderer, real services
// (authorize with isolated Playwright contexts, token store, probes, online diagnose, verification) and the
// emulator's certificate trusted by Chromium (SPKI pin) and by this process. Used by the e2e specs, the
// benchmarks and `npm run demo`.
import type { HandoverPorts } from '../../electron/services/handover/handover-handlers';
import type { ProfileStore } from '../../electron/services/profiles/profile-store';
import type { TokenStore } from '../../electron/services/tokens/token-store';
import { createCaFetch } from '../../electron/services/tokens/token-verifier';
import type { ProbeOverrides } from '../../shared/probes/schema';
import { startEmulator, type Emulator } from '../emulator';
import { playwrightAuthBrowsers } from './auth-browser';
import { startHarness, type Harness, type HarnessOptions } from './index';
import { pageQueue, type OpenedPage } from './page-queue';

export interface EmulatedAppOptions extends Omit<HarnessOptions, 'deps' | 'chromiumArgs'> {
  /** Reuse a running emulator (tests that start several harnesses); otherwise one is started and stopped. */
  readonly emulator?: Emulator;
  /** Authorize window time limit, passed through to the flow by the renderer's default. */
  readonly chromiumArgs?: readonly string[];
  /** Hand-over ports (clipboard, save dialog, clear delay) and a profile store the test may have filled. */
  readonly handover?: HandoverPorts & { readonly profiles?: ProfileStore };
  /** Where the probes go when the renderer names no host (Dovecot, an SMTP server, the emulator's Graph on loopback). */
  readonly probeDefaults?: ProbeOverrides;
}

export interface AuthWindowFacts {
  readonly cookiesBeforeClear: number;
  readonly cookiesAfterClear: number;
}

export interface EmulatedApp {
  readonly harness: Harness;
  readonly emulator: Emulator;
  readonly store: TokenStore;
  /** Resolves with the next isolated sign-in page the app opens (tests sign in on it). */
  nextAuthPage(): Promise<OpenedPage>;
  /** Facts of each disposed isolated context, in order. */
  readonly disposed: readonly AuthWindowFacts[];
  /** Values the renderer should be filled with for an emulated ServiceNow-style app. */
  demoValues(): DemoValues;
  close(): Promise<void>;
}

export interface DemoValues {
  readonly authorityHost: string;
  readonly caFile: string;
  readonly tenant: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
}

export async function startEmulatedApp(options: EmulatedAppOptions = {}): Promise<EmulatedApp> {
  const emulator = options.emulator ?? (await startEmulator());
  const ownsEmulator = options.emulator === undefined;
  emulator.trustInProcess();
  const authPages = pageQueue();
  const disposed: AuthWindowFacts[] = [];
  const { profiles, ...handover } = options.handover ?? {};

  let harness: Harness;
  try {
    harness = await startHarness({
      ...options,
      chromiumArgs: [`--ignore-certificate-errors-spki-list=${emulator.spkiHash}`, ...(options.chromiumArgs ?? [])],
      deps: (browser) => ({
        authorize: {
          browsers: playwrightAuthBrowsers(() => browser, {
            onPage: authPages.opened,
            onDisposed: (facts) => disposed.push(facts),
          }),
        },
        tokens: { verifier: { fetch: createCaFetch(emulator.caPem), trustedIssuerHosts: [emulator.host] } },
        diagnose: { authorityBase: emulator.baseUrl },
        handover,
        probes: { defaults: options.probeDefaults },
      }),
      ...(profiles ? { services: { profiles } } : {}),
    });
  } catch (e) {
    if (ownsEmulator) await emulator.stop();
    throw e;
  }

  return {
    harness,
    emulator,
    store: harness.services.tokens.store,
    disposed,
    nextAuthPage: authPages.next,
    demoValues: () => {
      const app = emulator.directory.apps.servicenow;
      return {
        authorityHost: emulator.host,
        caFile: emulator.caPath,
        tenant: 'contoso.test',
        clientId: app.clientId,
        clientSecret: app.secret.value,
        redirectUri: app.redirectUris[0] ?? '',
      };
    },
    close: async () => {
      await harness.close();
      if (ownsEmulator) await emulator.stop();
    },
  };
}
