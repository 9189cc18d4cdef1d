// The areas' names as data, without React: ids (each the name of its feature folder under renderer/src/features,
// shared/ and electron/services, and its route #/<id>), the labels an Azure-portal-literate admin reads, and the
// ids they had before the feature names were aligned. The test harness reads this module to resolve --area
// (tests/harness/areas.ts); areas.ts adds each area's icon and page.

export const AREA_IDS = [
  'authorize',
  'product-session',
  'tokens',
  'diagnose',
  'audit',
  'watch',
  'explain',
  'settings',
] as const;
export type AreaId = (typeof AREA_IDS)[number];

export interface AreaName {
  readonly id: AreaId;
  /** Navigation label and window title. */
  readonly label: string;
  /** The id (and route) the area had before it was named after its feature folder, if different. */
  readonly formerly?: string;
}

/** In navigation order. */
export const AREA_NAMES: readonly AreaName[] = [
  { id: 'authorize', label: 'Authorize' },
  // Next to Authorize: the other way to authorize, with the product's own button.
  { id: 'product-session', label: 'Product session', formerly: 'product' },
  { id: 'tokens', label: 'Inspect token', formerly: 'inspect' },
  { id: 'diagnose', label: 'Diagnose' },
  // After Diagnose: an admin's read of the registration itself, and the watch it feeds.
  { id: 'audit', label: 'Audit registration' },
  { id: 'watch', label: 'Watch' },
  { id: 'explain', label: 'Explain error' },
  { id: 'settings', label: 'Settings' },
];

export const DEFAULT_AREA: AreaId = 'authorize';

export const hrefOf = (id: AreaId): string => `#/${id}`;

export const isAreaId = (value: unknown): value is AreaId =>
  typeof value === 'string' && (AREA_IDS as readonly string[]).includes(value);

/** `#/tokens` → 'tokens'; anything else (including the skip link's own hash) → undefined. */
export function areaFromHash(hash: string): AreaId | undefined {
  const id = /^#\/([a-z]+(?:-[a-z]+)*)(?:[/?].*)?$/.exec(hash)?.[1];
  return isAreaId(id) ? id : undefined;
}
