// The isolated browser the authorize flow drives, as an interface: Electron implements it with a fresh
// in-memory partition (electron/platform/isolated-browser.ts), the test harness with a fresh Playwright
// context. One instance per flow; dispose() wipes everything it held. Both implementations catch the redirect
// by the same rule (redirectCatch): only a top-level navigation to the redirect URI completes the flow.
import { matchesRedirectUri } from '../../../shared/authorize/redirect-uri';
import type { SignInErrorPage } from './sign-in-error-page';

export type AuthBrowserOutcome =
  | { readonly kind: 'callback'; readonly callbackUrl: string; readonly formBody?: string }
  /** The window landed on Entra's sign-in error page (sign-in-error-page.ts): the flow cannot reach the redirect URI. */
  | { readonly kind: 'error-page'; readonly page: SignInErrorPage }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'timeout' }
  /** The window refused a certificate: the flow ends at once, naming the host. */
  | { readonly kind: 'certificate-error'; readonly host: string; readonly reason?: string };

export interface AuthBrowserOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** Called with the host the window currently shows (for the progress strip and the renderer). */
  readonly onHost?: (host: string) => void;
  /**
   * A custom authority's private CA: the window trusts exactly these certificates for exactly this host name, and
   * nothing else changes (no process-wide trust, other hosts keep the platform's verification).
   */
  readonly trust?: { readonly host: string; readonly caPem: string };
}

export interface AuthBrowser {
  /**
   * Opens `url`; resolves when a request to `redirectUri` is caught (never sent), the window shows Entra's sign-in
   * error page, the user closes the window, or time runs out.
   */
  authorize(url: string, redirectUri: URL, options: AuthBrowserOptions): Promise<AuthBrowserOutcome>;
  /** Closes the window and wipes cookies, storage and cache of the partition. Idempotent. */
  dispose(): Promise<void>;
}

export type AuthBrowserFactory = () => Promise<AuthBrowser>;

/**
 * The one-shot settlement every AuthBrowser needs: the first of callback, window closed, abort or time-out
 * wins; the timer and abort listener are released. Returns `finish`, to call from the browser's events.
 */
export function settleOnce(
  opts: AuthBrowserOptions,
  resolve: (outcome: AuthBrowserOutcome) => void,
): (outcome: AuthBrowserOutcome) => void {
  let settled = false;
  const finish = (outcome: AuthBrowserOutcome): void => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
    resolve(outcome);
  };
  const timer = setTimeout(() => finish({ kind: 'timeout' }), opts.timeoutMs);
  const onAbort = (): void => finish({ kind: 'cancelled' });
  opts.signal?.addEventListener('abort', onAbort);
  return finish;
}

/** A request the isolated browser saw, as far as the redirect catch cares. */
export interface SeenRequest {
  readonly url: string;
  /** True for a main-frame (top-level document) navigation; false for subframes, images, scripts, fetches. */
  readonly isMainFrame: boolean;
}

/**
 * What to do with a request: `catch` a main-frame navigation to the redirect URI (read it, never send it),
 * `cancel` anything else aimed at the redirect URI (an image or frame a page points there must neither reach the
 * product nor pre-empt the real callback with a forged state), `continue` everything else.
 */
export function redirectCatch(request: SeenRequest, redirectUri: URL): 'catch' | 'cancel' | 'continue' {
  if (!matchesRedirectUri(request.url, redirectUri)) return 'continue';
  return request.isMainFrame ? 'catch' : 'cancel';
}
