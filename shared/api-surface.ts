// Builds the window.api object from the contract's method names: api.<area>.<action>(request). The preload
// uses it with ipcRenderer.invoke; only names from METHOD_NAMES exist, and the object is frozen.
import { METHOD_NAMES, splitMethod } from './contract-methods';

export type Invoke = (method: string, payload: unknown) => Promise<unknown>;

export function buildApiSurface(
  invoke: Invoke,
): Readonly<Record<string, Readonly<Record<string, (request?: unknown) => Promise<unknown>>>>> {
  const api: Record<string, Record<string, (request?: unknown) => Promise<unknown>>> = {};
  for (const name of METHOD_NAMES) {
    const [area, action] = splitMethod(name);
    const group = (api[area] ??= {});
    group[action] = (request?: unknown) => invoke(name, request ?? {});
  }
  for (const group of Object.values(api)) Object.freeze(group);
  return Object.freeze(api);
}
