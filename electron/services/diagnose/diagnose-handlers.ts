// The diagnose.* handlers: diagnose.online runs the online checks (diagnose-online.ts) over the injected fetch
// against the cloud's login host, or the configured authority base (the emulator in tests). The offline lint
// needs no main process: the renderer and the CLI run shared/diagnose themselves.
import type { NamespaceHandlers } from '../ipc/dispatch';
import { diagnoseOnline } from './diagnose-online';
import type { FetchLike } from './online-requests';

export interface DiagnoseHandlerDeps {
  readonly diagnose: DiagnoseConfig;
}

export interface DiagnoseConfig {
  readonly fetch: FetchLike;
  /** https://host[:port] every check goes to instead of the cloud's login host (the emulator in tests). */
  readonly authorityBase?: string | undefined;
}

export function createDiagnoseHandlers(deps: DiagnoseHandlerDeps): NamespaceHandlers<'diagnose'> {
  return {
    'diagnose.online': async ({ input, timeoutMs, checks }) =>
      diagnoseOnline(input, {
        fetch: deps.diagnose.fetch,
        ...(deps.diagnose.authorityBase === undefined ? {} : { authorityBase: deps.diagnose.authorityBase }),
        ...(timeoutMs === undefined ? {} : { timeoutMs }),
        ...(checks === undefined ? {} : { checks }),
      }),
  };
}
