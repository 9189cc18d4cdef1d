// Builds the handler table from the services. This is the one place where services meet the contract;
// Electron (ipc.ts) and the harness bind the same table. Each feature's *-handlers.ts answers its own
// namespace; this file only spreads them.
import type { ProbeOverrides, ProbeProtocol } from '../../../shared/probes/schema';
import { createAppHandlers } from '../app/app-handlers';
import type { RuntimeFacts } from '../app/app-info';
import { createAuthorizeHandlers } from '../authorize/authorize-handlers';
import type { AuthorizeService } from '../authorize/authorize-service';
import { createDiagnoseHandlers } from '../diagnose/diagnose-handlers';
import { globalFetch, type FetchLike } from '../diagnose/diagnose-online';
import { createHandoverHandlers, type HandoverDeps } from '../handover/handover-handlers';
import { createProbesHandlers } from '../probes/probes-handlers';
import type { ProductSessionService } from '../product-session/product-session';
import { createProductSessionHandlers } from '../product-session/product-session-handlers';
import type { ProfileStore } from '../profiles/profile-store';
import { createProfilesHandlers } from '../profiles/profiles-handlers';
import type { TokenStore } from '../tokens/token-store';
import { createTokenVerifier, type TokenVerifier } from '../tokens/token-verifier';
import { createTokensHandlers } from '../tokens/tokens-handlers';
import type { HandlerTable } from './dispatch';

export interface ServiceDeps {
  readonly runtime: RuntimeFacts;
  /** Signature verification (tests inject one that trusts the emulator); default: Microsoft login hosts over global fetch. */
  readonly tokenVerifier?: TokenVerifier;
  /** Token store lookup for probes.run (id → access token); default: no token set is ever found. */
  readonly resolveToken?: (tokenSetId: string, protocol: ProbeProtocol) => Promise<string | undefined>;
  /** Where probes go when a request names no endpoint for a protocol (the harness: Dovecot and the emulator on loopback); default none. */
  readonly probeDefaults?: ProbeOverrides;
  /** The authorize flow; absent where no isolated browser exists (e.g. the CLI). */
  readonly authorize?: AuthorizeService;
  /** Network access for online diagnose (tests point it at the emulator); default global fetch. */
  readonly diagnoseFetch?: FetchLike;
  /** Authority base override (https://host:port) for online diagnose, e.g. the emulator. */
  readonly diagnoseAuthorityBase?: string;
  /** The authorize flow's token store, for the field sheet, copy, export and report; default: none (nothing found). */
  readonly tokenStore?: TokenStore;
  /** Clipboard, save dialog, profile store (with its vault) and clipboard clear delay; absent parts answer NOT_AVAILABLE. */
  readonly handover?: Omit<HandoverDeps, 'runtime' | 'tokenStore' | 'currentFlow' | 'profiles'> & {
    readonly profiles?: ProfileStore;
  };
  /** The clean product session; absent where no isolated browser exists (answers NOT_AVAILABLE). */
  readonly productSession?: ProductSessionService;
}

export function createHandlers(deps: ServiceDeps): HandlerTable {
  const profiles = deps.handover?.profiles;
  return {
    ...createAppHandlers(deps),
    ...createTokensHandlers({ verifier: deps.tokenVerifier ?? createTokenVerifier() }),
    ...createAuthorizeHandlers({ authorize: deps.authorize, profiles }),
    ...createDiagnoseHandlers({ fetch: deps.diagnoseFetch ?? globalFetch, authorityBase: deps.diagnoseAuthorityBase }),
    ...createProbesHandlers(deps),
    ...createHandoverHandlers({
      ...deps.handover,
      runtime: deps.runtime,
      ...(deps.tokenStore ? { tokenStore: deps.tokenStore } : {}),
      ...(deps.authorize ? { currentFlow: () => deps.authorize?.state } : {}),
    }),
    ...createProfilesHandlers({ profiles, tokenStore: deps.tokenStore }),
    ...createProductSessionHandlers(deps),
  };
}
