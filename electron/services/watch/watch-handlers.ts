// The watch.* handlers: the health of every saved connection for the Watch view. Warnings are raised by the watch
// service's own checks (at start, daily, after an audit), not by the view. Without a profile store the list is empty.
import type { NamespaceHandlers } from '../ipc/dispatch';
import type { WatchService } from './watch-service';
import { DEFAULT_WINDOW_DAYS } from '../../../shared/watch/watch';

export interface WatchHandlerDeps {
  readonly watch?: WatchService | undefined;
  readonly now?: () => number;
}

export function createWatchHandlers(deps: WatchHandlerDeps): NamespaceHandlers<'watch'> {
  return {
    'watch.status': async () =>
      deps.watch
        ? deps.watch.status()
        : { checkedAt: (deps.now ?? Date.now)(), windowDays: DEFAULT_WINDOW_DAYS, connections: [] },
  };
}
