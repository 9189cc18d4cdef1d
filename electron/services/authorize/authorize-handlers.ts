// The authorize.* handlers: start a flow (unsealing a saved profile's secret here, so the renderer never holds
// it, and only when the request names the profile's own cloud, authority, tenant, client and redirect URI), long-
// poll its state, cancel it, and choose a custom authority's CA file in main's own dialog. Without an isolated
// browser (a bare handler table) they answer NOT_AVAILABLE.
import { codedError } from '../errors';
import type { NamespaceHandlers } from '../ipc/dispatch';
import type { ProfileStore } from '../profiles/profile-store';
import type { AuthorizeService } from './authorize-service';
import { CA_DIALOG_OPTIONS, readCaFile, type OpenFileDialog } from './ca-file';

export interface AuthorizeHandlerDeps {
  /** Main's own open dialog for a custom authority's CA file; absent where there is none. */
  readonly caDialog?: OpenFileDialog | undefined;
  /** The authorize flow; absent where no isolated browser exists. */
  readonly authorize?: AuthorizeService | undefined;
  /** Saved profiles, whose sealed secret authorize.start unseals for a profile id. */
  readonly profiles?: Pick<ProfileStore, 'secretOf'> | undefined;
}

export function createAuthorizeHandlers(deps: AuthorizeHandlerDeps): NamespaceHandlers<'authorize'> {
  const need = (): AuthorizeService => {
    if (!deps.authorize) throw codedError('NOT_AVAILABLE', { part: 'an isolated browser', activity: 'authorizing' });
    return deps.authorize;
  };
  return {
    'authorize.start': async (cfg) => {
      const service = need();
      if (cfg.clientSecret === undefined && cfg.profileId !== undefined) {
        if (!deps.profiles)
          throw codedError('NOT_AVAILABLE', { part: 'a profile store', activity: 'authorizing with a saved secret' });
        // The profile's secret goes only where the profile says: the store compares the request with its values.
        return service.start({ ...cfg, clientSecret: await deps.profiles.secretOf(cfg.profileId, cfg) });
      }
      return service.start(cfg);
    },
    'authorize.status': async ({ flowId, waitWhile, host, waitMs }) => {
      const service = need();
      const state =
        waitWhile === undefined ? service.state : await service.waitForChange(waitWhile, waitMs ?? 5_000, host);
      if (flowId !== undefined && 'flowId' in state && state.flowId !== flowId) {
        throw codedError('FLOW_NOT_FOUND');
      }
      return state;
    },
    'authorize.cancel': async ({ flowId }) => ({ cancelled: need().cancel(flowId) }),
    // The renderer only asks; main shows the dialog and reads the file, and answers the CA's content.
    'authorize.chooseCa': async () => {
      if (!deps.caDialog) throw codedError('CA_DIALOG_UNAVAILABLE');
      const path = await deps.caDialog.choose(CA_DIALOG_OPTIONS);
      if (path === undefined) return { chosen: false as const };
      return { chosen: true as const, ...(await readCaFile(path)) };
    },
  };
}
