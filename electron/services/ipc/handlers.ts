// Builds the handler table from the services. This is the one place where services meet the contract;
// Electron (ipc.ts) and the harness bind the same table.
import type { ProbeOverrides, ProbeProtocol } from '../../../shared/probes/schema';
import { CodedError } from '../../../shared/result';
import { appInfo, type RuntimeFacts } from '../app/app-info';
import type { AuthorizeService } from '../authorize/authorize-service';
import { diagnoseOnline, type FetchLike } from '../diagnose/diagnose-online';
import type { HandlerTable } from './dispatch';
import { createTokenVerifier, type TokenVerifier } from '../tokens/token-verifier';
import { createProbeHandlers } from '../probes/probe-handlers';
import { createHandoverHandlers, type HandoverDeps } from '../handover/handover-handlers';
import type { TokenStore } from '../tokens/token-store';
import type { ProductSessionService } from '../product-session/product-session';
import { createProductSessionHandlers } from '../product-session/product-session-handlers';

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
  readonly handover?: Omit<HandoverDeps, 'runtime' | 'tokenStore' | 'currentFlow'>;
  /** The clean product session; absent where no isolated browser exists (answers NOT_AVAILABLE). */
  readonly productSession?: ProductSessionService;
}

export function createHandlers(deps: ServiceDeps): HandlerTable {
  const verifier = deps.tokenVerifier ?? createTokenVerifier();
  return {
    'app.info': async () => appInfo(deps.runtime),
    'authorize.start': async (cfg) => {
      const service = needAuthorize(deps);
      // A profile's saved secret is unsealed here, so the renderer never holds it.
      if (cfg.clientSecret === undefined && cfg.profileId !== undefined) {
        if (!deps.handover?.profiles)
          throw new CodedError(
            'NOT_AVAILABLE',
            'Saved profiles are not available here.',
            'Enter the client secret instead.',
          );
        return service.start({ ...cfg, clientSecret: await deps.handover.profiles.secretOf(cfg.profileId) });
      }
      return service.start(cfg);
    },
    'authorize.status': async ({ flowId, waitWhile, host, waitMs }) => {
      const service = needAuthorize(deps);
      const state =
        waitWhile === undefined ? service.state : await service.waitForChange(waitWhile, waitMs ?? 5_000, host);
      if (flowId !== undefined && 'flowId' in state && state.flowId !== flowId) {
        throw new CodedError(
          'FLOW_NOT_FOUND',
          'That authorization is no longer the current one.',
          'Start a new authorization.',
        );
      }
      return state;
    },
    'authorize.cancel': async ({ flowId }) => ({ cancelled: needAuthorize(deps).cancel(flowId) }),
    'diagnose.online': async ({ input, timeoutMs, checks }) =>
      diagnoseOnline(input, {
        fetch: deps.diagnoseFetch ?? ((url, init) => fetch(url, init as RequestInit)),
        ...(deps.diagnoseAuthorityBase === undefined ? {} : { authorityBase: deps.diagnoseAuthorityBase }),
        ...(timeoutMs === undefined ? {} : { timeoutMs }),
        ...(checks === undefined ? {} : { checks }),
      }),
    ...createProbeHandlers(deps),
    'tokens.verify': async ({ token, expectedIssuer }) => verifier.verify({ token, expectedIssuer }),
    ...createHandoverHandlers({
      ...deps.handover,
      runtime: deps.runtime,
      ...(deps.tokenStore ? { tokenStore: deps.tokenStore } : {}),
      ...(deps.authorize ? { currentFlow: () => deps.authorize?.state } : {}),
    }),
    ...createProductSessionHandlers(deps.productSession),
    // --- new handlers go above this line, grouped by feature ---
  };
}

function needAuthorize(deps: ServiceDeps): AuthorizeService {
  if (!deps.authorize)
    throw new CodedError(
      'NOT_AVAILABLE',
      'Authorizing needs the app window’s isolated browser, which is not available here.',
      'Use the desktop app (or the test harness) to authorize.',
    );
  return deps.authorize;
}
