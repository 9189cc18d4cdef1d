// Hash routing (#/authorize, #/tokens…): works from app:// and http:// alike and needs no history API setup.
import { useSyncExternalStore } from 'react';
import { DEFAULT_AREA, areaFromHash, type AreaId } from './area-ids';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const snapshot = (): AreaId => areaFromHash(window.location.hash) ?? DEFAULT_AREA;

export function useHashRoute(): AreaId {
  return useSyncExternalStore(subscribe, snapshot, () => DEFAULT_AREA);
}
