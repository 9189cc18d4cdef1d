// Builds the handler table from the services. This is the one place where services meet the contract;
// Electron (ipc.ts) and the harness bind the same table.
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { CodedError } from '../../shared/result';
import { appInfo, type RuntimeFacts } from './app-info';
import { diagnoseOnline, type FetchLike } from './diagnose-online';
import type { HandlerTable } from './dispatch';
import { createProbeHandlers } from './probes/probe-handlers';

export interface ServiceDeps {
  readonly runtime: RuntimeFacts;
  /** Token store lookup for probes.run (id → access token); default: no token set is ever found. */
  readonly resolveToken?: (tokenSetId: string) => Promise<string | undefined>;
  /** Network access for online diagnose (tests point it at the emulator); default global fetch. */
  readonly diagnoseFetch?: FetchLike;
  /** Authority base override (https://host:port) for online diagnose, e.g. the emulator. */
  readonly diagnoseAuthorityBase?: string;
}

export function createHandlers(deps: ServiceDeps): HandlerTable {
  return {
    'app.info': async () => appInfo(deps.runtime),
    'tokens.inspect': async ({ token }) => {
      const compact = token.trim().replace(/^Bearer\s+/i, '');
      try {
        return { header: { ...decodeProtectedHeader(compact) }, claims: { ...decodeJwt(compact) } };
      } catch (e) {
        throw new CodedError('TOKEN_NOT_JWT', 'This is not a JSON Web Token (three base64url parts separated by dots).', 'Paste the access or ID token itself, or a whole token response.', { cause: e });
      }
    },
    'diagnose.online': async ({ input, timeoutMs, checks }) =>
      diagnoseOnline(input, {
        fetch: deps.diagnoseFetch ?? ((url, init) => fetch(url, init as RequestInit)),
        ...(deps.diagnoseAuthorityBase === undefined ? {} : { authorityBase: deps.diagnoseAuthorityBase }),
        ...(timeoutMs === undefined ? {} : { timeoutMs }),
        ...(checks === undefined ? {} : { checks }),
      }),
    ...createProbeHandlers(deps),
    // --- new handlers go above this line, grouped by feature ---
  };
}
