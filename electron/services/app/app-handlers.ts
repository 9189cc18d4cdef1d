// The app.* handlers: app.info answers who we are and where we run, from the runtime facts the caller gives.
import type { NamespaceHandlers } from '../ipc/dispatch';
import { appInfo, type RuntimeFacts } from './app-info';

export interface AppHandlerDeps {
  readonly runtime: RuntimeFacts;
}

export function createAppHandlers(deps: AppHandlerDeps): NamespaceHandlers<'app'> {
  return { 'app.info': async () => appInfo(deps.runtime) };
}
