// The areas of the app with their lazily loaded pages, over their names (area-ids.ts). Each page is its own chunk
// so the first paint only loads the shell; an area's page lives in the feature folder of its id. The areas' icons
// belong to the navigation (area-nav.tsx), itself a lazy chunk.
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { AREA_NAMES, type AreaId, type AreaName } from './area-ids';

export interface Area extends AreaName {
  readonly Page: LazyExoticComponent<ComponentType>;
}

// A Record, so an area id without a page is a type error.
const PAGES: Readonly<Record<AreaId, Area['Page']>> = {
  authorize: lazy(() => import('../features/authorize/authorize-page').then((m) => ({ default: m.AuthorizePage }))),
  'product-session': lazy(() =>
    import('../features/product-session/product-session-page').then((m) => ({ default: m.ProductSessionPage })),
  ),
  tokens: lazy(() => import('../features/tokens/inspect-page').then((m) => ({ default: m.InspectPage }))),
  diagnose: lazy(() => import('../features/diagnose/diagnose-page').then((m) => ({ default: m.DiagnosePage }))),
  audit: lazy(() => import('../features/audit/audit-page').then((m) => ({ default: m.AuditPage }))),
  watch: lazy(() => import('../features/watch/watch-page').then((m) => ({ default: m.WatchPage }))),
  explain: lazy(() => import('../features/explain/explain-page').then((m) => ({ default: m.ExplainPage }))),
  settings: lazy(() => import('../features/settings/settings-page').then((m) => ({ default: m.SettingsPage }))),
};

/** In navigation order. */
export const AREAS: readonly Area[] = AREA_NAMES.map((name) => ({ ...name, Page: PAGES[name.id] }));
