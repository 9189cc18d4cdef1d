// The composition root of the plain-Node services. electron/main.ts and the test harness hand over platform
// adapters (isolated browsers, clipboard, save dialog, secret vault) and configuration (trusted issuers, an
// authority base, probe endpoints, the data folder), grouped by the feature that uses them; createServices
// builds each stateful service once — token store, signature verifier, authorize flow, profile store, product
// session, audit, watch — so the features that read one share it (probes, hand-over and profiles read the
// authorize flow's token store, and the field sheet reads the Test mailbox results kept per run; the authorize flow,
// the hand-over and the audit tell Watch what they saw). The settings store is built first: the authorize flow's
// time limit and proxy, the probes' proxy and the clipboard's clear delay read it at each use.
// handlers.ts turns the result into the contract's handler table.
import type { INetworkModule } from '@azure/msal-node';
import type { ProbeOverrides } from '../../../shared/probes/schema';
import type { Settings } from '../../../shared/settings/schema';
import type { RuntimeFacts } from '../app/app-info';
import type { ConfirmDialog } from '../app/confirm-dialog';
import { AppOnlyRunStore } from '../app-only/app-only-runs';
import { CertificateKeeper } from '../app-only/certificate-file';
import { AuditService, type AuditDeps } from '../audit/audit-service';
import { AuthorizeService, type AuthorizeDeps } from '../authorize/authorize-service';
import type { OpenFileDialog } from '../authorize/ca-file';
import type { DiagnoseConfig } from '../diagnose/diagnose-handlers';
import { globalFetch } from '../diagnose/online-requests';
import { ClipboardGuard } from '../handover/clipboard-guard';
import type { HandoverPorts } from '../handover/handover-handlers';
import { ProbeResultsStore } from '../probes/probe-results';
import { ProductSessionService, type ProductSessionDeps } from '../product-session/product-session';
import { ProfileStore, type ProfileStoreOptions } from '../profiles/profile-store';
import { TokenStore } from '../tokens/token-store';
import { createTokenVerifier, type TokenVerifier, type TokenVerifierOptions } from '../tokens/token-verifier';
import { WatchService, type WatchDeps } from '../watch/watch-service';
import type { FolderOpener } from '../settings/folder-opener';
import { SettingsStore } from '../settings/settings-store';

/** What main.ts (or the harness) provides: adapters and configuration by feature; absent ones answer NOT_AVAILABLE. */
export interface ServiceDeps {
  readonly runtime: RuntimeFacts;
  /** Where the services write their log lines (main.ts: the redacting file logger); default nowhere. */
  readonly log?: (line: string) => void;
  /**
   * The main-side confirmation (Electron's message box; the harness answers as configured): asked before a stored
   * token goes to a probe host outside the run's cloud, and before a token, a secret or a failing value is copied.
   * Absent: those actions are refused.
   */
  readonly confirm?: ConfirmDialog;
  /** Signature checks: issuer hosts trusted besides Microsoft's login hosts and the fetch that reaches them. */
  readonly tokens?: { readonly verifier?: TokenVerifierOptions };
  /** The isolated browser a flow signs in with (and an MSAL network override, for tests). */
  readonly authorize?: Pick<AuthorizeDeps, 'browsers' | 'network' | 'now'>;
  /** Main's open dialog for a custom authority's CA file (Electron's; the harness answers with a set path). */
  readonly caDialog?: OpenFileDialog;
  /** The fetch online diagnose uses (default the platform's) and an authority base instead of the cloud's. */
  readonly diagnose?: Partial<DiagnoseConfig>;
  /** Endpoints for protocols a probe request names none for (the harness: Dovecot and the emulator on loopback). */
  readonly probes?: { readonly defaults?: ProbeOverrides };
  /** Clipboard, save dialog, clipboard clear delay. */
  readonly handover?: HandoverPorts;
  /** The data folder saved profiles live in and the vault that seals their secrets. */
  readonly profiles?: ProfileStoreOptions;
  /** The product session's isolated browser and the custom authority hosts it always watches. */
  readonly productSession?: Omit<ProductSessionDeps, 'log' | 'verifier'>;
  /** The isolated browser the admin signs in with for an audit (and, for tests, Graph's fetch and MSAL's network). */
  readonly audit?: Pick<AuditDeps, 'browsers' | 'fetch' | 'network' | 'now'>;
  /** The OS notification adapter Watch warns through, its window and check interval. */
  readonly watch?: Pick<WatchDeps, 'notifier' | 'windowDays' | 'intervalMs' | 'now'>;
  /** The app-only test's MSAL network (tests); default node:https trusting the custom authority's CA. */
  readonly appOnly?: { readonly network?: INetworkModule; readonly certificateDialog?: OpenFileDialog };
  /**
   * Where settings.json lives (the data folder; absent: in memory only), starting values for a store without a
   * folder, the folder the log is written to and the port that opens it.
   */
  readonly settings?: {
    readonly dir?: string;
    readonly initial?: Partial<Settings>;
    readonly logFolder?: string;
    readonly folderOpener?: FolderOpener;
  };
}

/** The built services, one entry per feature; each feature's *-handlers.ts reads the entries it names. */
export interface Services {
  readonly runtime: RuntimeFacts;
  readonly confirm: ConfirmDialog | undefined;
  readonly tokens: { readonly store: TokenStore; readonly verifier: TokenVerifier };
  readonly authorize: AuthorizeService | undefined;
  readonly caDialog: OpenFileDialog | undefined;
  readonly diagnose: DiagnoseConfig;
  readonly probes: {
    readonly defaults?: ProbeOverrides | undefined;
    readonly results: ProbeResultsStore;
    readonly proxyUrl: () => string;
  };
  /** The hand-over's ports, and the clipboard guard main.ts flushes on quit (absent without a clipboard). */
  readonly handover: HandoverPorts & { readonly guard?: ClipboardGuard | undefined };
  readonly profiles: ProfileStore | undefined;
  readonly productSession: ProductSessionService | undefined;
  readonly audit: AuditService | undefined;
  /** Present with a profile store: Watch reads and keeps its facts in the saved profiles. */
  readonly watch: WatchService | undefined;
  readonly appOnly: {
    readonly network?: INetworkModule | undefined;
    readonly certificates: CertificateKeeper;
    readonly dialog?: OpenFileDialog | undefined;
    readonly runs: AppOnlyRunStore;
  };
  readonly settings: {
    readonly store: SettingsStore;
    readonly logFolder?: string | undefined;
    readonly folderOpener?: FolderOpener | undefined;
  };
}

export function createServices(deps: ServiceDeps): Services {
  const { log } = deps;
  const settings = new SettingsStore({
    ...(deps.settings?.dir === undefined ? {} : { dir: deps.settings.dir }),
    ...(deps.settings?.initial === undefined ? {} : { initial: deps.settings.initial }),
  });
  // Read the file now; until it is read (a few milliseconds) the defaults apply.
  void settings.load();
  const proxyUrl = (): string => settings.current.proxyUrl;
  const store = new TokenStore();
  // One verifier for pasted tokens and for the authorize flow's ID tokens, so both trust the same issuers.
  const verifier = createTokenVerifier(deps.tokens?.verifier);
  const handover = deps.handover ?? {};
  const clearAfter = handover.clipboardClearMs;
  // The clipboard clears copied secrets after the delay set in Settings, unless the caller fixed one (tests).
  const clearMs =
    typeof clearAfter === 'function' ? clearAfter : () => clearAfter ?? settings.current.clipboardClearSeconds * 1000;
  const profiles = deps.profiles && new ProfileStore(deps.profiles);
  const watch = profiles && new WatchService({ ...deps.watch, profiles, log });
  const report = (what: string) => (e: unknown) => log?.(`watch: ${what} not recorded: ${String(e)}`);
  // A verified run with a saved profile is "the last successful authorization" Watch shows for it.
  const onVerified: AuthorizeDeps['onVerified'] = (run) => {
    if (watch && run.profileId !== undefined && run.ok)
      watch.recordAuthorized(run.profileId, run.at).catch(report('an authorization'));
  };
  return {
    runtime: deps.runtime,
    confirm: deps.confirm,
    tokens: { store, verifier },
    authorize:
      deps.authorize && new AuthorizeService({ ...deps.authorize, store, verifier, log, onVerified, proxyUrl }),
    caDialog: deps.caDialog,
    diagnose: { fetch: deps.diagnose?.fetch ?? globalFetch, authorityBase: deps.diagnose?.authorityBase },
    probes: { defaults: deps.probes?.defaults, results: new ProbeResultsStore(), proxyUrl },
    // One guard per app, built here so main.ts can flush it on quit and every copy shares its pending clears.
    handover: { ...handover, guard: handover.clipboard && new ClipboardGuard(handover.clipboard, clearMs) },
    profiles,
    // The product session's identity check verifies ID tokens from Microsoft's hosts with the same verifier.
    productSession: deps.productSession && new ProductSessionService({ verifier, ...deps.productSession, log }),
    audit:
      deps.audit &&
      new AuditService({
        ...deps.audit,
        profiles,
        log,
        onSaved: () => void watch?.check().catch(report('an audit')),
      }),
    watch,
    appOnly: {
      network: deps.appOnly?.network,
      certificates: new CertificateKeeper(),
      runs: new AppOnlyRunStore(),
      dialog: deps.appOnly?.certificateDialog,
    },
    settings: {
      store: settings,
      logFolder: deps.settings?.logFolder,
      folderOpener: deps.settings?.folderOpener,
    },
  };
}
