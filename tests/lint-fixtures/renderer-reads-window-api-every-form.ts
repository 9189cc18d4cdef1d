// Fixture: every spelling of the global api object fails outside renderer/src/api.ts.
// lint-rooms.test.ts expects no-restricted-syntax on each line marked "fires".
export const a = window['api']; // fires
export const b = globalThis.api; // fires
export const c = self.api; // fires
export const d = window[`api`]; // fires
export const e = (window as unknown as { api: unknown }).api; // fires
export const f = window!.api; // fires
const { api: g } = window; // fires
export const h = window?.api; // fires
export { g };
