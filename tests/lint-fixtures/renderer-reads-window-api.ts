// Fixture: a renderer file other than renderer/src/api.ts reading window.api must fail lint.
export const tokens = window.api.tokens;
