// Light or dark: the theme chosen in Settings (kept by main), or, with "system", the operating system's
// preference followed live (prefers-color-scheme). The choice is read once at start and updated when Settings
// changes it, through a tiny store that both the shell and the Settings page read.
import { useSyncExternalStore } from 'react';
import type { Theme } from '../../shared/settings/schema';

export type ColorScheme = 'light' | 'dark';

const query = '(prefers-color-scheme: dark)';

function subscribeSystem(onChange: () => void): () => void {
  const mql = window.matchMedia(query);
  mql.addEventListener('change', onChange);
  return () => mql.removeEventListener('change', onChange);
}

const systemSnapshot = (): ColorScheme => (window.matchMedia(query).matches ? 'dark' : 'light');

export function useSystemColorScheme(): ColorScheme {
  return useSyncExternalStore(subscribeSystem, systemSnapshot, () => 'light');
}

let chosen: Theme = 'system';
const listeners = new Set<() => void>();

/** Sets the theme the app shows (from settings.get at start, and from the Settings page when it changes). */
export function setThemeChoice(theme: Theme): void {
  if (theme === chosen) return;
  chosen = theme;
  for (const l of listeners) l();
}

function subscribeChoice(onChange: () => void): () => void {
  listeners.add(onChange);
  return () => listeners.delete(onChange);
}

/** The theme chosen in Settings: system, light or dark. */
export function useThemeChoice(): Theme {
  return useSyncExternalStore(
    subscribeChoice,
    () => chosen,
    () => 'system',
  );
}

/** The colour scheme the app shows: the Settings choice, or the system's when that is "system". */
export function useColorScheme(): ColorScheme {
  const system = useSystemColorScheme();
  const choice = useThemeChoice();
  return choice === 'system' ? system : choice;
}
