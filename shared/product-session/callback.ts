// Owns the reading of the product's callback: a request to the redirect_uri of an observed authorize request.
// error= → the AADSTS explanation; code= → only the fact that a code arrived. The code's value is never read
// into a variable that leaves this function: the product must redeem it, and nothing of ours may keep it.
import { explain, type ExplainResult } from '../explain';
import type { PresetId } from '../presets';

export type CallbackReading =
  | { readonly kind: 'code'; readonly message: string }
  | {
      readonly kind: 'error';
      readonly error: string;
      readonly description?: string;
      readonly explanation: ExplainResult;
    }
  | { readonly kind: 'other' };

/** Entra's error and error_description are a few hundred characters; only this much of them is explained. */
export const MAX_ERROR_CHARS = 256;
export const MAX_DESCRIPTION_CHARS = 4096;

// Says nothing about whose account it was: the identity check that follows (the app's own steps) tells.
export const CODE_RECEIVED_MESSAGE =
  'The product received an authorization code and redeems it itself; the app does not touch it. Whose account it is for is checked next.';

const decode = (s: string): string => {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
};

/** Keys present in a query or form body, with values only for the keys asked for (never `code`). */
function readParams(text: string, wantValues: readonly string[]): { keys: Set<string>; values: Map<string, string> } {
  const keys = new Set<string>();
  const values = new Map<string, string>();
  for (const part of text.split('&')) {
    if (part === '') continue;
    const i = part.indexOf('=');
    const key = decode(i < 0 ? part : part.slice(0, i));
    keys.add(key);
    if (wantValues.includes(key) && !values.has(key)) values.set(key, decode(i < 0 ? '' : part.slice(i + 1)));
  }
  return { keys, values };
}

/**
 * Classifies a callback from its URL (response_mode=query) and form body (form_post). A fragment response
 * (response_mode=fragment) never reaches the network, so only the URL's query and the body are read.
 */
export function classifyCallback(url: string, formBody?: string, preset?: PresetId): CallbackReading {
  const q = /\?([^#]*)/.exec(url)?.[1] ?? '';
  const want = ['error', 'error_description'];
  const fromQuery = readParams(q, want);
  const fromForm = formBody === undefined ? undefined : readParams(formBody, want);
  const has = (k: string): boolean => fromQuery.keys.has(k) || (fromForm?.keys.has(k) ?? false);
  const get = (k: string): string | undefined => fromForm?.values.get(k) ?? fromQuery.values.get(k);
  // Bounded before explain(): this runs synchronously in main's request hook, on whatever the page sent.
  const error = get('error')?.slice(0, MAX_ERROR_CHARS);
  if (error !== undefined) {
    const description = get('error_description')?.slice(0, MAX_DESCRIPTION_CHARS);
    const text = description === undefined ? error : `${error}: ${description}`;
    return {
      kind: 'error',
      error,
      ...(description === undefined ? {} : { description }),
      explanation: explain(text, preset),
    };
  }
  if (has('code')) return { kind: 'code', message: CODE_RECEIVED_MESSAGE };
  return { kind: 'other' };
}
