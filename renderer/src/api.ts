// The renderer's only door to the outside: window.api, typed from the contract (shared/api-types.ts), and
// useCall, which runs one API call and keeps its progress and its error visible for the page.
// Only types come from shared/ here: main validates every request and answer against the contract's schemas, so
// the renderer loads no zod at start (tests/unit/build/renderer-bundle.test.ts checks the built chunks).
import { useCallback, useRef, useState } from 'react';
import type { Api } from '../../shared/api-types';
import type { AppError, Result } from '../../shared/result';

declare global {
  interface Window {
    /** Exposed by the Electron preload (or the test harness); absent when index.html is opened on its own. */
    readonly api?: Api;
  }
}

const unavailable: Result<never> = {
  ok: false,
  error: {
    code: 'API_UNAVAILABLE',
    message: 'This window is not connected to the app (window.api is missing).',
    nextStep: 'Start the app with npm start, or the test harness with npm run harness.',
  },
};

// A stand-in with the same shape, so a page opened outside the app shows a coded error instead of crashing.
function disconnectedApi(): Api {
  const call = () => Promise.resolve(unavailable);
  return new Proxy({}, { get: () => new Proxy({}, { get: () => call }) }) as Api;
}

export const api: Api = window.api ?? disconnectedApi();

export type CallState<T> =
  | { readonly status: 'idle' }
  | { readonly status: 'running'; readonly slow: boolean }
  | { readonly status: 'done'; readonly value: T }
  | { readonly status: 'failed'; readonly error: AppError };

/** Calls shorter than this show no spinner, so fast answers do not flicker. */
export const SLOW_CALL_MS = 300;

export interface CallHandle<Args extends unknown[], T> {
  readonly state: CallState<T>;
  /** Runs the call; resolves to its Result (never rejects). A newer run supersedes an older one. */
  readonly run: (...args: Args) => Promise<Result<T>>;
  /** Clears a finished or failed state. Errors stay until this is called or the call is run again. */
  readonly reset: () => void;
}

/**
 * Runs `call` (pass a stable function such as api.app.info) and tracks its state.
 * A rejected promise (a broken bridge, not a service failure) becomes an IPC_FAILED error with a next step.
 */
export function useCall<Args extends unknown[], T>(call: (...args: Args) => Promise<Result<T>>): CallHandle<Args, T> {
  const [state, setState] = useState<CallState<T>>({ status: 'idle' });
  const latest = useRef(0);

  const run = useCallback(
    async (...args: Args): Promise<Result<T>> => {
      const id = ++latest.current;
      setState({ status: 'running', slow: false });
      const timer = setTimeout(() => {
        if (latest.current === id) setState((s) => (s.status === 'running' ? { status: 'running', slow: true } : s));
      }, SLOW_CALL_MS);
      let result: Result<T>;
      try {
        result = await call(...args);
      } catch (e) {
        result = {
          ok: false,
          error: {
            code: 'IPC_FAILED',
            message: `The app did not answer: ${e instanceof Error ? e.message : String(e)}`.slice(0, 500),
            nextStep: 'Try again; if it keeps failing, restart the app.',
          },
        };
      } finally {
        clearTimeout(timer);
      }
      if (latest.current === id)
        setState(result.ok ? { status: 'done', value: result.value } : { status: 'failed', error: result.error });
      return result;
    },
    [call],
  );

  const reset = useCallback(() => {
    latest.current++;
    setState({ status: 'idle' });
  }, []);

  return { state, run, reset };
}
