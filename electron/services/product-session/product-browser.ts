// The product session's port: the isolated browser it opens the product in (Electron: a window on a fresh
// in-memory partition, electron/platform/product-session.ts; the harness: a clean Playwright context), and
// the watcher that browser reports every request of its partition to (SessionWatcher implements it). The
// browser also runs the app's own silent requests in a hidden page of the same partition (silentRequest), so
// they carry the partition's Entra session while their answer never reaches the product.
export interface ObservedRequest {
  readonly url: string;
  readonly method: string;
  /**
   * A POST's url-encoded body: a form_post callback's (only error, error_description and the presence of code are
   * read) or a sign-in form's (only the account name is read).
   */
  readonly formBody?: string;
}

export interface RequestDecision {
  /** Send the browser here instead (a rewritten authorize request). */
  readonly redirectTo?: string;
  /**
   * Called by the browser once it has let this request go on unchanged (never for a redirected one): the app's own
   * follow-up (its silent identity check after the product's callback) starts only then, so the product's request
   * is never held up by it.
   */
  readonly afterContinue?: () => void;
}

/** What a product browser reports to its session; the adapters call it for every request of the partition. */
export interface ProductWatcher {
  onRequest(request: ObservedRequest): RequestDecision;
  /** The admin closed the product window itself. */
  onWindowClosed(): void;
}

/** How one of the app's silent requests ended. */
export type SilentOutcome =
  /** The answer reached the redirect URI and was caught there: never sent to the product. */
  | { readonly kind: 'callback'; readonly callbackUrl: string; readonly formBody?: string }
  /** No answer within the time limit (a page that wants interaction, a hung network). */
  | { readonly kind: 'timeout' }
  /** The hidden page could not be opened or loaded (the session was closed meanwhile…). */
  | { readonly kind: 'failed'; readonly reason: string };

export interface SilentRequestOptions {
  readonly timeoutMs: number;
}

export interface ProductBrowser {
  /**
   * Loads `url` in a hidden page of this partition (its cookies, so its Entra session) and resolves with the first
   * request to `redirectUri`, which is caught and cancelled: the product never receives the app's own answer. The
   * page is closed afterwards; its requests are never reported to the watcher.
   */
  silentRequest(url: string, redirectUri: URL, options: SilentRequestOptions): Promise<SilentOutcome>;
  /** Closes the window and wipes cookies, storage and cache of the partition. Idempotent. */
  close(): Promise<{ wiped: boolean }>;
}

/** Opens `baseUrl` in a new isolated partition whose every request is reported to `watcher`. */
export type ProductBrowserFactory = (baseUrl: string, watcher: ProductWatcher) => Promise<ProductBrowser>;
