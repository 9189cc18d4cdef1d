// The areas of the app with their icons and lazily loaded pages, over their names (area-ids.ts). Each page is its
// own chunk so the first paint only loads the shell; an area's page lives in the feature folder of its id.
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { DocumentSearch20Regular } from '@fluentui/react-icons/svg/document-search';
import { HeartPulse20Regular } from '@fluentui/react-icons/svg/heart-pulse';
import { PersonLock20Regular } from '@fluentui/react-icons/svg/person-lock';
import { QuestionCircle20Regular } from '@fluentui/react-icons/svg/question-circle';
import { Settings20Regular } from '@fluentui/react-icons/svg/settings';
import { ShieldTask20Regular } from '@fluentui/react-icons/svg/shield-task';
import { Stethoscope20Regular } from '@fluentui/react-icons/svg/stethoscope';
import { WindowShield20Regular } from '@fluentui/react-icons/svg/window-shield';
import { AREA_NAMES, type AreaId, type AreaName } from './area-ids';

export interface Area extends AreaName {
  readonly icon: ComponentType;
  readonly Page: LazyExoticComponent<ComponentType>;
}

// A Record, so an area id without an icon and a page is a type error.
const PARTS: Readonly<Record<AreaId, Pick<Area, 'icon' | 'Page'>>> = {
  authorize: {
    icon: PersonLock20Regular,
    Page: lazy(() => import('../features/authorize/authorize-page').then((m) => ({ default: m.AuthorizePage }))),
  },
  'product-session': {
    icon: WindowShield20Regular,
    Page: lazy(() =>
      import('../features/product-session/product-session-page').then((m) => ({ default: m.ProductSessionPage })),
    ),
  },
  tokens: {
    icon: DocumentSearch20Regular,
    Page: lazy(() => import('../features/tokens/inspect-page').then((m) => ({ default: m.InspectPage }))),
  },
  diagnose: {
    icon: Stethoscope20Regular,
    Page: lazy(() => import('../features/diagnose/diagnose-page').then((m) => ({ default: m.DiagnosePage }))),
  },
  audit: {
    icon: ShieldTask20Regular,
    Page: lazy(() => import('../features/audit/audit-page').then((m) => ({ default: m.AuditPage }))),
  },
  watch: {
    icon: HeartPulse20Regular,
    Page: lazy(() => import('../features/watch/watch-page').then((m) => ({ default: m.WatchPage }))),
  },
  explain: {
    icon: QuestionCircle20Regular,
    Page: lazy(() => import('../features/explain/explain-page').then((m) => ({ default: m.ExplainPage }))),
  },
  settings: {
    icon: Settings20Regular,
    Page: lazy(() => import('../features/settings/settings-page').then((m) => ({ default: m.SettingsPage }))),
  },
};

/** In navigation order. */
export const AREAS: readonly Area[] = AREA_NAMES.map((name) => ({ ...name, ...PARTS[name.id] }));
