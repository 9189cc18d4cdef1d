// The areas of the app, their routes (#/<id>) and their lazily loaded pages. Each page is its own chunk
// so the first paint only loads the shell.
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { DocumentSearch20Regular } from '@fluentui/react-icons/svg/document-search';
import { PersonLock20Regular } from '@fluentui/react-icons/svg/person-lock';
import { QuestionCircle20Regular } from '@fluentui/react-icons/svg/question-circle';
import { Settings20Regular } from '@fluentui/react-icons/svg/settings';
import { Stethoscope20Regular } from '@fluentui/react-icons/svg/stethoscope';
import { WindowShield20Regular } from '@fluentui/react-icons/svg/window-shield';

export type AreaId = 'authorize' | 'inspect' | 'diagnose' | 'explain' | 'settings' | 'product';

export interface Area {
  readonly id: AreaId;
  /** Navigation label and window title. */
  readonly label: string;
  readonly icon: ComponentType;
  readonly Page: LazyExoticComponent<ComponentType>;
}

export const AREAS: readonly Area[] = [
  {
    id: 'authorize',
    label: 'Authorize',
    icon: PersonLock20Regular,
    Page: lazy(() => import('../features/authorize/authorize-page').then((m) => ({ default: m.AuthorizePage }))),
  },
  // Next to Authorize: the other way to authorize, with the product's own button.
  {
    id: 'product',
    label: 'Product session',
    icon: WindowShield20Regular,
    Page: lazy(() =>
      import('../features/product-session/product-session-page').then((m) => ({ default: m.ProductSessionPage })),
    ),
  },
  {
    id: 'inspect',
    label: 'Inspect token',
    icon: DocumentSearch20Regular,
    Page: lazy(() => import('../features/tokens/inspect-page').then((m) => ({ default: m.InspectPage }))),
  },
  {
    id: 'diagnose',
    label: 'Diagnose',
    icon: Stethoscope20Regular,
    Page: lazy(() => import('../features/diagnose/diagnose-page').then((m) => ({ default: m.DiagnosePage }))),
  },
  {
    id: 'explain',
    label: 'Explain error',
    icon: QuestionCircle20Regular,
    Page: lazy(() => import('../features/explain/explain-page').then((m) => ({ default: m.ExplainPage }))),
  },
  {
    id: 'settings',
    label: 'Settings',
    icon: Settings20Regular,
    Page: lazy(() => import('../features/settings/settings-page').then((m) => ({ default: m.SettingsPage }))),
  },
];

export const DEFAULT_AREA: AreaId = 'authorize';

export const hrefOf = (id: AreaId): string => `#/${id}`;

/** `#/inspect` → 'inspect'; anything else (including the skip link's own hash) → undefined. */
export function areaFromHash(hash: string): AreaId | undefined {
  const m = /^#\/([a-z]+)(?:[/?].*)?$/.exec(hash);
  const id = m?.[1];
  return AREAS.find((a) => a.id === id)?.id;
}
