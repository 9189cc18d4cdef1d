// The tokens.* handlers: tokens.verify checks a token's signature against its issuer's published keys
// (token-verifier.ts). Decoding and the claim checks need no main process: the renderer and the CLI run the
// shared inspector (shared/tokens) themselves.
import type { NamespaceHandlers } from '../ipc/dispatch';
import type { TokenVerifier } from './token-verifier';

export interface TokensHandlerDeps {
  readonly tokens: { readonly verifier: TokenVerifier };
}

export function createTokensHandlers(deps: TokensHandlerDeps): NamespaceHandlers<'tokens'> {
  return {
    'tokens.verify': async ({ token, expectedIssuer }) => deps.tokens.verifier.verify({ token, expectedIssuer }),
  };
}
