// Fixture: shared/ touching the DOM must fail lint.
export const title = (): string => document.title;
