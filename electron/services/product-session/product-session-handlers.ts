// The contract handlers of the clean product session: open, status (polled by the renderer like
// authorize.status) and close. Without a product browser (the CLI, a fuzz run) they answer NOT_AVAILABLE.
import { CodedError } from '../../../shared/result';
import type { HandlerTable } from '../ipc/dispatch';
import type { ProductSessionService } from './product-session';

type ProductSessionHandlers = Pick<
  HandlerTable,
  'productSession.open' | 'productSession.status' | 'productSession.close'
>;

export function createProductSessionHandlers(service: ProductSessionService | undefined): ProductSessionHandlers {
  const need = (): ProductSessionService => {
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
