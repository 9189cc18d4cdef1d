// The pages the app opens in its clean contexts (the authorize window, the product session), handed to the test
// in order: `opened` is the browser adapter's onPage callback, `next` resolves with the next page, at once when
// one is already waiting.
import type { BrowserContext, Page } from 'playwright-core';

export interface OpenedPage {
  readonly page: Page;
  readonly context: BrowserContext;
}

export interface PageQueue {
  opened(page: Page, context: BrowserContext): void;
  next(): Promise<OpenedPage>;
}

export function pageQueue(): PageQueue {
  const ready: OpenedPage[] = [];
  const waiting: ((opened: OpenedPage) => void)[] = [];
  return {
    opened: (page, context) => {
      const taker = waiting.shift();
      if (taker) taker({ page, context });
      else ready.push({ page, context });
    },
    next: () => {
      const r = ready.shift();
      return r ? Promise.resolve(r) : new Promise((resolve) => waiting.push(resolve));
    },
  };
}
