// Builds the handler table from the services. This is the one place where services meet the contract;
// Electron (ipc.ts) and the harness bind the same table.
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { CodedError } from '../../shared/result';
import { appInfo, type RuntimeFacts } from './app-info';
import type { HandlerTable } from './dispatch';

export interface ServiceDeps {
  readonly runtime: RuntimeFacts;
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
    // --- new handlers go above this line, grouped by feature ---
  };
}
