// The authorize.* handlers: start a flow (unsealing a saved profile's secret here, so the renderer never holds it,
// and only when the request names the profile's own cloud, authority, tenant, client and redirect URI; giving the
// flow the sign-in time limit from main's settings), answer a run's state — the current run's when no id is named,
// so the page shows the verdict again when the admin comes back — start over, cancel, and choose a custom
// authority's CA file in main's own dialog. A profile an authorization starts with is marked as used. Without an
// isolated browser (a bare handler table) they answer NOT_AVAILABLE.
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/settings/schema';
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
  /** Saved profiles, whose sealed secret authorize.start unseals for a profile id, and whose last use it records. */
  readonly profiles?: Pick<ProfileStore, 'secretOf' | 'touch'> | undefined;
  /** Main's settings: the sign-in time limit. */
  readonly settings?: { readonly store: { readonly current: Settings } } | undefined;
}

export function createAuthorizeHandlers(deps: AuthorizeHandlerDeps): NamespaceHandlers<'authorize'> {
  const need = (): AuthorizeService => {
    if (!deps.authorize) throw codedError('NOT_AVAILABLE', { part: 'an isolated browser', activity: 'authorizing' });
    return deps.authorize;
  };
  return {
    'authorize.start': async (request) => {
      const service = need();
      const minutes = (deps.settings?.store.current ?? DEFAULT_SETTINGS).signInTimeLimitMinutes;
      const cfg = { ...request, timeoutMs: minutes * 60_000 };
      let started: { flowId: string };
      if (cfg.clientSecret === undefined && cfg.profileId !== undefined) {
        if (!deps.profiles)
          throw codedError('NOT_AVAILABLE', { part: 'a profile store', activity: 'authorizing with a saved secret' });
        // The profile's secret goes only where the profile says: the store compares the request with its values.
        started = service.start({ ...cfg, clientSecret: await deps.profiles.secretOf(cfg.profileId, cfg) });
      } else {
        started = service.start(cfg);
      }
      if (cfg.profileId !== undefined) await deps.profiles?.touch(cfg.profileId).catch(() => undefined);
      return started;
    },
    'authorize.status': async ({ flowId, waitWhile, host, waitMs }) => {
      const service = need();
      // No id: the current run; a long poll (waitWhile) still waits, so a caller polling without an id never spins.
      if (flowId === undefined) {
        if (waitWhile === undefined) return service.current;
        await service.waitForChange(waitWhile, waitMs ?? 5_000, host);
        return service.current;
      }
      const latest = service.state;
      if ('flowId' in latest && latest.flowId === flowId) {
        return waitWhile === undefined ? latest : service.waitForChange(waitWhile, waitMs ?? 5_000, host);
      }
      // An earlier run, still kept: it no longer changes, so there is nothing to wait for.
      const earlier = service.run(flowId);
      if (earlier === undefined) throw codedError('FLOW_NOT_FOUND');
      return earlier;
    },
    'authorize.startOver': async ({ flowId }) => ({ startedOver: need().startOver(flowId) }),
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
