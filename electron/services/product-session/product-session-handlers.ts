// The productSession.* handlers: open, status (polled by the renderer like authorize.status) and close the
// clean product session. open resolves a saved profile's sealed secret here, bound to that profile's client id
// and login host, so the renderer never holds it and cannot send it elsewhere. Without a product browser (a
// bare handler table, a fuzz run) they answer NOT_AVAILABLE.
import { authorityOf } from '../../../shared/cloud/hosts';
import { codedError } from '../errors';
import type { NamespaceHandlers } from '../ipc/dispatch';
import type { ProfileStore } from '../profiles/profile-store';
import type { ProductSessionService } from './product-session';

export interface ProductSessionHandlerDeps {
  /** The clean product session; absent where no isolated browser exists. */
  readonly productSession?: ProductSessionService | undefined;
  /** Saved profiles, whose sealed secret productSession.open unseals for a profile id. */
  readonly profiles?: Pick<ProfileStore, 'secretOf' | 'load'> | undefined;
}

export function createProductSessionHandlers(deps: ProductSessionHandlerDeps): NamespaceHandlers<'productSession'> {
  const need = (): ProductSessionService => {
    const service = deps.productSession;
    if (!service)
      throw codedError('NOT_AVAILABLE', { part: 'an isolated browser', activity: 'opening a clean product session' });
    return service;
  };
  return {
    'productSession.open': async (req) => {
      const service = need();
      if (req.clientSecret !== undefined) return service.open(req, { value: req.clientSecret });
      if (req.profileId === undefined) return service.open(req);
      if (!deps.profiles)
        throw codedError('NOT_AVAILABLE', { part: 'a profile store', activity: 'checking with a saved secret' });
      const profile = await deps.profiles.load(req.profileId);
      const value = await deps.profiles.secretOf(req.profileId);
      // Where the secret may go follows from the profile as saved, not from the request.
      const host = authorityOf(profile.config)?.host;
      if (host === undefined) throw codedError('AUTHORITY_MISSING');
      return service.open(req, { value, boundTo: { clientId: profile.config.clientId, host } });
    },
    'productSession.status': async ({ sessionId }) => {
      const state = need().state;
      if (sessionId !== undefined && 'sessionId' in state && state.sessionId !== sessionId) {
        throw codedError('PRODUCT_SESSION_NOT_FOUND');
      }
      return state;
    },
    'productSession.close': async ({ sessionId }) => need().close(sessionId),
  };
}
