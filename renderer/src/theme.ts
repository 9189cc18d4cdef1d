// Light/dark follows the operating system live (prefers-color-scheme), with no setting of its own.
import { useSyncExternalStore } from 'react';

export type ColorScheme = 'light' | 'dark';

const query = '(prefers-color-scheme: dark)';

function subscribe(onChange: () => void): () => void {
  const mql = window.matchMedia(query);
  mql.addEventListener('change', onChange);
  return () => mql.removeEventListener('change', onChange);
}

const snapshot = (): ColorScheme => (window.matchMedia(query).matches ? 'dark' : 'light');

export function useSystemColorScheme(): ColorScheme {
  return useSyncExternalStore(subscribe, snapshot, () => 'light');
}
