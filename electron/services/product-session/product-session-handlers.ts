// The productSession.* handlers: open, status (polled by the renderer like authorize.status) and close the
// clean product session. Without a product browser (a bare handler table, a fuzz run) they answer NOT_AVAILABLE.
import { codedError } from '../errors';
import type { NamespaceHandlers } from '../ipc/dispatch';
import type { ProductSessionService } from './product-session';

export interface ProductSessionHandlerDeps {
  /** The clean product session; absent where no isolated browser exists. */
  readonly productSession?: ProductSessionService | undefined;
}

export function createProductSessionHandlers(deps: ProductSessionHandlerDeps): NamespaceHandlers<'productSession'> {
  const need = (): ProductSessionService => {
    const service = deps.productSession;
    if (!service)
      throw codedError('NOT_AVAILABLE', { part: 'an isolated browser', activity: 'opening a clean product session' });
    return service;
  };
  return {
    'productSession.open': async (req) => need().open(req),
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
