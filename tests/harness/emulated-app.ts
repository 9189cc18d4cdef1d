// The whole app against a test identity provider, through the harness: real renderer, real services (authorize with
// isolated Playwright contexts, token store, probes, online diagnose, verification). startAppWithIdp trusts the
// provider's CA only where the app itself does — the sign-in window for the authority host, MSAL's and the
// verifier's requests — so the authorize path is tested with nothing process-wide (the authorize e2e, against the
// emulator and oidc-provider). startEmulatedApp adds process-wide trust of the emulator (Chromium's SPKI pin, this
// process's TLS) for the specs that reach it outside that path (probes, diagnose, the product session), the
// benchmarks and `npm run demo`.
import { fixedOpenDialog } from '../../electron/services/authorize/ca-file';
import type { ConfirmDialog } from '../../electron/services/app/confirm-dialog';
import type { HandoverPorts } from '../../electron/services/handover/handover-handlers';
import type { ProfileStore, ProfileStoreOptions } from '../../electron/services/profiles/profile-store';
import { RecordingFolderOpener } from '../../electron/services/settings/folder-opener';
import type { Notifier, WatchNotification } from '../../electron/services/watch/notifier';
import type { Settings } from '../../shared/settings/schema';
import type { TokenStore } from '../../electron/services/tokens/token-store';
import { createCaFetch } from '../../electron/services/tokens/token-verifier';
import type { ProbeOverrides } from '../../shared/probes/schema';
import { startEmulator, type Emulator } from '../emulator';
import { playwrightAuthBrowsers } from './auth-browser';
import { startHarness, type Harness, type HarnessOptions } from './index';
import { pageQueue, type OpenedPage } from './page-queue';
import { emulatorAsTestIdp, type TestIdp } from './test-idp';

export interface IdpAppOptions extends Omit<HarnessOptions, 'deps' | 'chromiumArgs'> {
  readonly chromiumArgs?: readonly string[];
  /** Hand-over ports (clipboard, save dialog, clear delay) and a profile store the test may have filled. */
  readonly handover?: HandoverPorts & { readonly profiles?: ProfileStore };
  /** Where the probes go when the renderer names no host (Dovecot, an SMTP server, the emulator's Graph on loopback). */
  readonly probeDefaults?: ProbeOverrides;
  /**
   * Stands in for main's confirmation dialog (tests/support/confirm-dialog.ts answers as the test says). Without
   * one, whatever needs a person's yes (copying a secret or token, a probe to an unlisted host) is refused.
   */
  readonly confirm?: ConfirmDialog;
  /** A data folder for saved profiles built by the services themselves (so Watch runs over them, as in the app). */
  readonly profiles?: ProfileStoreOptions;
  /** Settings: a data folder for settings.json (else in memory), starting values, the log folder to show. */
  readonly settings?: { readonly dir?: string; readonly initial?: Partial<Settings>; readonly logFolder?: string };
  /** The PEM (key and certificate) main's dialog answers for the app-only test's "Choose certificate file…". */
  readonly appOnlyCertificateFile?: string;
}

export interface EmulatedAppOptions extends IdpAppOptions {
  /** Reuse a running emulator (tests that start several harnesses); otherwise one is started and stopped. */
  readonly emulator?: Emulator;
}

export interface AuthWindowFacts {
  readonly cookiesBeforeClear: number;
  readonly cookiesAfterClear: number;
}

export interface IdpApp {
  readonly harness: Harness;
  readonly idp: TestIdp;
  readonly store: TokenStore;
  /** Resolves with the next isolated sign-in page the app opens (tests sign in on it). */
  nextAuthPage(): Promise<OpenedPage>;
  /** Facts of each disposed isolated context, in order. */
  readonly disposed: readonly AuthWindowFacts[];
  /**
   * Resolves with `disposed` once it holds `count` contexts (the app closes a window a moment after its verdict);
   * rejects, naming both counts, if that has not happened within `timeoutMs`.
   */
  untilDisposed(count: number, timeoutMs?: number): Promise<readonly AuthWindowFacts[]>;
  /** Values the renderer should be filled with for the provider's ServiceNow-style app. */
  demoValues(): DemoValues;
  /** What Watch raised through the OS notification port, in order (the harness stands in for the OS). */
  readonly notifications: readonly WatchNotification[];
  /** Stands in for the system's file manager: the folders the app asked to open. */
  readonly folderOpener: RecordingFolderOpener;
  close(): Promise<void>;
}

export interface EmulatedApp extends IdpApp {
  readonly emulator: Emulator;
}

export interface DemoValues {
  readonly authorityHost: string;
  /** The CA's certificates, as main reads them from the file chosen in its dialog. */
  readonly caPem: string;
  readonly tenant: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
}

/** The app against `idp`, trusting its CA only where the app does. The caller owns (and stops) the provider. */
export async function startAppWithIdp(
  idp: TestIdp,
  options: IdpAppOptions = {},
  extra: { readonly chromiumArgs?: readonly string[]; readonly trustedIssuer?: boolean } = {},
): Promise<IdpApp> {
  const authPages = pageQueue();
  const disposed: AuthWindowFacts[] = [];
  const disposalWaiters: { readonly count: number; readonly resolve: (all: readonly AuthWindowFacts[]) => void }[] = [];
  const onDisposed = (facts: AuthWindowFacts): void => {
    disposed.push(facts);
    for (const w of disposalWaiters.filter((x) => disposed.length >= x.count)) {
      disposalWaiters.splice(disposalWaiters.indexOf(w), 1);
      w.resolve(disposed);
    }
  };
  const untilDisposed = (count: number, timeoutMs = 10_000): Promise<readonly AuthWindowFacts[]> =>
    disposed.length >= count
      ? Promise.resolve(disposed)
      : new Promise((resolve, reject) => {
          const timer = setTimeout(() => {
            disposalWaiters.splice(disposalWaiters.indexOf(waiter), 1);
            reject(new Error(`${disposed.length} sign-in contexts closed after ${timeoutMs} ms, not ${count}`));
          }, timeoutMs);
          const waiter = {
            count,
            resolve: (all: readonly AuthWindowFacts[]) => {
              clearTimeout(timer);
              resolve(all);
            },
          };
          disposalWaiters.push(waiter);
        });
  const { profiles, ...handover } = options.handover ?? {};
  const notifications: WatchNotification[] = [];
  const recorder: Notifier = {
    notify: (n) => {
      notifications.push(n);
      return true;
    },
  };
  const folderOpener = new RecordingFolderOpener();
  const harness = await startHarness({
    ...options,
    chromiumArgs: [...(extra.chromiumArgs ?? []), ...(options.chromiumArgs ?? [])],
    deps: (browser) => ({
      authorize: {
        browsers: playwrightAuthBrowsers(() => browser, {
          onPage: authPages.opened,
          onDisposed,
        }),
      },
      // The admin's audit sign-in: its own clean context per audit, handed to tests like the authorize pages.
      audit: {
        browsers: playwrightAuthBrowsers(() => browser, {
          onPage: authPages.opened,
          onDisposed,
        }),
      },
      watch: { notifier: recorder },
      ...(options.profiles ? { profiles: options.profiles } : {}),
      // The admin's choice in main's open dialog: the provider's CA file.
      caDialog: fixedOpenDialog(() => idp.caPath),
      ...(options.appOnlyCertificateFile === undefined
        ? {}
        : { appOnly: { certificateDialog: fixedOpenDialog(() => options.appOnlyCertificateFile) } }),
      ...(extra.trustedIssuer
        ? { tokens: { verifier: { fetch: createCaFetch(idp.caPem), trustedIssuerHosts: [idp.host] } } }
        : {}),
      diagnose: { authorityBase: `https://${idp.host}` },
      handover,
      probes: { defaults: options.probeDefaults },
      ...(options.confirm ? { confirm: options.confirm } : {}),
      settings: { ...options.settings, folderOpener },
    }),
    ...(profiles ? { services: { profiles } } : {}),
  });
  // As main.ts does once the window is up: Watch checks now and daily, and a clean sign-in window is kept ready.
  harness.services.watch?.start();
  harness.services.authorize?.prepare();
  return {
    harness,
    idp,
    store: harness.services.tokens.store,
    disposed,
    untilDisposed,
    notifications,
    folderOpener,
    nextAuthPage: authPages.next,
    demoValues: () => ({
      authorityHost: idp.host,
      caPem: idp.caPem,
      tenant: idp.tenant,
      clientId: idp.app.clientId,
      clientSecret: idp.app.clientSecret,
      redirectUri: idp.app.redirectUri,
    }),
    close: async () => {
      harness.services.watch?.stop();
      await harness.close();
    },
  };
}

export async function startEmulatedApp(options: EmulatedAppOptions = {}): Promise<EmulatedApp> {
  const emulator = options.emulator ?? (await startEmulator());
  const ownsEmulator = options.emulator === undefined;
  emulator.trustInProcess();
  let app: IdpApp;
  try {
    app = await startAppWithIdp(emulatorAsTestIdp(emulator), options, {
      chromiumArgs: [`--ignore-certificate-errors-spki-list=${emulator.spkiHash}`],
      trustedIssuer: true,
    });
  } catch (e) {
    if (ownsEmulator) await emulator.stop();
    throw e;
  }
  return {
    ...app,
    emulator,
    close: async () => {
      await app.close();
      if (ownsEmulator) await emulator.stop();
    },
  };
}
