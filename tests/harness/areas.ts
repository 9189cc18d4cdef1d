// Which area `npm run harness -- --area <name>` opens: the area's id (its feature folder and route, e.g.
// `tokens`), or for convenience its former id (`inspect`, `product`) or its label (`"Inspect token"`), in any
// letter case. The names come from the renderer's own table, so a new area needs no change here.
import { AREA_NAMES, type AreaId } from '../../renderer/src/shell/area-ids';

/** The area id a name given on the command line means, or undefined when it names none. */
export function resolveArea(name: string): AreaId | undefined {
  const wanted = name.trim().toLowerCase();
  return AREA_NAMES.find((a) => [a.id, a.formerly, a.label].some((n) => n?.toLowerCase() === wanted))?.id;
}

/** For the usage line: `authorize|product-session|tokens|…`. */
export const AREA_CHOICES: string = AREA_NAMES.map((a) => a.id).join('|');
