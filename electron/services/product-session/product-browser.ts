// The product session's port: the isolated browser it opens the product in (Electron: a window on a fresh
// in-memory partition, electron/platform/product-session.ts; the harness: a clean Playwright context), and
// the watcher that browser reports every request of its partition to (SessionWatcher implements it).
export interface ObservedRequest {
  readonly url: string;
  readonly method: string;
  /** A form_post callback's body (url-encoded); only error, error_description and the presence of code are read. */
  readonly formBody?: string;
}

export interface RequestDecision {
  /** Send the browser here instead (a rewritten authorize request). */
  readonly redirectTo?: string;
}

/** What a product browser reports to its session; the adapters call it for every request of the partition. */
export interface ProductWatcher {
  onRequest(request: ObservedRequest): RequestDecision;
  /** The admin closed the product window itself. */
  onWindowClosed(): void;
}

export interface ProductBrowser {
  /** Closes the window and wipes cookies, storage and cache of the partition. Idempotent. */
  close(): Promise<{ wiped: boolean }>;
}

/** Opens `baseUrl` in a new isolated partition whose every request is reported to `watcher`. */
export type ProductBrowserFactory = (baseUrl: string, watcher: ProductWatcher) => Promise<ProductBrowser>;
