// The productSession.* handlers: open, status (polled by the renderer like authorize.status) and close the
// clean product session. Without a product browser (a bare handler table, a fuzz run) they answer NOT_AVAILABLE.
import { CodedError } from '../../../shared/result';
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
      throw new CodedError(
        'NOT_AVAILABLE',
        'A clean product session needs the app window’s isolated browser, which is not available here.',
        'Use the desktop app (or the test harness) to open the product.',
      );
    return service;
  };
  return {
    'productSession.open': async (req) => need().open(req),
    'productSession.status': async ({ sessionId }) => {
      const state = need().state;
      if (sessionId !== undefined && 'sessionId' in state && state.sessionId !== sessionId) {
        throw new CodedError(
          'PRODUCT_SESSION_NOT_FOUND',
          'That product session is no longer the current one.',
          'Open the product again.',
        );
      }
      return state;
    },
    'productSession.close': async ({ sessionId }) => need().close(sessionId),
  };
}
