// The areas of the app with their lazily loaded pages, over their names (area-ids.ts). Each page is its own chunk
// so the first paint only loads the shell; an area's page lives in the feature folder of its id. The areas' icons
// belong to the navigation (area-nav.tsx), itself a lazy chunk.
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { AREA_NAMES, type AreaId, type AreaName } from './area-ids';

export interface Area extends AreaName {
  readonly Page: LazyExoticComponent<ComponentType>;
  /** Starts loading the page's chunk (the shell calls it while Fluent's frame is still loading). */
  readonly load: () => Promise<unknown>;
}

type PageModule = Promise<{ default: ComponentType }>;

// A Record, so an area id without a page is a type error.
const LOADERS: Readonly<Record<AreaId, () => PageModule>> = {
  authorize: () => import('../features/authorize/authorize-page').then((m) => ({ default: m.AuthorizePage })),
  'product-session': () =>
    import('../features/product-session/product-session-page').then((m) => ({ default: m.ProductSessionPage })),
  tokens: () => import('../features/tokens/inspect-page').then((m) => ({ default: m.InspectPage })),
  diagnose: () => import('../features/diagnose/diagnose-page').then((m) => ({ default: m.DiagnosePage })),
  audit: () => import('../features/audit/audit-page').then((m) => ({ default: m.AuditPage })),
  watch: () => import('../features/watch/watch-page').then((m) => ({ default: m.WatchPage })),
  explain: () => import('../features/explain/explain-page').then((m) => ({ default: m.ExplainPage })),
  settings: () => import('../features/settings/settings-page').then((m) => ({ default: m.SettingsPage })),
};

/** In navigation order. */
export const AREAS: readonly Area[] = AREA_NAMES.map((name) => ({
  ...name,
  Page: lazy(LOADERS[name.id]),
  load: LOADERS[name.id],
}));
